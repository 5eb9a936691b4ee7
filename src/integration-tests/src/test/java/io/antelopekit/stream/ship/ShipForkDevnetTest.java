package io.antelopekit.stream.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.contract.generated.EosioToken;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.session.Session;
import io.antelopekit.stream.Block;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * A fork on the devnet seen over its state history: the SHiP client reports the blocks undone
 * and then gives the new branch; a block stream over the state history reports them as
 * {@link Block#undone()}.
 */
@ExtendWith(BlockHoundSupport.class)
class ShipForkDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    Devnet devnet;
    ChainClient client;
    long head;

    @BeforeEach
    void start() {
        devnet = Devnet.builder().manualBlockProduction().irreversibleDistance(10).stateHistory(true).start();
        client = ChainClient.create(devnet.url());
        StepVerifier.create(devnet.produceBlocks(3)).expectNextCount(1).expectComplete().verify(TIMEOUT);
        // a transfer in the head block, the block the fork drops
        Session alice = Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
        StepVerifier.create(alice.transact(new EosioToken(client).transfer(Name.from("alice"), Name.from("bob"),
                        Asset.from("1.0000 EOS"), "dropped")))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(devnet.produceBlock()).assertNext(n -> head = n).expectComplete().verify(TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.dispose();
        devnet.close();
    }

    /** Replaces the last 2 blocks, once, off the I/O thread. */
    void forkOnce(AtomicBoolean forked) {
        if (forked.compareAndSet(false, true)) {
            devnet.fork(2).subscribeOn(Schedulers.boundedElastic()).subscribe();
        }
    }

    Checksum256 blockId(long num) {
        return client.getBlock(num).block(TIMEOUT).id();
    }

    @Test
    void aClientFollowingTheHeadSeesTheForkThenTheNewBranch() {
        ShipClient ship = ShipClient.builder(devnet.stateHistoryUrl()).build();
        AtomicBoolean forked = new AtomicBoolean();
        List<ShipBlock> seen = new ArrayList<>();
        StepVerifier.create(ship.blocks(ShipRequest.from(2).withTraces(true).withDeltas(true))
                        .doOnNext(b -> {
                            if (b.num() == head) {
                                forkOnce(forked);
                            }
                        })
                        .take(head - 2 + 1 + 2))
                .recordWith(() -> seen).thenConsumeWhile(b -> true).expectComplete().verify(TIMEOUT);
        ShipBlock dropped = seen.get((int) (head - 2));
        assertThat(dropped.num()).isEqualTo(head);
        assertThat(dropped.traces()).as("the transfer").isNotEmpty();
        ShipBlock first = seen.get(seen.size() - 2);
        ShipBlock second = seen.get(seen.size() - 1);
        assertThat(first.num()).isEqualTo(head - 1);
        assertThat(first.undone()).as("the fork reported").isEqualTo(2);
        assertThat(first.previous().blockId()).as("the fork point did not change")
                .isEqualTo(seen.get((int) (head - 4)).id());
        assertThat(second.num()).isEqualTo(head);
        assertThat(second.undone()).isZero();
        assertThat(second.id()).isNotEqualTo(dropped.id());
        assertThat(second.traces()).as("the new branch has not the transfer").isEmpty();
        assertThat(dropped.deltas()).extracting(ShipDelta::table).as("the balances the transfer changed")
                .contains(ShipDelta.CONTRACT_ROW);
        assertThat(second.deltas()).extracting(ShipDelta::table).as("against the rolled-back state: no row changed")
                .doesNotContain(ShipDelta.CONTRACT_ROW);
        assertThat(first.id()).isEqualTo(blockId(head - 1));
        assertThat(second.id()).isEqualTo(blockId(head));
    }

    @Test
    void aBlockStreamOverTheStateHistoryReportsTheBlocksUndone() {
        AtomicBoolean forked = new AtomicBoolean();
        AtomicBoolean undone = new AtomicBoolean();
        List<Block> seen = new ArrayList<>();
        StepVerifier.create(BlockStream.builder(client).follow(Follow.HEAD).from(2)
                        .stateHistory(devnet.stateHistoryUrl()).build().blocks()
                        .doOnNext(b -> {
                            if (b.num() == head) {
                                forkOnce(forked);
                            }
                            if (b.undone() > 0) {
                                undone.set(true);
                            }
                        })
                        .takeUntil(b -> undone.get() && b.num() == head))
                .recordWith(() -> seen).thenConsumeWhile(b -> true).expectComplete().verify(TIMEOUT);
        Block dropped = seen.stream().filter(b -> b.num() == head).findFirst().orElseThrow();
        Block first = seen.get(seen.size() - 2);
        Block second = seen.get(seen.size() - 1);
        assertThat(first.num()).isEqualTo(head - 1);
        assertThat(first.undone()).isEqualTo(2);
        assertThat(second.num()).isEqualTo(head);
        assertThat(second.id()).isNotEqualTo(dropped.id()).isEqualTo(blockId(head));
    }
}
