package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.PackedTransaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A fork on demand: the last blocks replaced by a competing branch, as a node switching forks answers. */
class DevnetForkTest {

    static final DevAccount ALICE = DevAccount.of("alice");

    Devnet devnet;
    DevnetHttp node;

    @BeforeEach
    void start() {
        devnet = Devnet.builder().manualBlockProduction().irreversibleDistance(5).stateHistory(true).start();
        node = new DevnetHttp(devnet);
        produce(6);
    }

    @AfterEach
    void stop() {
        devnet.close();
    }

    void produce(int n) {
        StepVerifier.create(devnet.produceBlocks(n)).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
    }

    String blockId(long num) {
        return node.call("/v1/chain/get_block", Map.of("block_num_or_id", num)).body().get("id").asText();
    }

    JsonNode account(String name) {
        return node.call("/v1/chain/get_account", Map.of("account_name", name)).body();
    }

    @Test
    void aTransferInADroppedBlockIsUndoneAndMayBeSentAgain() {
        long forkPoint = node.info().get("head_block_num").asLong();
        String forkPointId = blockId(forkPoint);
        long aliceBefore = node.balance("alice", "EOS");
        long bobBefore = node.balance("bob", "EOS");
        JsonNode aliceAccountBefore = account("alice");
        PackedTransaction trx = node.transfer("alice", "bob", "1.0000 EOS", "forked away", ALICE.privateKey());
        Checksum256 id = trx.id();
        assertThat(node.send(trx).status()).isEqualTo(202);
        produce(2);
        assertThat(node.status(id)).isEqualTo("IN_BLOCK");
        assertThat(node.balance("bob", "EOS")).isEqualTo(bobBefore + 10000);
        List<String> dropped = List.of(blockId(forkPoint + 1), blockId(forkPoint + 2));

        StepVerifier.create(devnet.fork(2)).expectNext(forkPoint + 2).expectComplete().verify(DevnetHttp.TIMEOUT);

        JsonNode info = node.info();
        assertThat(info.get("head_block_num").asLong()).isEqualTo(forkPoint + 2);
        assertThat(blockId(forkPoint)).as("the fork point stays").isEqualTo(forkPointId);
        List<String> branch = List.of(blockId(forkPoint + 1), blockId(forkPoint + 2));
        assertThat(branch.get(0)).isNotEqualTo(dropped.get(0));
        assertThat(branch.get(1)).isNotEqualTo(dropped.get(1));
        assertThat(info.get("head_block_id").asText()).isEqualTo(branch.get(1));
        JsonNode first = node.call("/v1/chain/get_block", Map.of("block_num_or_id", forkPoint + 1)).body();
        assertThat(first.get("previous").asText()).isEqualTo(forkPointId);
        assertThat(first.get("transactions")).isEmpty();

        assertThat(node.balance("alice", "EOS")).isEqualTo(aliceBefore);
        assertThat(node.balance("bob", "EOS")).isEqualTo(bobBefore);
        JsonNode aliceAccountAfter = account("alice");
        for (String field : List.of("core_liquid_balance", "permissions", "ram_usage", "created")) {
            assertThat(aliceAccountAfter.get(field)).as(field).isEqualTo(aliceAccountBefore.get(field));
        }
        assertThat(node.status(id)).as("the chain forgot the transaction").isEqualTo("UNKNOWN");

        assertThat(node.send(trx).status()).as("not a duplicate any more").isEqualTo(202);
        produce(1);
        assertThat(node.status(id)).isEqualTo("IN_BLOCK");
        assertThat(node.balance("bob", "EOS")).isEqualTo(bobBefore + 10000);
        assertThat(node.send(trx).errorName()).isEqualTo("tx_duplicate");
    }

    @Test
    void theGlobalSequenceAndTheAccountsSequencesGoBackToo() {
        PackedTransaction before = node.transfer("alice", "bob", "0.0001 EOS", "before", ALICE.privateKey());
        JsonNode traceBefore = node.send(before).body().get("processed").get("action_traces").get(0);
        produce(1);
        PackedTransaction dropped = node.transfer("alice", "bob", "0.0002 EOS", "dropped", ALICE.privateKey());
        assertThat(node.send(dropped).status()).isEqualTo(202);
        produce(1);
        StepVerifier.create(devnet.fork(1)).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
        PackedTransaction after = node.transfer("alice", "bob", "0.0003 EOS", "after", ALICE.privateKey());
        JsonNode traceAfter = node.send(after).body().get("processed").get("action_traces").get(0);
        JsonNode r0 = traceBefore.get("receipt");
        JsonNode r1 = traceAfter.get("receipt");
        // what the dropped transfer took is given again: one transfer (3 actions run) after the first
        assertThat(r1.get("global_sequence").asLong()).isEqualTo(r0.get("global_sequence").asLong() + 3);
        assertThat(r1.get("recv_sequence").asLong()).isEqualTo(r0.get("recv_sequence").asLong() + 1);
        // alice's authorization is counted once per action run: the transfer and its two notifications
        assertThat(r1.get("auth_sequence").get(0).get(1).asLong())
                .isEqualTo(r0.get("auth_sequence").get(0).get(1).asLong() + 3);
    }

    @Test
    void thePendingBlocksTransactionsAreDroppedToo() {
        long bobBefore = node.balance("bob", "EOS");
        PackedTransaction pending = node.transfer("alice", "bob", "1.0000 EOS", "pending", ALICE.privateKey());
        assertThat(node.send(pending).status()).isEqualTo(202);
        StepVerifier.create(devnet.fork(1)).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
        assertThat(node.balance("bob", "EOS")).isEqualTo(bobBefore);
        assertThat(node.status(pending.id())).isEqualTo("UNKNOWN");
    }

    @Test
    void aForkDeeperThanTheReversibleBlocksIsRefused() {
        JsonNode info = node.info();
        long reversible = info.get("head_block_num").asLong() - info.get("last_irreversible_block_num").asLong();
        String head = info.get("head_block_id").asText();
        StepVerifier.create(devnet.fork((int) reversible + 1))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DevnetException.class)
                        .hasMessageContaining("last irreversible block"))
                .verify(DevnetHttp.TIMEOUT);
        assertThat(node.info().get("head_block_id").asText()).as("nothing changed").isEqualTo(head);
        StepVerifier.create(devnet.fork((int) reversible)).expectNextCount(1).expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        assertThat(node.info().get("head_block_id").asText()).isNotEqualTo(head);
    }

    @Test
    void aDepthBelowOneIsAnIllegalArgument() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> devnet.fork(0));
    }
}
