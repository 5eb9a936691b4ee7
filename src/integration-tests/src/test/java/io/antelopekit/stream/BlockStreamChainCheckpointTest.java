package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.storage.FileSessionStorage;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Checkpoints are kept per chain: a fresh chain never resumes from a checkpoint an earlier chain
 * made, also when both have the same chain id (every default devnet has), and a checkpoint of
 * another chain id is kept but not used. Issue 18: a bot run a second time against a fresh devnet
 * died on its first run's checkpoint file ("the checkpoint is from a fork").
 */
@ExtendWith(BlockHoundSupport.class)
class BlockStreamChainCheckpointTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static Devnet devnet() {
        return Devnet.builder().manualBlockProduction().irreversibleDistance(2).start();
    }

    static void transfer(Devnet devnet, ChainClient client, String memo) {
        Session alice = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        alice.transact(Action.of("eosio.token", "transfer", PermissionLevel.from("alice@active"),
                Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", memo),
                client.abi(Name.from("eosio.token")).block(TIMEOUT))).block(TIMEOUT);
    }

    static long lib(ChainClient client) {
        return client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum();
    }

    /** The blocks a stream of {@code key} in {@code store} handles (and commits) from block 1 up to {@code until}. */
    static List<Long> process(ChainClient client, ReactiveSessionStorage store, String key, long until) {
        BlockStream stream = BlockStream.builder(client).from(1).until(until).checkpoints(store, key).build();
        return stream.process(b -> Mono.empty()).map(Checkpoint::blockNum).collectList().block(TIMEOUT);
    }

    static JsonNode stored(ReactiveSessionStorage store, String key) throws Exception {
        return JSON.readTree(store.read(key).block(TIMEOUT));
    }

    static Checksum256 hash(String s) {
        return Checksum256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFreshDevnetWithTheSameChainIdStartsOverInsteadOfResumingFromTheOldChainsCheckpoint(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("bot-checkpoints.json");
        long committed;
        // the first run: a devnet, a transfer, its irreversible blocks handled and committed
        try (Devnet first = devnet()) {
            ChainClient client = ChainClient.create(first.url());
            try {
                transfer(first, client, "first run");
                first.produceBlocks(6).block(TIMEOUT);
                committed = lib(client);
                assertThat(process(client, FileSessionStorage.open(file), "thank-you", committed)).endsWith(committed);
                JsonNode entry = stored(FileSessionStorage.open(file), "thank-you").get(first.chainId().toString());
                assertThat(entry.path("checkpoint").asText()).startsWith(committed + ":");
                assertThat(entry.path("genesis").asText()).isEqualTo(client.getBlock(1).block(TIMEOUT).id().toString());
                assertThat(entry.path("witness").asText()).startsWith(committed + ":");
            } finally {
                client.dispose();
            }
        }

        // the second run: a new devnet, the same chain id, past the old checkpoint's block
        try (Devnet second = devnet()) {
            assertThat(second.chainId()).isEqualTo(Genesis.DEFAULT_CHAIN_ID);
            ChainClient client = ChainClient.create(second.url());
            try {
                second.produceBlocks((int) committed + 4).block(TIMEOUT);
                BlockStream stream = BlockStream.builder(client).from(1).until(3)
                        .checkpoints(FileSessionStorage.open(file), "thank-you").build();
                assertThat(stream.checkpoint().blockOptional(TIMEOUT)).isEmpty();
                // it starts where a stream without a checkpoint starts (from(1)) and never says "fork"
                StepVerifier.create(stream.blocks().map(Block::num)).expectNext(1L, 2L, 3L).expectComplete().verify(TIMEOUT);
                // its commits replace the old chain's checkpoint, although they are lower
                assertThat(stream.process(b -> Mono.empty()).map(Checkpoint::blockNum).collectList().block(TIMEOUT))
                        .containsExactly(1L, 2L, 3L);
                assertThat(stream.checkpoint().block(TIMEOUT).blockNum()).isEqualTo(3);
                JsonNode entry = stored(FileSessionStorage.open(file), "thank-you").get(second.chainId().toString());
                assertThat(entry.path("checkpoint").asText()).isEqualTo(
                        Checkpoint.afterBlock(3, client.getBlock(3).block(TIMEOUT).id()).toString());
                // and a new process on the same file resumes after them, on this chain
                BlockStream again = BlockStream.builder(client).from(1).until(5)
                        .checkpoints(FileSessionStorage.open(file), "thank-you").build();
                StepVerifier.create(again.blocks().map(Block::num)).expectNext(4L, 5L).expectComplete().verify(TIMEOUT);
            } finally {
                client.dispose();
            }
        }
    }

    @Test
    void anEarlierChainsCheckpointIsRecognisedByItsFirstBlockOrByItsWitnessTime() throws Exception {
        try (Devnet devnet = devnet()) {
            ChainClient client = ChainClient.create(devnet.url());
            try {
                devnet.produceBlocks(4).block(TIMEOUT);
                Instant start = client.getBlock(1).block(TIMEOUT).timestamp().toInstant();
                String chain = devnet.chainId().toString();
                ReactiveSessionStorage store = ReactiveSessionStorage.inMemory();

                // an earlier chain with this id: another first block, its checkpoint far ahead of this chain
                store.write("a", "{\"" + chain + "\":{\"checkpoint\":\"5000:" + hash("x") + "\",\"genesis\":\""
                        + hash("another genesis") + "\"}}").block(TIMEOUT);
                // an earlier chain, its first block not known: an irreversible block of it, 900 blocks ahead of
                // this chain's yet made a minute before this chain's first block
                store.write("b", "{\"" + chain + "\":{\"checkpoint\":\"1000:" + hash("y") + "\",\"witness\":\"900:"
                        + hash("w") + "\",\"witness_time\":\"" + start.minusSeconds(60) + "\"}}").block(TIMEOUT);
                for (String key : List.of("a", "b")) {
                    BlockStream stream = BlockStream.builder(client).from(1).until(2).checkpoints(store, key).build();
                    assertThat(stream.checkpoint().blockOptional(TIMEOUT)).as(key).isEmpty();
                    StepVerifier.create(stream.blocks().map(Block::num)).expectNext(1L, 2L).expectComplete().verify(TIMEOUT);
                    stream.commit(Checkpoint.afterBlock(2, client.getBlock(2).block(TIMEOUT).id())).block(TIMEOUT);
                    assertThat(stream.checkpoint().block(TIMEOUT).blockNum()).as(key).isEqualTo(2);
                }

                // a checkpoint made before checkpoints were kept per chain (no chain id) is still this chain's
                Checkpoint old = Checkpoint.afterBlock(1, client.getBlock(1).block(TIMEOUT).id());
                store.write("c", old.toString()).block(TIMEOUT);
                BlockStream legacy = BlockStream.builder(client).until(2).checkpoints(store, "c").build();
                StepVerifier.create(legacy.blocks().map(Block::num)).expectNext(2L).expectComplete().verify(TIMEOUT);
                legacy.commit(Checkpoint.afterBlock(2, client.getBlock(2).block(TIMEOUT).id())).block(TIMEOUT);
                assertThat(stored(store, "c").get(chain).path("checkpoint").asText()).startsWith("2:");
            } finally {
                client.dispose();
            }
        }
    }

    @Test
    void aCheckpointOfAnotherChainIdIsKeptButNotUsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoints.json");
        Checksum256 otherId = hash("another chain");
        try (Devnet one = devnet();
                Devnet other = Devnet.builder().genesis(Genesis.defaults().mutate().chainId(otherId).build())
                        .manualBlockProduction().irreversibleDistance(2).start()) {
            ChainClient oneClient = ChainClient.create(one.url());
            ChainClient otherClient = ChainClient.create(other.url());
            try {
                one.produceBlocks(8).block(TIMEOUT);
                other.produceBlocks(8).block(TIMEOUT);
                assertThat(process(oneClient, FileSessionStorage.open(file), "k", 5)).endsWith(5L);

                // the other chain starts from its own start, not after the first chain's block 5
                assertThat(process(otherClient, FileSessionStorage.open(file), "k", 3)).containsExactly(1L, 2L, 3L);
                JsonNode both = stored(FileSessionStorage.open(file), "k");
                assertThat(both.get(one.chainId().toString()).path("checkpoint").asText()).startsWith("5:");
                assertThat(both.get(otherId.toString()).path("checkpoint").asText()).startsWith("3:");

                // each resumes after its own
                StepVerifier.create(BlockStream.builder(oneClient).until(6).checkpoints(FileSessionStorage.open(file), "k")
                        .build().blocks().map(Block::num)).expectNext(6L).expectComplete().verify(TIMEOUT);
                StepVerifier.create(BlockStream.builder(otherClient).until(4).checkpoints(FileSessionStorage.open(file), "k")
                        .build().blocks().map(Block::num)).expectNext(4L).expectComplete().verify(TIMEOUT);
            } finally {
                oneClient.dispose();
                otherClient.dispose();
            }
        }
    }

    @Test
    void aCheckpointNotOnTheChainIsReportedAsSuchNeverAsAFork() {
        try (Devnet devnet = devnet()) {
            ChainClient client = ChainClient.create(devnet.url());
            try {
                devnet.produceBlocks(6).block(TIMEOUT);
                Checksum256 wrong = hash("not a block of this chain");
                StepVerifier.create(BlockStream.builder(client).resumeFrom(Checkpoint.afterBlock(2, wrong)).build().blocks())
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                                .hasMessageContaining("the checkpoint is not on this chain")
                                .hasMessageContaining("devnet started again").hasMessageNotContaining("fork"))
                        .verify(TIMEOUT);
                StepVerifier.create(BlockStream.builder(client).resumeFrom(new Checkpoint(2, wrong, 0)).build().blocks())
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainStreamException.class)
                                .hasMessageContaining("the checkpoint is not on this chain").hasMessageNotContaining("fork"))
                        .verify(TIMEOUT);
            } finally {
                client.dispose();
            }
        }
    }
}
