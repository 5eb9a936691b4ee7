package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's ABI cache, against the devnet behind a proxy that counts {@code get_raw_abi}: one
 * cache per chain shared by the kit's sessions, a contract upgraded by {@code setabi} picked up
 * by a long-lived session (after an unknown action, an unknown field, or the kit's own
 * {@code setabi}), an unknown action failing as before after one refetch, a cache given in place
 * of the kit's.
 */
@ExtendWith(BlockHoundSupport.class)
class AbiCacheTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final TransactOptions NO_BROADCAST = TransactOptions.DEFAULT.withBroadcast(false);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Name TOKEN = Name.from("eosio.token");
    static final Name CAROL = Name.from("carol");

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.create();

    static Devnet devnet;
    static SessionCachesTest.CountingProxy proxy;
    static ChainDefinition chain;

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        proxy = new SessionCachesTest.CountingProxy(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), proxy.url());
        SessionCachesTest.warmUp(devnet);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.reset();
    }

    static SessionKit.Builder kitBuilder() {
        return SessionKit.builder().appName("abicache").chains(chain).ui(io.antelopekit.ui.HeadlessUserInterface.builder().build())
                .walletPlugins(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
    }

    static Session restore(SessionKit kit, String account) {
        JsonNode key = JSON.createObjectNode().put("privateKey", DevAccount.of(account).privateKey().toSecretString());
        return kit.restore(RestoreArgs.of(chain.id()).withActor(account).withPermission("active")
                .withWalletPlugin(WalletPluginPrivateKey.ID, key)).block(TIMEOUT);
    }

    static ActionRequest transfer(String memo) {
        return ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", memo));
    }

    /** carol's contract ABI: {@code hello(msg[, mood])}, and the actions {@code extra} names with one name field each. */
    static AbiDefinition carolAbi(boolean mood, String... extra) {
        StringBuilder structs = new StringBuilder("{\"name\":\"hello\",\"base\":\"\",\"fields\":[{\"name\":\"msg\",\"type\":\"string\"}"
                + (mood ? ",{\"name\":\"mood\",\"type\":\"string\"}" : "") + "]}");
        StringBuilder actions = new StringBuilder("{\"name\":\"hello\",\"type\":\"hello\",\"ricardian_contract\":\"\"}");
        for (String a : extra) {
            structs.append(",{\"name\":\"").append(a).append("\",\"base\":\"\",\"fields\":[{\"name\":\"who\",\"type\":\"name\"}]}");
            actions.append(",{\"name\":\"").append(a).append("\",\"type\":\"").append(a).append("\",\"ricardian_contract\":\"\"}");
        }
        return AbiDefinition.fromJson("{\"version\":\"eosio::abi/1.2\",\"structs\":[" + structs + "],\"actions\":["
                + actions + "]}");
    }

    static ActionRequest setAbi(AbiDefinition abi) {
        return ActionRequest.of("eosio", "setabi", Map.of("account", "carol", "abi", Hex.encode(abi.encode())));
    }

    /** carol sets her ABI through a session of her own, outside any kit (another process, say). */
    static void setAbiElsewhere(AbiDefinition abi) {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            Session carol = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                    .actor("carol").permission("active")
                    .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("carol").privateKey())).build();
            carol.transact(TransactArgs.of(setAbi(abi))).block(TIMEOUT);
        } finally {
            client.dispose();
        }
    }

    @Test
    void twoSessionsOfOneKitFetchAnAbiOnce() {
        SessionKit kit = kitBuilder().build();
        try {
            Session alice = restore(kit, "alice");
            Session bob = restore(kit, "bob");
            assertThat(alice.abiCache()).isSameAs(bob.abiCache()).isSameAs(kit.abiCache(chain.id()));
            alice.transact(TransactArgs.of(transfer("one")), NO_BROADCAST).block(TIMEOUT);
            bob.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                    Map.of("from", "bob", "to", "alice", "quantity", "0.0001 EOS", "memo", "two"))), NO_BROADCAST)
                    .block(TIMEOUT);
            assertThat(bob.abi(TOKEN).block(TIMEOUT)).isSameAs(alice.abi(TOKEN).block(TIMEOUT));
            assertThat(proxy.count("get_raw_abi")).isEqualTo(1);
        } finally {
            kit.dispose();
        }
    }

    @Test
    void aContractUpgradedBySetabiIsPickedUpByALongLivedSession() {
        setAbiElsewhere(carolAbi(false));
        SessionKit kit = kitBuilder().build();
        try {
            Session alice = restore(kit, "alice");
            TransactResult first = alice.transact(TransactArgs.of(ActionRequest.of("carol", "hello",
                    Map.of("msg", "hi"))), NO_BROADCAST).block(TIMEOUT);
            assertThat(first.transaction().actions().get(0).data().length()).isEqualTo(3);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(1);

            // upgraded elsewhere: hello gets a field, and a new action
            setAbiElsewhere(carolAbi(true, "bye"));
            TransactResult withMood = alice.transact(TransactArgs.of(ActionRequest.of("carol", "hello",
                    Map.of("msg", "hi", "mood", "ok"))), NO_BROADCAST).block(TIMEOUT);
            assertThat(withMood.transaction().actions().get(0).data().length()).isEqualTo(6);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);
            TransactResult bye = alice.transact(TransactArgs.of(ActionRequest.of("carol", "bye",
                    Map.of("who", "bob"))), NO_BROADCAST).block(TIMEOUT);
            assertThat(bye.transaction().actions().get(0).name()).isEqualTo(Name.from("bye"));
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);

            // upgraded through the kit: its setabi forgets carol's ABI in the cache every session shares
            Session carol = restore(kit, "carol");
            carol.transact(TransactArgs.of(setAbi(carolAbi(true, "bye", "ping")))).block(TIMEOUT);
            int afterSetabi = proxy.count("get_raw_abi"); // carol's session fetched eosio's ABI
            Abi now = alice.abi(CAROL).block(TIMEOUT);
            assertThat(now.actionType(Name.from("ping"))).isPresent();
            assertThat(proxy.count("get_raw_abi")).isEqualTo(afterSetabi + 1);
            alice.transact(TransactArgs.of(ActionRequest.of("carol", "ping", Map.of("who", "bob"))), NO_BROADCAST)
                    .block(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(afterSetabi + 1);
        } finally {
            kit.dispose();
        }
    }

    @Test
    void anUnknownActionStillFailsWithTheTypedErrorAfterOneRefetch() {
        SessionKit kit = kitBuilder().build();
        try {
            Session alice = restore(kit, "alice");
            ActionRequest nosuch = ActionRequest.of("eosio.token", "nosuch", Map.of("x", 1));
            StepVerifier.create(alice.transact(TransactArgs.of(nosuch), NO_BROADCAST))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidValueException.class)
                            .hasMessageContaining("nosuch"))
                    .verify(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);
            // at once again: the ABI a refresh just fetched is not fetched again
            StepVerifier.create(alice.transact(TransactArgs.of(nosuch), NO_BROADCAST))
                    .expectError(InvalidValueException.class).verify(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);
            // a known action still encodes with the cached ABI
            alice.transact(TransactArgs.of(transfer("known")), NO_BROADCAST).block(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(2);
        } finally {
            kit.dispose();
        }
    }

    @Test
    void pinnedAbisAreNeverRefreshed() {
        ChainClient direct = ChainClient.create(devnet.url());
        Abi token;
        try {
            token = DefaultAbiCache.of(direct).abi(TOKEN).block(TIMEOUT);
        } finally {
            direct.dispose();
        }
        SessionKit kit = kitBuilder().abi(TOKEN, token).build();
        try {
            Session alice = restore(kit, "alice");
            StepVerifier.create(alice.transact(TransactArgs.of(ActionRequest.of("eosio.token", "nosuch", Map.of())),
                    NO_BROADCAST)).expectError(InvalidValueException.class).verify(TIMEOUT);
            alice.transact(TransactArgs.of(transfer("pinned")), NO_BROADCAST).block(TIMEOUT);
            assertThat(proxy.count("get_raw_abi")).isZero();
        } finally {
            kit.dispose();
        }
    }

    /** A cache of the application's: counts requests, fetches through a client of its own. */
    static final class CountingCache implements AbiCache {
        final AbiCache inner;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        CountingCache(ChainClient client) {
            inner = DefaultAbiCache.of(client);
        }

        int calls(String what) {
            AtomicInteger n = calls.get(what);
            return n == null ? 0 : n.get();
        }

        @Override
        public Mono<Abi> abi(Name contract) {
            calls.computeIfAbsent("abi", k -> new AtomicInteger()).incrementAndGet();
            return inner.abi(contract);
        }

        @Override
        public void invalidate(Name contract) {
            calls.computeIfAbsent("invalidate", k -> new AtomicInteger()).incrementAndGet();
            inner.invalidate(contract);
        }
    }

    @Test
    void aReplacedCacheIsUsed() {
        ChainClient direct = ChainClient.create(devnet.url()); // not through the proxy
        CountingCache cache = new CountingCache(direct);
        SessionKit kit = kitBuilder().abiCache(chain.id(), cache).build();
        try {
            assertThat(kit.abiCache(chain.id())).isSameAs(cache);
            Session alice = restore(kit, "alice");
            assertThat(alice.abiCache()).isSameAs(cache);
            alice.transact(TransactArgs.of(transfer("own cache")), NO_BROADCAST).block(TIMEOUT);
            assertThat(cache.calls("abi")).isPositive();
            assertThat(proxy.count("get_raw_abi")).isZero();

            // the default refresh of the interface: invalidate, then abi
            StepVerifier.create(alice.transact(TransactArgs.of(ActionRequest.of("eosio.token", "nosuch", Map.of())),
                    NO_BROADCAST)).expectError(InvalidValueException.class).verify(TIMEOUT);
            assertThat(cache.calls("invalidate")).isEqualTo(1);

            // sessions built directly share a cache given to their builders
            ChainClient client = ChainClient.create(proxy.url());
            try {
                AbiCache shared = DefaultAbiCache.of(client);
                for (int i = 0; i < 2; i++) {
                    Session s = Session.builder().chain(chain).client(client).actor("alice").permission("active")
                            .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                            .abiCache(shared).build();
                    s.transact(TransactArgs.of(transfer("shared " + i)), NO_BROADCAST).block(TIMEOUT);
                }
                assertThat(proxy.count("get_raw_abi")).isEqualTo(1);
            } finally {
                client.dispose();
            }
        } finally {
            kit.dispose();
            direct.dispose();
        }
    }

    @Test
    void theDefaultCacheIsBounded() {
        ChainClient client = ChainClient.create(proxy.url());
        try {
            DefaultAbiCache cache = DefaultAbiCache.of(() -> client, 1);
            cache.abi(TOKEN).block(TIMEOUT);
            cache.abi(Name.from("eosio")).block(TIMEOUT);
            assertThat(cache.size()).isEqualTo(1);
            cache.abi(TOKEN).block(TIMEOUT);
            assertThat(cache.fetches()).isEqualTo(3);
            assertThat(proxy.count("get_raw_abi")).isEqualTo(3);
        } finally {
            client.dispose();
        }
    }
}
