package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Session} against the embedded devnet: what lands, what the chain refuses, hooks, placeholders. */
@ExtendWith(BlockHoundSupport.class)
class SessionDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name TOKEN = Name.from("eosio.token");

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        // blocks every 500 ms, one block-timestamp slot: the chain's clock follows the wall clock, so a
        // transaction that waits in the client's queue does not expire on a racing chain clock
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        SessionCachesTest.warmUp(devnet);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session.Builder alice() {
        return Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
    }

    static ActionRequest transfer(String to, String quantity, String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", to, "quantity", quantity, "memo", memo));
    }

    static String balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).toString()).block(TIMEOUT);
    }

    @Test
    void aTokenTransferIsAcceptedAndPlaceholdersAreResolved() {
        Session session = alice().build();
        String before = balance("bob");
        TransactResult r = session.transact(TransactArgs.of(transfer("bob", "1.0000 EOS", "hello"))).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.response().transactionId()).isEqualTo(r.id());
        assertThat(r.id()).isEqualTo(r.transaction().id());
        assertThat(r.signatures()).hasSize(1);
        assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(devnet.chainId())))
                .isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(r.signer()).isEqualTo(DevAccount.of("alice").active());
        Action a = r.transaction().actions().get(0);
        assertThat(a.authorization()).containsExactly(DevAccount.of("alice").active());
        JsonNode data = a.decodeData(session.abi(TOKEN).block(TIMEOUT));
        assertThat(data.get("from").asText()).isEqualTo("alice");
        assertThat(data.get("to").asText()).isEqualTo("bob");
        assertThat(r.transaction().header().expiration().seconds()).isGreaterThan(0);
        assertThat(balance("bob")).isNotEqualTo(before);
        assertThat(io.antelopekit.chain.Asset.from(balance("bob")).units()
                - io.antelopekit.chain.Asset.from(before).units()).isEqualTo(10_000L);
    }

    @Test
    void placeholdersInJsonDataAndExplicitAuthorizationAreResolvedInNameFieldsOnly() throws Exception {
        Session session = alice().build();
        JsonNode data = new ObjectMapper().readTree(
                "{\"from\":\"............1\",\"to\":\"............2\",\"quantity\":\"0.0001 EOS\","
                        + "\"memo\":\"............1\"}");
        ActionRequest req = ActionRequest.of("eosio.token", "transfer",
                List.of(ActionRequest.PLACEHOLDER_SIGNER), data);
        Transaction t = session.transact(TransactArgs.of(req), TransactOptions.DEFAULT.withBroadcast(false))
                .block(TIMEOUT).transaction();
        JsonNode decoded = t.actions().get(0).decodeData(session.abi(TOKEN).block(TIMEOUT));
        assertThat(decoded.get("from").asText()).isEqualTo("alice");
        assertThat(decoded.get("to").asText()).isEqualTo("active");
        // memo is a string: text that reads like a placeholder is kept, as a signing request keeps it
        assertThat(decoded.get("memo").asText()).isEqualTo("............1");
        assertThat(t.actions().get(0).authorization()).containsExactly(DevAccount.of("alice").active());
        assertThat(data.get("from").asText()).as("the caller's data is not changed").isEqualTo("............1");
    }

    @Test
    void aTransactionRefusedByTheChainSurfacesTheNodesErrorName() {
        // bob's key cannot sign for alice@active
        Session forged = alice().walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey())).build();
        StepVerifier.create(forged.transact(TransactArgs.of(transfer("bob", "1.0000 EOS", "forged"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    assertThat(((ChainApiException) e).name()).isEqualTo("unsatisfied_authorization");
                })
                .verify(TIMEOUT);
        Session session = alice().build();
        StepVerifier.create(session.transact(TransactArgs.of(transfer("bob", "999999999.0000 EOS", "too much"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    ChainApiException api = (ChainApiException) e;
                    assertThat(api.name()).isEqualTo("eosio_assert_message_exception");
                    assertThat(api.code()).isEqualTo(3050003L);
                    assertThat(api.details()).isNotEmpty();
                    assertThat(api.details().get(0).message()).contains("overdrawn balance");
                })
                .verify(TIMEOUT);
    }

    /** Records every hook and UI callback into one list. */
    static final class Recorder implements UserInterface {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        TransactPlugin plugin(String id, java.util.function.Function<Transaction, Transaction> change) {
            return new TransactPlugin() {
                public String id() {
                    return id;
                }

                public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                    return Mono.fromSupplier(() -> {
                        calls.add(id + ".beforeSign");
                        Transaction changed = change.apply(t);
                        return changed == null ? null : TransactHookResult.modify(changed);
                    });
                }

                public Mono<Void> afterSign(SignedTransaction t, TransactContext c) {
                    return Mono.fromRunnable(() -> calls.add(id + ".afterSign"));
                }

                public Mono<Void> afterBroadcast(TransactResult r, TransactContext c) {
                    return Mono.fromRunnable(() -> calls.add(id + ".afterBroadcast"));
                }
            };
        }

        private Mono<Void> record(String name) {
            return Mono.fromRunnable(() -> calls.add(name));
        }

        public Mono<Void> onTransact() {
            return record("ui.onTransact");
        }

        public Mono<Void> onSign() {
            return record("ui.onSign");
        }

        public Mono<Void> onSignComplete() {
            return record("ui.onSignComplete");
        }

        public Mono<Void> onBroadcast() {
            return record("ui.onBroadcast");
        }

        public Mono<Void> onBroadcastComplete() {
            return record("ui.onBroadcastComplete");
        }

        public Mono<Void> onTransactComplete() {
            return record("ui.onTransactComplete");
        }

        public Mono<Void> onError(Throwable e) {
            return record("ui.onError");
        }
    }

    @Test
    void hooksAndUiCallbacksRunInOrder() {
        Recorder rec = new Recorder();
        Session session = alice().ui(rec)
                .transactPlugins(rec.plugin("a", t -> null), rec.plugin("b", t -> null)).build();
        StepVerifier.create(session.transact(TransactArgs.of(transfer("bob", "0.0001 EOS", "order"))))
                .assertNext(r -> assertThat(r.revisions()).extracting(TransactResult.Revision::pluginId)
                        .containsExactly("a", "b"))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(rec.calls).containsExactly("ui.onTransact", "a.beforeSign", "b.beforeSign", "ui.onSign",
                "a.afterSign", "b.afterSign", "ui.onSignComplete", "ui.onBroadcast", "a.afterBroadcast",
                "b.afterBroadcast", "ui.onBroadcastComplete", "ui.onTransactComplete");

        rec.calls.clear();
        StepVerifier.create(session.transact(TransactArgs.of(transfer("bob", "0.0001 EOS", "order 2")),
                        TransactOptions.DEFAULT.withBroadcast(false)))
                .assertNext(r -> assertThat(r.response()).isNull())
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(rec.calls).containsExactly("ui.onTransact", "a.beforeSign", "b.beforeSign", "ui.onSign",
                "a.afterSign", "b.afterSign", "ui.onSignComplete", "ui.onTransactComplete");
    }

    @Test
    void aHookChangesTheTransactionOnlyWhenModificationIsAllowed() {
        Abi abi = alice().build().abi(TOKEN).block(TIMEOUT);
        Recorder rec = new Recorder();
        TransactPlugin memo = rec.plugin("memo", t -> t.withActions(List.of(Action.of(TOKEN, "transfer",
                t.actions().get(0).authorization(), Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS",
                        "memo", "changed"), abi))));
        Session session = alice().transactPlugins(memo).build();

        TransactResult changed = session.transact(TransactArgs.of(transfer("bob", "0.0001 EOS", "original")))
                .block(TIMEOUT);
        assertThat(changed.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("memo", true, 0));
        assertThat(changed.transaction().actions().get(0).decodeData(abi).get("memo").asText()).isEqualTo("changed");

        TransactResult kept = session.transact(TransactArgs.of(transfer("bob", "0.0001 EOS", "original2")),
                TransactOptions.DEFAULT.withAllowModify(false)).block(TIMEOUT);
        assertThat(kept.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("memo", false, 0));
        assertThat(kept.transaction().actions().get(0).decodeData(abi).get("memo").asText()).isEqualTo("original2");
        assertThat(kept.response()).isNotNull();
    }

    /** A plugin that co-signs for bob: adds bob's action when {@code addAction}, completes the header, signs. */
    static TransactPlugin bobCosigns(boolean addAction) {
        return new TransactPlugin() {
            public String id() {
                return "bob-cosigns";
            }

            public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                Mono<Transaction> withAction = !addAction ? Mono.just(t) : c.abi(TOKEN).map(abi -> {
                    List<Action> actions = new ArrayList<>(t.actions());
                    actions.add(Action.of(TOKEN, "transfer", DevAccount.of("bob").active(), Map.of("from", "bob",
                            "to", "carol", "quantity", "0.0001 EOS", "memo", "cosigned"), abi));
                    return t.withActions(actions);
                });
                return withAction.flatMap(c::resolveHeader).map(full -> TransactHookResult.sign(full, List.of(
                        DevAccount.of("bob").privateKey().signDigest(full.signingDigest(c.chain().id())))));
            }
        };
    }

    @Test
    void aPluginThatAddsAnActionCompletesTheHeaderAndCosignsLands() {
        Session session = alice().transactPlugins(bobCosigns(true)).build();
        long carol = units(balance("carol"));
        TransactResult r = session.transact(TransactArgs.of(transfer("carol", "0.0001 EOS", "with a cosigner")))
                .block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.transaction().actions()).hasSize(2);
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("bob-cosigns", true, 1));
        io.antelopekit.chain.Checksum256 digest = r.transaction().signingDigest(devnet.chainId());
        assertThat(r.signatures()).hasSize(2);
        assertThat(r.signatures().get(0).recover(digest)).isEqualTo(DevAccount.of("bob").publicKey());
        assertThat(r.signatures().get(1).recover(digest)).isEqualTo(DevAccount.of("alice").publicKey());
        assertThat(units(balance("carol")) - carol).isEqualTo(2);
    }

    @Test
    void aHeaderCompletionIsAppliedEvenWhenModificationIsNotAllowed() {
        Session session = alice().allowModify(false).transactPlugins(bobCosigns(false)).build();
        ActionRequest fromBob = ActionRequest.of("eosio.token", "transfer", List.of(DevAccount.of("bob").active()),
                Map.of("from", "bob", "to", "carol", "quantity", "0.0001 EOS", "memo", "bob too"));
        TransactResult r = session.transact(TransactArgs.of(transfer("carol", "0.0001 EOS", "both"), fromBob))
                .block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(r.signatures()).hasSize(2);
        assertThat(r.revisions())
                .extracting("pluginId", "modified", "signatures")
                .containsExactly(org.assertj.core.api.Assertions.tuple("bob-cosigns", true, 1));

        // a change beyond the header is still refused, and so is the signature of it
        StepVerifier.create(alice().allowModify(false).transactPlugins(bobCosigns(true)).build()
                        .transact(TransactArgs.of(transfer("carol", "0.0001 EOS", "refused change"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SessionException.class)
                        .hasMessageContaining("not applied"))
                .verify(TIMEOUT);
    }

    @Test
    void nothingHappensBeforeSubscription() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        reactor.netty.DisposableServer server = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> {
                    requests.incrementAndGet();
                    return res.status(500).send();
                })
                .bindNow();
        // one connection, no retries: a request sent while the Monos are made would hold the connection
        // before the probe below, so it would reach the server before the probe has its answer
        ChainClient counting = ChainClient.builder().endpoint("http://127.0.0.1:" + server.port()).maxConnections(1)
                .readRetry(io.antelopekit.api.RetryPolicy.none()).build();
        try {
            Recorder rec = new Recorder();
            Session session = Session.builder().chain(chain).client(counting).actor("alice").permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                    .ui(rec).transactPlugins(rec.plugin("a", t -> null)).build();
            Mono<TransactResult> unsubscribed = session.transact(TransactArgs.of(transfer("bob", "1.0000 EOS", "x")));
            Mono<List<io.antelopekit.crypto.Signature>> sign = session.signTransaction(
                    Transaction.of(new io.antelopekit.chain.transaction.TransactionHeader(
                            io.antelopekit.chain.TimePointSec.of(1), 0, 0, 0, 0, 0)));
            assertThat(requests).hasValue(0);
            counting.getInfo().onErrorResume(e -> Mono.empty()).block(TIMEOUT); // the probe: answered 500
            assertThat(requests).as("the probe alone").hasValue(1);
            assertThat(rec.calls).isEmpty();
            assertThat(unsubscribed).isNotNull();
            assertThat(sign).isNotNull();
        } finally {
            counting.dispose();
            server.disposeNow();
        }
    }

    @Test
    void twoThousandConcurrentTransactsOnOneSessionAllLand() {
        // the default pool (64 connections): the 2,000 requests queue for a connection. The client's
        // response timeout also runs while a request waits for one, so it is set for the whole queue
        ChainClient queueing = ChainClient.builder().endpoints(devnet.url()).responseTimeout(Duration.ofSeconds(150))
                .build();
        // the last requests wait long in the queue on a loaded machine: a long expiration
        Session session = alice().client(queueing).expireSeconds(900).build();
        long aliceBefore = units(balance("alice"));
        long carolBefore = units(balance("carol"));
        int n = 2000;
        List<TransactResult> results = Flux.range(0, n)
                .flatMap(i -> session.transact(TransactArgs.of(transfer("carol", "0.0001 EOS", "concurrent " + i))),
                        n)
                .collectList().block(Duration.ofSeconds(180));
        assertThat(results).hasSize(n);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.response()).isNotNull();
            assertThat(r.response().transactionId()).isEqualTo(r.id());
        });
        assertThat(results.stream().map(TransactResult::id).distinct().count()).isEqualTo(n);
        assertThat(units(balance("carol")) - carolBefore).isEqualTo(n * 1L);
        assertThat(aliceBefore - units(balance("alice"))).isEqualTo(n * 1L);
        queueing.dispose();
    }

    static long units(String asset) {
        return io.antelopekit.chain.Asset.from(asset).units();
    }

    @Test
    void serializesInWharfKitsShapeWithoutKeysByDefault() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Session session = alice().build();
        JsonNode json = mapper.valueToTree(session.serialize());
        assertThat(json.get("chain").asText()).isEqualTo(devnet.chainId().toString());
        assertThat(json.get("actor").asText()).isEqualTo("alice");
        assertThat(json.get("permission").asText()).isEqualTo("active");
        assertThat(json.get("walletPlugin").get("id").asText()).isEqualTo("wallet-plugin-privatekey");
        assertThat(json.get("walletPlugin").get("data").size()).isZero();
        assertThat(json.has("default")).isFalse();

        WalletPluginPrivateKey withKey = WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())
                .withKeysSerialized();
        SerializedSession stored = mapper.readValue(mapper.writeValueAsString(
                alice().walletPlugin(withKey).build().serialize().withDefault(true)), SerializedSession.class);
        assertThat(stored.isDefault()).isTrue();
        WalletPluginFactory factory = ServiceLoader.load(WalletPluginFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals(stored.walletPlugin().id()))
                .findFirst().orElseThrow();
        WalletPluginPrivateKey restored = (WalletPluginPrivateKey) factory.restore(stored.walletPlugin().data());
        assertThat(restored.publicKeys()).containsExactly(DevAccount.of("alice").publicKey());
        assertThat(restored.toString()).doesNotContain("PVT_");
    }
}
