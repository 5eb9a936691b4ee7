package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.session.SessionKitTestSupport.Calls;
import io.antelopekit.session.SessionKitTestSupport.RecordingUi;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SessionKit#restore(RestoreArgs)} of a session described by its arguments (WharfKit's
 * {@code restore(args)} with {@code walletPlugin: {id, data}}) and
 * {@link SessionKit#restore(RestoreArgs, LoginOptions)}, against the devnet.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionKitRestoreArgsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    static Devnet devnet;
    static ChainDefinition chain;

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        devnet.produceBlocks(4).block(TIMEOUT);
    }

    /** A kit whose registered private-key wallet holds carol's key only. */
    static SessionKit kit(ReactiveSessionStorage storage) {
        return SessionKit.builder().appName("restoreargs").chains(chain).ui(new RecordingUi(new Calls()))
                .storage(storage).walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("carol").privateKey()))
                .build();
    }

    /** The private-key wallet's data holding {@code account}'s key, as it serializes it when asked to. */
    static JsonNode keyData(String account) {
        return JSON.createObjectNode().put("privateKey", DevAccount.of(account).privateKey().toSecretString());
    }

    static ActionRequest transfer(String from, String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", from, "to", "dave", "quantity", "0.0001 EOS", "memo", memo));
    }

    static long balance(Session session, String account) {
        return session.client().getCurrencyBalance(Name.from("eosio.token"), Name.from(account),
                SymbolCode.from("EOS")).map(b -> b.balances().get(0).units()).block(TIMEOUT);
    }

    static JsonNode stored(ReactiveSessionStorage storage, String key) throws Exception {
        String text = storage.read(key).block(TIMEOUT);
        return text == null ? null : JSON.readTree(text);
    }

    @Test
    void aSessionBuiltFromTheArgumentsAloneOnAnEmptyStorageTransactsAndIsStored() throws Exception {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        kit.events().subscribe(events::add);
        try {
            ObjectNode appData = JSON.createObjectNode().put("theme", "dark");
            Session alice = kit.restore(RestoreArgs.of(chain.id()).withActor("alice").withPermission("active")
                    .withWalletPlugin(WalletPluginPrivateKey.ID, keyData("alice")).withData(appData))
                    .block(TIMEOUT);
            assertThat(alice).isNotNull();
            assertThat(alice.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
            assertThat(alice.chain().id()).isEqualTo(chain.id());
            assertThat(alice.client()).isSameAs(kit.client(chain.id()));
            assertThat(alice.serialize().data()).isEqualTo(appData);

            // the wallet was rebuilt from the arguments' data: it signs for alice, which the kit's wallet cannot
            long before = balance(alice, "dave");
            TransactResult r = alice.transact(TransactArgs.of(transfer("alice", "restored from args"))).block(TIMEOUT);
            assertThat(r.response()).isNotNull();
            assertThat(r.signatures()).hasSize(1);
            assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(chain.id())))
                    .isEqualTo(DevAccount.of("alice").publicKey());
            assertThat(balance(alice, "dave") - before).isEqualTo(1);

            // stored as WharfKit stores it, not as the default (the args did not ask for it)
            JsonNode list = stored(storage, "sessions");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("actor").asText()).isEqualTo("alice");
            assertThat(list.get(0).get("walletPlugin").get("data")).isEqualTo(keyData("alice"));
            assertThat(list.get(0).get("data")).isEqualTo(appData);
            assertThat(list.get(0).get("default").asBoolean()).isFalse();
            assertThat(stored(storage, "session")).isNull();
            assertThat(events).extracting(SessionEvent::type).containsExactly(SessionEvent.Type.RESTORE);

            // a new kit on the same storage restores it from storage now
            SessionKit second = kit(storage);
            try {
                Session again = second.restore(RestoreArgs.of(chain.id()).withActor("alice").withPermission("active"))
                        .block(TIMEOUT);
                assertThat(again.permissionLevel()).isEqualTo(PermissionLevel.from("alice@active"));
                assertThat(again.transact(TransactArgs.of(transfer("alice", "again"))).block(TIMEOUT).response())
                        .isNotNull();
            } finally {
                second.dispose();
            }
        } finally {
            kit.dispose();
        }
    }

    @Test
    void argumentsThatDoNotNameActorPermissionAndWalletRestoreNothingWhenNothingIsStored() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            StepVerifier.create(kit.restore(RestoreArgs.of(chain.id()).withActor("alice").withPermission("active")))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(kit.restore(RestoreArgs.of(chain.id()).withActor("alice")
                    .withWalletPlugin(WalletPluginPrivateKey.ID, keyData("alice")))).expectComplete().verify(TIMEOUT);
            assertThat(storage.read("sessions").block(TIMEOUT)).isNull();
        } finally {
            kit.dispose();
        }
    }

    @Test
    void aStoredMatchWinsButTheArgumentsWalletDataReplacesItsWalletData() throws Exception {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            ObjectNode storedData = JSON.createObjectNode().put("from", "storage");
            kit.persistSession(new SerializedSession(chain.id().toString(), "bob", "active",
                    new SerializedSession.WalletData(WalletPluginPrivateKey.ID, JSON.createObjectNode()), storedData,
                    true)).block(TIMEOUT);

            Session bob = kit.restore(RestoreArgs.of(chain.id()).withActor("bob").withPermission("active")
                    .withWalletPlugin(WalletPluginPrivateKey.ID, keyData("bob"))
                    .withData(JSON.createObjectNode().put("from", "args"))).block(TIMEOUT);
            // the stored session's application data wins; the wallet is rebuilt from the arguments' data
            assertThat(bob.serialize().data()).isEqualTo(storedData);
            TransactResult r = bob.transact(TransactArgs.of(transfer("bob", "stored, new wallet data"))).block(TIMEOUT);
            assertThat(r.signatures().get(0).recover(r.transaction().signingDigest(chain.id())))
                    .isEqualTo(DevAccount.of("bob").publicKey());

            // stored again with the new wallet data; still the default it was
            JsonNode list = stored(storage, "sessions");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("walletPlugin").get("data")).isEqualTo(keyData("bob"));
            assertThat(list.get(0).get("data")).isEqualTo(storedData);
            assertThat(list.get(0).get("default").asBoolean()).isTrue();
            assertThat(stored(storage, "session").get("walletPlugin").get("data")).isEqualTo(keyData("bob"));
        } finally {
            kit.dispose();
        }
    }

    @Test
    void restoreWithOptionsUsesTheirTransactPluginsAndTheirSetAsDefault() throws Exception {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            List<String> seen = new CopyOnWriteArrayList<>();
            TransactPlugin recorder = new TransactPlugin() {
                @Override
                public String id() {
                    return "recorder";
                }

                @Override
                public Mono<TransactHookResult> beforeSign(Transaction t, TransactContext c) {
                    return Mono.fromRunnable(() -> seen.add(c.permissionLevel() + " "
                            + c.pluginOptions("recorder")));
                }
            };
            RestoreArgs args = RestoreArgs.of(chain.id()).withActor("alice").withPermission("active")
                    .withWalletPlugin(WalletPluginPrivateKey.ID, keyData("alice"));
            // WharfKit's default: a restore with options makes the session its chain's default
            Session alice = kit.restore(args, LoginOptions.builder().transactPlugins(recorder)
                    .transactPluginsOptions(Map.of("recorder", JSON.createObjectNode().put("n", 1))).build())
                    .block(TIMEOUT);
            assertThat(alice.transact(TransactArgs.of(transfer("alice", "with options"))).block(TIMEOUT).response())
                    .isNotNull();
            assertThat(seen).containsExactly("alice@active {\"n\":1}");
            assertThat(stored(storage, "session").get("actor").asText()).isEqualTo("alice");
            assertThat(stored(storage, "sessions").get(0).get("default").asBoolean()).isTrue();

            // setAsDefault(false) in the options wins over the arguments' true; the kit's plugins (none) apply
            seen.clear();
            Session bob = kit.restore(RestoreArgs.of(chain.id()).withActor("bob").withPermission("active")
                    .withWalletPlugin(WalletPluginPrivateKey.ID, keyData("bob")).withSetAsDefault(true),
                    LoginOptions.builder().setAsDefault(false).build()).block(TIMEOUT);
            assertThat(bob.transact(TransactArgs.of(transfer("bob", "no plugins"))).block(TIMEOUT).response())
                    .isNotNull();
            assertThat(seen).isEmpty();
            assertThat(stored(storage, "session").get("actor").asText()).isEqualTo("alice");
            assertThat(kit.getSessions().map(SerializedSession::actor).collectList().block(TIMEOUT))
                    .containsExactly("alice", "bob");
        } finally {
            kit.dispose();
        }
    }
}
