package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * {@link BlockStream} against a node whose chain the test rewrites ({@link FakeChain}): a fork
 * switch following the head is reported by {@link Block#undone()} and the new branch follows; the
 * same following the irreversible block, or deeper than the stream remembers, ends the stream; a
 * failing or lagging node is retried from the same block, without gaps or repeats; and a stream
 * gives up when told to.
 */
@ExtendWith(BlockHoundSupport.class)
class BlockStreamForkTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static JsonNode blockTemplate;
    static JsonNode infoTemplate;
    /** A devnet block's transactions: one alice to bob transfer. */
    static JsonNode transferTransactions;
    static String tokenRawAbi;

    FakeChain node;
    ChainClient client;

    @BeforeAll
    static void templates() {
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            ChainClient c = ChainClient.create(devnet.url());
            devnet.produceBlocks(3).block(TIMEOUT);
            blockTemplate = c.call("/v1/chain/get_block", Map.of("block_num_or_id", 2), JsonNode.class).block(TIMEOUT);
            infoTemplate = c.call("/v1/chain/get_info", null, JsonNode.class).block(TIMEOUT);
            io.antelopekit.session.Session alice = io.antelopekit.session.Session.builder()
                    .chain(io.antelopekit.chain.ChainDefinition.of(devnet.chainId(), devnet.url())).client(c)
                    .actor("alice").permission("active")
                    .walletPlugin(io.antelopekit.wallet.privatekey.WalletPluginPrivateKey.of(
                            io.antelopekit.devnet.DevAccount.of("alice").privateKey())).build();
            io.antelopekit.abi.Abi token = c.abi(io.antelopekit.chain.Name.from("eosio.token")).block(TIMEOUT);
            alice.transact(io.antelopekit.chain.transaction.Action.of("eosio.token", "transfer",
                    io.antelopekit.chain.PermissionLevel.from("alice@active"),
                    Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", "fake"), token)).block(TIMEOUT);
            long num = devnet.produceBlock().block(TIMEOUT);
            transferTransactions = c.call("/v1/chain/get_block", Map.of("block_num_or_id", num), JsonNode.class)
                    .block(TIMEOUT).get("transactions");
            tokenRawAbi = c.call("/v1/chain/get_raw_abi", Map.of("account_name", "eosio.token"), JsonNode.class)
                    .block(TIMEOUT).toString();
            c.dispose();
        }
    }

    @BeforeEach
    void start() {
        node = new FakeChain(blockTemplate, infoTemplate);
        // no retries in the client: the stream's own retries are under test
        client = ChainClient.builder().endpoint(node.url()).readRetry(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        client.dispose();
        node.close();
    }

    BlockStream.Builder stream() {
        return BlockStream.builder(client).pollInterval(Duration.ofMillis(20))
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void aForkSwitchFollowingTheHeadSaysHowManyBlocksItUndoes() {
        node.branch("a", 1, 10, 5);
        StepVerifier.create(stream().follow(Follow.HEAD).from(6).until(11).build().blocks())
                .expectNextMatches(b -> b.num() == 6 && b.id().equals(FakeChain.id("a", 6)) && b.undone() == 0)
                .expectNextCount(4)
                // the node switches to branch b from block 9 on, which reaches 11
                .then(() -> node.branch("b", 9, 11, 5))
                .assertNext(b -> {
                    assertThat(b.num()).isEqualTo(9);
                    assertThat(b.id()).isEqualTo(FakeChain.id("b", 9));
                    assertThat(b.previous()).isEqualTo(FakeChain.id("a", 8));
                    assertThat(b.undone()).isEqualTo(2);
                    assertThat(b.irreversible()).isFalse();
                })
                .assertNext(b -> assertThat(b.id()).isEqualTo(FakeChain.id("b", 10)))
                .assertNext(b -> {
                    assertThat(b.id()).isEqualTo(FakeChain.id("b", 11));
                    assertThat(b.undone()).isZero();
                })
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void irreversibleHistoryThatChangesEndsTheStream() {
        node.branch("a", 1, 10, 10);
        StepVerifier.create(stream().from(6).build().blocks())
                .expectNextCount(5)
                .then(() -> node.branch("b", 9, 12, 12))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("block 11").hasMessageContaining("not block 10")
                        .hasMessageContaining("disagree about irreversible history"))
                .verify(TIMEOUT);
    }

    @Test
    void aForkDeeperThanTheWindowEndsTheStream() {
        node.branch("a", 1, 10, 1);
        StepVerifier.create(stream().follow(Follow.HEAD).from(2).forkWindow(3).build().blocks())
                .expectNextCount(9)
                .then(() -> node.branch("b", 5, 11, 1))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("more than the 3 blocks the stream remembers"))
                .verify(TIMEOUT);
    }

    @Test
    void failingAndLaggingFetchesAreRetriedFromTheSameBlock() {
        node.branch("a", 1, 12, 12);
        node.fail(7, 503, 502, 503);
        node.fail(9, 500, 500); // unknown block: a node that has not got it yet
        List<Long> nums = stream().from(5).until(12).prefetch(4).build().blocks().map(Block::num).collectList()
                .block(TIMEOUT);
        assertThat(nums).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(node.asked(7)).isGreaterThanOrEqualTo(4);
        assertThat(node.asked(9)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aNodeThatKeepsFailingEndsTheStreamAfterGiveUpAfter() {
        node.branch("a", 1, 12, 12);
        node.fail(6, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503,
                503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        StepVerifier.create(stream().from(5).giveUpAfter(Duration.ofMillis(300)).build().blocks())
                .expectNextMatches(b -> b.num() == 5)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                        .hasMessageContaining("failed for PT0.3S at block 6"))
                .verify(TIMEOUT);
    }

    @Test
    void aClientErrorThatIsNotTransientEndsTheStreamAtOnce() {
        node.branch("a", 1, 12, 12);
        node.fail(6, 400);
        StepVerifier.create(stream().from(5).build().blocks())
                .expectNextMatches(b -> b.num() == 5)
                .expectError(io.antelopekit.api.ChainClientException.class)
                .verify(TIMEOUT);
        assertThat(node.asked(6)).isEqualTo(1);
    }

    @Test
    void anAbiFetchThatFailsIsRetriedAndTheEventsComeDecoded() {
        node.branch("a", 1, 8, 8);
        node.transactions(transferTransactions);
        node.rawAbi(tokenRawAbi);
        node.failAbi(503, 503);
        List<ActionEvent> events = stream().from(6).until(7).build()
                .actions(ActionFilter.transfersTo("bob")).collectList().block(TIMEOUT);
        assertThat(events).hasSize(2);
        assertThat(events).extracting(ActionEvent::blockNum).containsExactly(6L, 7L);
        assertThat(events).allMatch(e -> e.data().path("memo").asText().equals("fake"));
        assertThat(node.abiAsked()).isEqualTo(3);
    }

    @Test
    void anAbiThatDoesNotDecodeLeavesTheEventsUndecoded() {
        node.branch("a", 1, 8, 8);
        node.transactions(transferTransactions);
        node.rawAbi("{\"account_name\":\"eosio.token\",\"code_hash\":\"" + "0".repeat(64) + "\",\"abi_hash\":\""
                + "0".repeat(64) + "\",\"abi\":\"AAECAwQ=\"}");
        List<ActionEvent> events = stream().from(6).until(6).build()
                .actions(ActionFilter.all().contract("eosio.token")).collectList().block(TIMEOUT);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).isDecoded()).isFalse();
        assertThat(events.get(0).data().path("memo").isMissingNode()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.get(0).data(Object.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("were not decoded");
        // the account filter reads authorizers without the data
        assertThat(stream().from(6).until(6).build().actions(ActionFilter.all().account("alice")).count().block(TIMEOUT))
                .isEqualTo(1);
    }
}
