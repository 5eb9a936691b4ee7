package io.antelopekit.stream;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.stream.StoredCheckpoints.Witness;
import io.antelopekit.stream.ship.ShipActionTrace;
import io.antelopekit.stream.ship.ShipBlock;
import io.antelopekit.stream.ship.ShipClient;
import io.antelopekit.stream.ship.ShipDelta;
import io.antelopekit.stream.ship.ShipPosition;
import io.antelopekit.stream.ship.ShipRequest;
import io.antelopekit.stream.ship.ShipTransactionTrace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One subscription's walk along the chain read from a state history node: where to start (after a
 * checkpoint, at {@code from}, or after the block followed now), the blocks as {@link Block}s with
 * the action runs of their traces and their table deltas. The {@link ShipClient} links the blocks,
 * reconnects and reports forks; this adds what a checkpoint to resume after implies.
 */
final class ShipFollower {

    /** A block read from the node, with what was asked of it (null when not asked for). */
    record Walked(Block current, List<ActionReader.Executed> executed, List<ShipDelta> deltas) {
    }

    private final ShipClient ship;
    private final BlockStream.Settings settings;
    private final Consumer<Witness> irreversible;

    ShipFollower(ShipClient ship, BlockStream.Settings settings, Consumer<Witness> irreversible) {
        this.ship = ship;
        this.settings = settings;
        this.irreversible = irreversible;
    }

    /** The blocks from the start, with their traces and/or deltas when asked for. */
    Flux<Walked> run(Optional<Checkpoint> resume, boolean traces, boolean deltas) {
        return start(resume).flatMapMany(start -> {
            long end = settings.until() > 0 ? settings.until() + 1 : ShipRequest.OPEN_END;
            if (start >= end) {
                return Flux.empty();
            }
            ShipRequest request = ShipRequest.from(start).to(end)
                    .irreversibleOnly(settings.follow() == Follow.IRREVERSIBLE)
                    .withTraces(traces).withDeltas(deltas);
            Checkpoint cp = resume.orElse(null);
            if (cp != null && cp.isWholeBlock()) {
                // the node starts at the checkpoint's block if that is no longer on its chain
                request = request.havePositions(List.of(new ShipPosition(cp.blockNum(), cp.blockId())));
            }
            boolean[] first = {cp != null};
            return ship.blocks(request).map(b -> {
                int undone = b.undone();
                if (first[0]) {
                    first[0] = false;
                    undone += checkResume(cp, b);
                }
                return walked(b, undone, traces, deltas);
            });
        });
    }

    private Mono<Long> start(Optional<Checkpoint> resume) {
        if (resume.isPresent()) {
            Checkpoint cp = resume.get();
            return Mono.just(cp.isWholeBlock() ? cp.blockNum() + 1 : cp.blockNum());
        }
        if (settings.from() > 0) {
            return Mono.just(settings.from());
        }
        return ship.status().map(s -> (settings.follow() == Follow.HEAD ? s.head() : s.lastIrreversible()).blockNum() + 1);
    }

    /** How many blocks the first block undoes of those the checkpoint covers; throws if it is not on this chain. */
    private static int checkResume(Checkpoint cp, ShipBlock b) {
        if (!cp.isWholeBlock()) {
            if (b.num() == cp.blockNum() && !b.id().equals(cp.blockId())) {
                throw notOnThisChain(cp, b.num(), b.id());
            }
            return 0;
        }
        if (b.num() <= cp.blockNum()) {
            // the node no longer has the checkpoint's block: it starts where the forks part
            return (int) (cp.blockNum() - b.num() + 1);
        }
        if (b.num() == cp.blockNum() + 1 && b.previous() != null && !b.previous().blockId().equals(cp.blockId())) {
            throw notOnThisChain(cp, b.previous().blockNum(), b.previous().blockId());
        }
        return 0;
    }

    private static ChainStreamException notOnThisChain(Checkpoint cp, long num, Checksum256 id) {
        return new ChainStreamException("the checkpoint's block " + cp.blockNum() + " is " + cp.blockId()
                + ", the chain's block " + num + " is " + id
                + ": the checkpoint is not on this chain (it was made on another chain with the same id,"
                + " such as a devnet started again, or on a block that was undone)");
    }

    private Walked walked(ShipBlock b, int undone, boolean traces, boolean deltas) {
        if (b.timestamp() == null) {
            throw new ChainStreamException("the state history node sent block " + b.num() + " without its header");
        }
        Block block = new Block(b.num(), b.id(), b.previous() == null ? Checksum256.ZERO : b.previous().blockId(),
                b.timestamp(), b.producer(), b.irreversible(), undone, List.of());
        if (b.irreversible()) {
            irreversible.accept(new Witness(b.num(), b.id(), b.timestamp().toInstant()));
        }
        return new Walked(block, traces ? executed(b) : null, deltas ? b.deltas() : null);
    }

    /** The action runs of the block's executed transactions, in the node's order; context-free ones aside. */
    static List<ActionReader.Executed> executed(ShipBlock b) {
        List<ActionReader.Executed> out = new ArrayList<>();
        for (ShipTransactionTrace t : b.traces()) {
            if (!t.isExecuted()) {
                continue;
            }
            Map<Integer, ShipActionTrace> byOrdinal = new HashMap<>();
            for (ShipActionTrace a : t.actionTraces()) {
                byOrdinal.put(a.actionOrdinal(), a);
            }
            List<ActionReader.Run> runs = new ArrayList<>();
            for (ShipActionTrace a : t.actionTraces()) {
                if (a.contextFree()) {
                    continue;
                }
                runs.add(new ActionReader.Run(a.act(), a.receiver(), sentByContract(a, byOrdinal), a.isNotification(),
                        a.actionOrdinal() - 1));
            }
            out.add(new ActionReader.Executed(t.id(), runs));
        }
        return out;
    }

    /**
     * Whether a contract sent the action {@code a} is a run of: for a notification, whether the
     * action it notifies of (found through the creators) is inline.
     */
    private static boolean sentByContract(ShipActionTrace a, Map<Integer, ShipActionTrace> byOrdinal) {
        ShipActionTrace at = a;
        for (int hops = 0; at.isNotification() && hops < byOrdinal.size(); hops++) {
            ShipActionTrace creator = byOrdinal.get(at.creatorActionOrdinal());
            if (creator == null) {
                break;
            }
            at = creator;
        }
        // at is the contract's own run of the action (or, with a broken chain, a notification: taken as top-level)
        return !at.isNotification() && at.creatorActionOrdinal() != 0;
    }
}
