package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The session's timers, read from a {@link SimpleMeterRegistry}, against the devnet. */
@ExtendWith(BlockHoundSupport.class)
class SessionMetricsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String WALLET = WalletPluginPrivateKey.ID;

    static Devnet devnet;
    static ChainClient client;
    static ChainDefinition chain;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session.Builder alice(SimpleMeterRegistry registry) {
        return Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .meterRegistry(registry);
    }

    static TransactArgs transfer(String quantity, String memo) {
        return TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", quantity, "memo", memo)));
    }

    static long count(SimpleMeterRegistry registry, String name, String wallet, String outcome) {
        Timer t = registry.find(name)
                .tags("chain", devnet.chainId().toString(), "wallet", wallet, "outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void aTransactIsTimedWithItsSignatureAndBroadcastByChainWalletAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        alice(registry).build().transact(transfer("0.0001 EOS", "timed")).block(TIMEOUT);
        assertThat(count(registry, "antelopekit.session.transact", WALLET, "success")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.sign", WALLET, "success")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.broadcast", WALLET, "success")).isEqualTo(1);
        for (String outcome : new String[] {"error", "cancelled"}) {
            assertThat(count(registry, "antelopekit.session.transact", WALLET, outcome)).isZero();
        }
        Timer transact = registry.find("antelopekit.session.transact").tag("outcome", "success").timer();
        assertThat(transact.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // every session meter carries exactly the tags chain, wallet, outcome, from a closed set
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getName()).isIn("antelopekit.session.transact", "antelopekit.session.sign",
                    "antelopekit.session.broadcast");
            Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
            assertThat(keys).containsExactlyInAnyOrder("chain", "wallet", "outcome");
            assertThat(m.getId().getTag("outcome")).isIn("success", "error", "cancelled");
            assertThat(m.getId().getTag("chain")).isEqualTo(devnet.chainId().toString());
            assertThat(m.getId().getTag("wallet")).isEqualTo(WALLET);
        }
    }

    @Test
    void aRefusalIsAnErrorOfTheTransactAndTheBroadcast() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StepVerifier.create(alice(registry).build().transact(transfer("99999999999.0000 EOS", "too much")))
                .expectError(ChainApiException.class)
                .verify(TIMEOUT);
        assertThat(count(registry, "antelopekit.session.transact", WALLET, "error")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.broadcast", WALLET, "error")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.sign", WALLET, "success")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.transact", WALLET, "success")).isZero();
    }

    @Test
    void withoutBroadcastNothingIsBroadcastAndSignTransactionIsASignature() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Session session = alice(registry).build();
        Transaction t = session.transact(transfer("0.0001 EOS", "kept"), TransactOptions.DEFAULT.withBroadcast(false))
                .block(TIMEOUT).transaction();
        session.signTransaction(t).block(TIMEOUT);
        assertThat(count(registry, "antelopekit.session.transact", WALLET, "success")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.sign", WALLET, "success")).isEqualTo(2);
        assertThat(count(registry, "antelopekit.session.broadcast", WALLET, "success")).isZero();
        assertThat(count(registry, "antelopekit.session.broadcast", WALLET, "error")).isZero();
    }

    /** A wallet whose signature never comes, or that the user cancels. */
    static WalletPlugin wallet(Mono<WalletPluginSignResponse> answer, CountDownLatch asked) {
        return new WalletPlugin() {
            public String id() {
                return "test-wallet";
            }

            public WalletPluginMetadata metadata() {
                return WalletPluginMetadata.of("Test wallet");
            }

            public Mono<WalletPluginLoginResponse> login(LoginContext context) {
                return Mono.error(new UnsupportedOperationException());
            }

            public Mono<WalletPluginSignResponse> sign(Transaction t, TransactContext c) {
                return answer.doOnSubscribe(s -> asked.countDown());
            }
        };
    }

    @Test
    void aCancelledSubscriptionIsACancelledTransactAndSignature() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch asked = new CountDownLatch(1);
        Session session = alice(registry).walletPlugin(wallet(Mono.never(), asked)).build();
        Disposable d = session.transact(transfer("0.0001 EOS", "never")).subscribe();
        assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();
        d.dispose();
        assertThat(count(registry, "antelopekit.session.transact", "test-wallet", "cancelled")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.sign", "test-wallet", "cancelled")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.broadcast", "test-wallet", "cancelled")).isZero();
    }

    @Test
    void aUsersCancelIsCancelledAndKeepsItsType() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Session session = alice(registry)
                .walletPlugin(wallet(Mono.error(new CancelledException("the user closed the wallet")),
                        new CountDownLatch(1)))
                .build();
        StepVerifier.create(session.transact(transfer("0.0001 EOS", "cancel")))
                .expectError(CancelledException.class)
                .verify(TIMEOUT);
        assertThat(count(registry, "antelopekit.session.transact", "test-wallet", "cancelled")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.sign", "test-wallet", "cancelled")).isEqualTo(1);
        assertThat(count(registry, "antelopekit.session.transact", "test-wallet", "error")).isZero();
    }
}
