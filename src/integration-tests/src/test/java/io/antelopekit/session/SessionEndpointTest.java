package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.LoginContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Session#setEndpoint}, {@link Session#setData} and {@link Session#serialize()}, on the devnet. */
@ExtendWith(BlockHoundSupport.class)
class SessionEndpointTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static Devnet devnet;
    static SessionCachesTest.CountingProxy proxy;
    static ChainDefinition chain;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        proxy = new SessionCachesTest.CountingProxy(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
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

    static Session.Builder alice() {
        return Session.builder().chain(chain).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()));
    }

    static TransactArgs transfer(String memo) {
        return TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", memo)));
    }

    @Test
    void aNewUrlGetsANewClientAndTheOldOneTheSessionMadeIsClosed() {
        Session session = alice().build();
        ChainClient first = session.client();
        session.transact(transfer("before the switch")).block(TIMEOUT);
        assertThat(proxy.count("send_transaction2")).isZero();

        session.setEndpoint(proxy.url());
        assertThat(session.client()).isNotSameAs(first);
        assertThat(first.isDisposed()).isTrue();
        assertThat(session.chain().urls()).containsExactly(proxy.url());
        assertThat(session.chain().id()).isEqualTo(devnet.chainId());
        assertThat(session.serialize().chain()).isEqualTo(devnet.chainId().toString());

        TransactResult r = session.transact(transfer("after the switch")).block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(proxy.count("send_transaction2")).isEqualTo(1);
        session.client().dispose();
    }

    @Test
    void aGivenClientIsNeverClosedAndANewUrlKeepsItsSettings() {
        ChainClient given = ChainClient.builder().endpoints(devnet.url()).responseTimeout(Duration.ofSeconds(42))
                .header("X-Api-Key", "secret").maxConnections(7).build();
        try {
            // (a Reactor Netty pool that never opened a connection reports itself disposed: use it first)
            given.getInfo().block(TIMEOUT);
            Session session = alice().client(given).build();
            session.setEndpoint(proxy.url());
            assertThat(given.isDisposed()).isFalse();
            ChainClient made = session.client();
            made.getInfo().block(TIMEOUT);
            assertThat(made.config().responseTimeout()).isEqualTo(Duration.ofSeconds(42));
            assertThat(made.config().headers()).containsEntry("X-Api-Key", "secret");
            assertThat(made.config().maxConnections()).isEqualTo(7);
            assertThat(made.config().endpoints()).hasSize(1);
            assertThat(made.config().endpoints().get(0).toString()).isEqualTo(proxy.url());

            // back to a given client: the one the session made is closed, the given one is not
            session.setEndpoint(given);
            assertThat(session.client()).isSameAs(given);
            assertThat(made.isDisposed()).isTrue();
            assertThat(session.chain().urls()).containsExactly(devnet.url());
            assertThat(session.transact(transfer("given again")).block(TIMEOUT).response()).isNotNull();
            assertThat(given.isDisposed()).isFalse();
        } finally {
            given.dispose();
        }
    }

    @Test
    void aBadUrlIsRefusedAndChangesNothing() {
        Session session = alice().build();
        ChainClient before = session.client();
        before.getInfo().block(TIMEOUT);
        assertThatThrownBy(() -> session.setEndpoint("ftp://example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://example.com");
        assertThat(session.client()).isSameAs(before);
        assertThat(before.isDisposed()).isFalse();
        before.dispose();
    }

    /** A private-key wallet whose signature waits for {@code go}. */
    static WalletPlugin waitingFor(Mono<Void> go, CountDownLatch asked) {
        WalletPlugin keys = WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey());
        return new WalletPlugin() {
            public String id() {
                return "waiting";
            }

            public WalletPluginMetadata metadata() {
                return keys.metadata();
            }

            public Mono<WalletPluginLoginResponse> login(LoginContext context) {
                return keys.login(context);
            }

            public Mono<WalletPluginSignResponse> sign(Transaction t, TransactContext c) {
                return Mono.fromRunnable(asked::countDown).then(go).then(keys.sign(t, c));
            }
        };
    }

    @Test
    void aTransactRunningDuringASwitchFinishesOnItsClientWhichIsClosedAfterwards() throws Exception {
        Sinks.Empty<Void> go = Sinks.empty();
        CountDownLatch asked = new CountDownLatch(1);
        Session session = alice().walletPlugin(waitingFor(go.asMono(), asked)).build();
        ChainClient first = session.client();
        Mono<TransactResult> running = session.transact(transfer("during the switch")).cache();
        running.subscribe(r -> { }, e -> { });
        assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();

        session.setEndpoint(proxy.url());
        assertThat(first.isDisposed()).as("still used by the running transact").isFalse();
        go.tryEmitEmpty();
        TransactResult r = running.block(TIMEOUT);
        assertThat(r.response()).isNotNull();
        assertThat(proxy.count("send_transaction2")).as("sent on the client it started with").isZero();
        assertThat(first.isDisposed()).isTrue();
        session.client().dispose();
    }

    @Test
    void switchingWhileManyTransactsRunLosesNone() {
        Session session = alice().build();
        int n = 200;
        Flux<Integer> switches = Flux.range(0, 20)
                .delayElements(Duration.ofMillis(20), Schedulers.single())
                .doOnNext(i -> session.setEndpoint(i % 2 == 0 ? proxy.url() : devnet.url()));
        List<TransactResult> results = Flux.range(0, n)
                .flatMap(i -> session.transact(transfer("switching " + i)), 64)
                .collectList()
                .zipWith(switches.then(Mono.just(true)), (list, done) -> list)
                .block(TIMEOUT);
        assertThat(results).hasSize(n).allSatisfy(r -> assertThat(r.response()).isNotNull());
        assertThat(results.stream().map(TransactResult::id).distinct().count()).isEqualTo(n);
        session.client().dispose();
    }

    @Test
    void dataIsPersistedInWharfKitsShape() throws Exception {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            Session session = alice().client(client).build();
            assertThat(session.data()).isNull();
            assertThat(JSON.valueToTree(session.serialize()).has("data")).isFalse();

            JsonNode data = JSON.readTree("{\"theme\":\"dark\",\"n\":1}");
            session.setData(data);
            ((com.fasterxml.jackson.databind.node.ObjectNode) data).put("theme", "light");
            assertThat(session.data().get("theme").asText()).as("a copy is kept").isEqualTo("dark");
            ((com.fasterxml.jackson.databind.node.ObjectNode) session.data()).put("theme", "light");
            assertThat(session.data().get("theme").asText()).as("a copy is given").isEqualTo("dark");

            // exactly what @wharfkit/session's serialize() writes for this session
            String wharfKit = "{\"chain\":\"" + devnet.chainId() + "\",\"actor\":\"alice\",\"permission\":\"active\","
                    + "\"walletPlugin\":{\"id\":\"wallet-plugin-privatekey\",\"data\":{}},"
                    + "\"data\":{\"theme\":\"dark\",\"n\":1}}";
            assertThat(JSON.writeValueAsString(session.serialize())).isEqualTo(wharfKit);
            assertThat(JSON.readValue(wharfKit, SerializedSession.class)).isEqualTo(session.serialize());

            // WharfKit leaves out empty data
            session.setData(JSON.createObjectNode());
            assertThat(JSON.valueToTree(session.serialize()).has("data")).isFalse();
            session.setData(null);
            assertThat(JSON.valueToTree(session.serialize()).has("data")).isFalse();

            Session built = alice().client(client).data(JSON.readTree("{\"k\":[1,2]}")).build();
            assertThat(JSON.valueToTree(built.serialize()).get("data").get("k").get(1).asInt()).isEqualTo(2);
        } finally {
            client.dispose();
        }
    }
}
