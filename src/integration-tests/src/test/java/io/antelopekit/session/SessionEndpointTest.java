package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Session#withEndpoint}, {@link Session#withData}, {@link Session#withUserInterface} and {@link Session#serialize()}, on the devnet. */
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
    void withEndpointGivesANewSessionOnThatClientAndLeavesThisOneAsItWas() {
        ChainClient direct = ChainClient.create(devnet.url());
        ChainClient viaProxy = direct.mutate().clearEndpoints().endpoint(proxy.url()).build();
        try {
            Session session = alice().client(direct).build();
            Session moved = session.withEndpoint(viaProxy);

            assertThat(moved).isNotSameAs(session);
            assertThat(moved.client()).isSameAs(viaProxy);
            assertThat(session.client()).as("the original keeps its client").isSameAs(direct);
            assertThat(moved.chain().urls()).containsExactly(proxy.url());
            assertThat(session.chain().urls()).containsExactly(devnet.url());
            assertThat(moved.chain().id()).isEqualTo(devnet.chainId());
            assertThat(moved.serialize()).isEqualTo(session.serialize());

            TransactResult r = moved.transact(transfer("through the proxy")).block(TIMEOUT);
            assertThat(r.response()).isNotNull();
            assertThat(proxy.count("send_transaction2")).isEqualTo(1);
            assertThat(session.transact(transfer("direct")).block(TIMEOUT).response()).isNotNull();
            assertThat(proxy.count("send_transaction2")).as("the original still goes direct").isEqualTo(1);
            assertThat(direct.isDisposed()).as("a session never closes a client").isFalse();
            assertThat(viaProxy.isDisposed()).isFalse();
        } finally {
            viaProxy.dispose();
            direct.dispose();
        }
    }

    @Test
    void mutateIsTheOneWayToAnotherNodeWithTheSameSettings() {
        ChainClient given = ChainClient.builder().endpoints(devnet.url()).responseTimeout(Duration.ofSeconds(42))
                .header("X-Api-Key", "secret").maxConnections(7).build();
        ChainClient made = given.mutate().clearEndpoints().endpoint(proxy.url()).build();
        try {
            Session moved = alice().client(given).build().withEndpoint(made);
            assertThat(moved.client().config().responseTimeout()).isEqualTo(Duration.ofSeconds(42));
            assertThat(moved.client().config().headers()).containsEntry("X-Api-Key", "secret");
            assertThat(moved.client().config().maxConnections()).isEqualTo(7);
            assertThat(moved.client().config().endpoints()).extracting(Object::toString).containsExactly(proxy.url());
            assertThat(moved.transact(transfer("moved")).block(TIMEOUT).response()).isNotNull();
            assertThat(proxy.count("send_transaction2")).isEqualTo(1);
            assertThat(given.config().endpoints()).extracting(Object::toString).containsExactly(devnet.url());
        } finally {
            made.dispose();
            given.dispose();
        }
    }

    @Test
    void aBadUrlIsRefusedByTheClientBuilder() {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            assertThatThrownBy(() -> client.mutate().clearEndpoints().endpoint("ftp://example.com"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://example.com");
            assertThatThrownBy(() -> alice().client(client).build().withEndpoint(null))
                    .isInstanceOf(NullPointerException.class);
        } finally {
            client.dispose();
        }
    }

    @Test
    void manyTransactsOnASessionAndItsMovedCopyAllLand() {
        ChainClient direct = ChainClient.create(devnet.url());
        ChainClient viaProxy = direct.mutate().clearEndpoints().endpoint(proxy.url()).build();
        try {
            Session session = alice().client(direct).build();
            Session moved = session.withEndpoint(viaProxy);
            int n = 200;
            List<TransactResult> results = Flux.range(0, n)
                    .flatMap(i -> (i % 2 == 0 ? moved : session).transact(transfer("both " + i)), 64)
                    .collectList()
                    .block(TIMEOUT);
            assertThat(results).hasSize(n).allSatisfy(r -> assertThat(r.response()).isNotNull());
            assertThat(results.stream().map(TransactResult::id).distinct().count()).isEqualTo(n);
            assertThat(proxy.count("send_transaction2")).isEqualTo(n / 2);
        } finally {
            viaProxy.dispose();
            direct.dispose();
        }
    }

    @Test
    void copiesNeverChangeEachOther() throws Exception {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            Session session = alice().client(client).data(JSON.readTree("{\"v\":1}")).build();
            Session forPage = session.withUserInterface(null);
            Session changed = forPage.withData(JSON.readTree("{\"v\":2}"));
            assertThat(session.data().get("v").asInt()).isEqualTo(1);
            assertThat(forPage.data().get("v").asInt()).as("a user-interface copy shares the data").isEqualTo(1);
            assertThat(changed.data().get("v").asInt()).isEqualTo(2);
            assertThat(changed.client()).isSameAs(session.client());
            assertThat(java.util.Arrays.stream(Session.class.getMethods()).map(java.lang.reflect.Method::getName))
                    .as("Session has no setter").noneMatch(name -> name.startsWith("set"));
        } finally {
            client.dispose();
        }
    }

    @Test
    void dataIsPersistedInWharfKitsShape() throws Exception {
        ChainClient client = ChainClient.create(devnet.url());
        try {
            Session session = alice().client(client).build();
            assertThat(session.data()).isNull();
            assertThat(JSON.valueToTree(session.serialize()).has("data")).isFalse();

            JsonNode data = JSON.readTree("{\"theme\":\"dark\",\"n\":1}");
            Session plain = session;
            session = session.withData(data);
            assertThat(plain.data()).as("withData leaves the original as it was").isNull();
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
            assertThat(JSON.valueToTree(session.withData(JSON.createObjectNode()).serialize()).has("data")).isFalse();
            assertThat(JSON.valueToTree(session.withData(null).serialize()).has("data")).isFalse();

            Session built = alice().client(client).data(JSON.readTree("{\"k\":[1,2]}")).build();
            assertThat(JSON.valueToTree(built.serialize()).get("data").get("k").get(1).asInt()).isEqualTo(2);
        } finally {
            client.dispose();
        }
    }
}
