package io.antelopekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.kafkatest.EmbeddedKafka;
import io.antelopekit.kafkatest.EmbeddedKafkaExtension;
import io.antelopekit.kafkatest.KafkaTopics;
import io.antelopekit.session.Session;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Checkpoint;
import io.antelopekit.stream.Follow;
import io.antelopekit.stream.TableFilter;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@link ChainToKafka} across a fork, with the devnet's state history and the in-process broker:
 * following the head, the undo record the stream's fork signal makes lands on every partition
 * with the first block of the new branch, after the undone events and before the new branch's;
 * following the last irreversible block, there is none.
 */
@ExtendWith(BlockHoundSupport.class)
class ChainToKafkaForkTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Name TOKEN = Name.from("eosio.token");
    static final int PARTITIONS = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static EmbeddedKafka broker;

    Devnet devnet;
    ChainClient client;
    Session alice;
    Abi abi;
    /** The block of the first transfer, where the pipelines start. */
    long from;
    /** The head after the second transfer, two blocks later: the fork replaces it and the one before. */
    long head;

    @BeforeAll
    static void startBroker() {
        broker = KAFKA.kafka();
    }

    /** A devnet with its state history; transfer a-0 in block {@code from}, an empty block, a-1 in the head block. */
    @BeforeEach
    void startDevnet() {
        devnet = Devnet.builder().manualBlockProduction().irreversibleDistance(10).stateHistory(true).start();
        client = ChainClient.create(devnet.url());
        devnet.produceBlocks(3).block(TIMEOUT);
        abi = client.abi(TOKEN).block(TIMEOUT);
        alice = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        from = devnet.headBlockNum().block(TIMEOUT) + 1;
        transfer("a-0").block(TIMEOUT);
        devnet.produceBlocks(2).block(TIMEOUT);
        transfer("a-1").block(TIMEOUT);
        head = devnet.produceBlock().block(TIMEOUT);
        assertThat(head).isEqualTo(from + 2);
    }

    @AfterEach
    void stopDevnet() {
        if (client != null) {
            client.dispose();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    Mono<Void> transfer(String memo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "alice");
        data.put("to", "bob");
        data.put("quantity", "0.0001 EOS");
        data.put("memo", memo);
        return alice.transact(List.of(Action.of(TOKEN, "transfer", PermissionLevel.from("alice@active"), data, abi))).then();
    }

    /**
     * Replaces the last 2 blocks (the empty one and a-1's), then transfers b-0 and b-1 in the
     * next two blocks; the devnet's calls off the I/O threads. Completes with the new head.
     */
    Mono<Long> forkAndTransfer() {
        return devnet.fork(2).subscribeOn(Schedulers.boundedElastic())
                .then(transfer("b-0"))
                .then(devnet.produceBlock().subscribeOn(Schedulers.boundedElastic()))
                .then(transfer("b-1"))
                .then(devnet.produceBlock().subscribeOn(Schedulers.boundedElastic()));
    }

    ChainToKafka.Builder pipeline(String name, BlockStream.Builder stream) {
        return ChainToKafka.builder().name(name).bootstrapServers(broker.bootstrapServers()).topic(name + "-actions")
                .stream(stream.from(from).until(head + 2).stateHistory(devnet.stateHistoryUrl()))
                .filter(ActionFilter.all().contract("eosio.token").action("transfer"))
                .batch(3, Duration.ofMillis(100));
    }


    /** Every record of {@code topic} read_committed, per partition in order (see {@link Requests#read}). */
    static Map<Integer, List<JsonNode>> readPartitions(String topic) {
        Map<Integer, List<JsonNode>> records = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            records.put(p, new ArrayList<>());
        }
        KafkaTopics.readCommitted(broker.bootstrapServers(), topic).forEach(r -> records.get(r.partition()).add(ChainToKafkaTest.json(r)));
        return records;
    }

    /** A record as {@code action <memo> @<block>} or {@code undo from <block>}. */
    static String describe(JsonNode r) {
        return r.path("type").asText().equals("undo") ? "undo from " + r.path("from_block").asLong()
                : "action " + r.path("data").path("memo").asText() + " @" + r.path("block_num").asLong();
    }

    String blockId(long num) {
        return client.getBlock(num).block(TIMEOUT).id().toString();
    }

    @Test
    void followingTheHeadAForkWritesAnUndoRecordToEveryPartitionBeforeTheNewBranch() {
        String topic = "head-actions";
        KafkaTopics.create(broker.bootstrapServers(), topic, PARTITIONS);
        ChainToKafka pipeline = pipeline("head", BlockStream.builder(client).follow(Follow.HEAD)).build();
        // once the pipeline has committed the head block, the chain forks and goes on
        Sinks.One<Checkpoint> headWritten = Sinks.one();
        List<Checkpoint> committed = Mono.zip(
                        pipeline.run().doOnNext(cp -> {
                            if (cp.blockNum() >= head) {
                                headWritten.tryEmitValue(cp);
                            }
                        }).collectList(),
                        headWritten.asMono().flatMap(cp -> forkAndTransfer()))
                .map(t -> t.getT1()).block(TIMEOUT);

        long firstUndone = head - 1;
        Map<Integer, List<JsonNode>> partitions = readPartitions(topic);
        assertThat(partitions).hasSize(PARTITIONS);
        int tokenPartition = -1;
        for (Map.Entry<Integer, List<JsonNode>> p : partitions.entrySet()) {
            List<String> records = p.getValue().stream().map(ChainToKafkaForkTest::describe).collect(Collectors.toList());
            if (records.size() > 1) {
                tokenPartition = p.getKey();
                // a-0 stays on the chain, a-1 (in a block from from_block on) is undone, then the new branch
                assertThat(records).as("the events' partition").containsExactly(
                        "action a-0 @" + from, "action a-1 @" + head, "undo from " + firstUndone,
                        "action b-0 @" + (head + 1), "action b-1 @" + (head + 2));
            } else {
                assertThat(records).as("partition " + p.getKey()).containsExactly("undo from " + firstUndone);
            }
        }
        assertThat(tokenPartition).as("a partition holds the events").isNotNegative();
        List<JsonNode> records = partitions.get(tokenPartition);
        assertThat(records.get(0).path("block_id").asText()).as("a-0's block is still on the chain").isEqualTo(blockId(from));
        assertThat(records.get(1).path("block_id").asText()).as("a-1's block was replaced").isNotEqualTo(blockId(head));
        assertThat(records.get(3).path("block_id").asText()).isEqualTo(blockId(head + 1));
        assertThat(records.get(4).path("block_id").asText()).isEqualTo(blockId(head + 2));
        assertThat(records.get(2).path("schema").asInt()).isEqualTo(ChainToKafka.SCHEMA);

        // the checkpoint ends after the new branch's last block
        Checkpoint last = Checkpoint.parse(head + 2 + ":" + blockId(head + 2));
        assertThat(committed).endsWith(last);
        assertThat(pipeline.checkpoint().block(TIMEOUT)).contains(last);
    }

    @Test
    void blocksAndTableRowsGoToTopicsOfTheirOwnWithTheirBlocksCheckpoint() {
        forkAndTransfer().block(TIMEOUT);
        devnet.produceBlocks(12).block(TIMEOUT);
        long until = head + 2;
        ChainToKafka pipeline = pipeline("rows", BlockStream.builder(client).follow(Follow.IRREVERSIBLE))
                .blocksTopic("rows-blocks")
                .tableDeltas(TableFilter.all().code("eosio.token").table("accounts"), "rows-balances")
                .build();
        List<Checkpoint> committed = pipeline.run().collectList().block(TIMEOUT);
        assertThat(committed.get(committed.size() - 1)).isEqualTo(
                Checkpoint.afterBlock(until, client.getBlock(until).block(TIMEOUT).id()));

        // a block record per block, in order, with the chain's ids
        List<JsonNode> blocks = KafkaTopics.readCommitted(broker.bootstrapServers(), "rows-blocks").stream()
                .map(ChainToKafkaTest::json).collect(Collectors.toList());
        assertThat(blocks).extracting(b -> b.path("block_num").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(from, until).boxed().collect(Collectors.toList()));
        assertThat(blocks).allSatisfy(b -> {
            assertThat(b.path("type").asText()).isEqualTo("block");
            assertThat(b.path("block_id").asText()).isEqualTo(client.getBlock(b.path("block_num").asLong()).block(TIMEOUT).id().toString());
        });

        // a row record per balance written: alice's and bob's in the blocks of a-0, b-0 and b-1
        List<JsonNode> rows = KafkaTopics.readCommitted(broker.bootstrapServers(), "rows-balances").stream()
                .map(ChainToKafkaTest::json).collect(Collectors.toList());
        assertThat(rows).extracting(r -> r.path("scope").asText()).containsExactly("alice", "bob", "alice", "bob", "alice", "bob");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.path("type").asText()).isEqualTo("row");
            assertThat(r.path("code").asText()).isEqualTo("eosio.token");
            assertThat(r.path("table").asText()).isEqualTo("accounts");
            assertThat(r.path("present").asBoolean()).isTrue();
        });
        JsonNode lastAlice = rows.get(4);
        assertThat(lastAlice.path("data").path("balance").asText()).isEqualTo(client.getCurrencyBalance(TOKEN,
                Name.from("alice"), SymbolCode.from("EOS")).block(TIMEOUT).balances().get(0).toString());
        assertThat(KafkaTopics.readCommitted(broker.bootstrapServers(), "rows-balances").get(0).key())
                .isEqualTo("eosio.token:alice:accounts:" + Long.toUnsignedString(SymbolCode.from("EOS").value()));
    }

    @Test
    void tableRowsNeedTheStateHistory() {
        ChainToKafka overHttp = ChainToKafka.builder().name("http-rows").bootstrapServers(broker.bootstrapServers())
                .topic("http-rows-actions").stream(BlockStream.builder(client).from(from).until(head))
                .tableDeltas(TableFilter.all(), "http-rows-balances").build();
        StepVerifier.create(overHttp.run()).expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("state history")).verify(TIMEOUT);
    }

    @Test
    void followingTheLastIrreversibleBlockThereIsNoUndoRecord() {
        forkAndTransfer().block(TIMEOUT);
        devnet.produceBlocks(12).block(TIMEOUT);
        assertThat(client.getInfo().block(TIMEOUT).lastIrreversibleBlockNum()).isGreaterThanOrEqualTo(head + 2);
        String topic = "lib-actions";
        KafkaTopics.create(broker.bootstrapServers(), topic, PARTITIONS);
        ChainToKafka pipeline = pipeline("lib", BlockStream.builder(client).follow(Follow.IRREVERSIBLE)).build();
        List<Checkpoint> committed = pipeline.run().collectList().block(TIMEOUT);

        List<String> records = readPartitions(topic).values().stream().flatMap(List::stream)
                .map(ChainToKafkaForkTest::describe).collect(Collectors.toList());
        // the undone a-1 was never irreversible, and no undo record is written
        assertThat(records).containsExactly("action a-0 @" + from, "action b-0 @" + (head + 1), "action b-1 @" + (head + 2));
        assertThat(committed).endsWith(Checkpoint.parse(head + 2 + ":" + blockId(head + 2)));
    }
}
