package io.antelopekit.stream;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.ChainClientException;
import io.antelopekit.api.MalformedResponseException;
import io.antelopekit.api.model.BlockResponse;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.Checksum256;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One subscription's walk along the chain: the next block number, the id the next block must name
 * as its previous, the blocks that may still be undone (following the head), and what the node
 * said last. Blocks are fetched by number, at most {@code prefetch} ahead of the consumer, and
 * checked to link to the block emitted before; a failed fetch leaves that state as it was, so the
 * next try (on whatever endpoint the client fails over to) resumes exactly where the stream is.
 * Not thread-safe: Reactor calls it serially.
 */
final class Follower {

    private static final System.Logger LOG = System.getLogger(BlockStream.class.getName());
    private static final String UNKNOWN_BLOCK = "unknown_block_exception";

    private final ChainClient client;
    private final BlockStream.Settings settings;
    /** Told of each irreversible block accepted (the witness of the stream's next commits). */
    private final Consumer<StoredCheckpoints.Witness> irreversible;

    private long next;
    private long lastNum = -1;
    private Checksum256 lastId;
    /** Following the head: the ids of the blocks emitted that may still be undone. */
    private final TreeMap<Long, Checksum256> recent = new TreeMap<>();
    /** A partial checkpoint's block, whose id is checked when it arrives again. */
    private Checkpoint resumeCheck;
    private long target = -1;
    private long lib = -1;
    private boolean waitBeforeRefresh;
    private boolean emitted;
    /** Resuming after a checkpoint: warn once if the chain is behind it. */
    private boolean resumed;
    private int undone;
    private int failures;
    private long failingSince;

    Follower(ChainClient client, BlockStream.Settings settings, Consumer<StoredCheckpoints.Witness> irreversible) {
        this.client = client;
        this.settings = settings;
        this.irreversible = irreversible;
    }

    /** The blocks from the start (a checkpoint to resume after, if any), forever or to {@code until}. */
    Flux<Block> run(Optional<Checkpoint> resume) {
        return start(resume).thenMany(Flux.defer(this::step)
                .repeat(() -> settings.until() == 0 || next <= settings.until()));
    }

    private Mono<Void> start(Optional<Checkpoint> resume) {
        if (resume.isPresent()) {
            resumed = true;
            Checkpoint cp = resume.get();
            if (cp.isWholeBlock()) {
                next = cp.blockNum() + 1;
                remember(cp.blockNum(), cp.blockId());
            } else {
                next = cp.blockNum();
                resumeCheck = cp;
            }
            return Mono.empty();
        }
        if (settings.from() > 0) {
            next = settings.from();
            return Mono.empty();
        }
        // from now: the block after the one followed, linked to it
        return client.getInfo().doOnNext(info -> {
            update(info);
            next = target + 1;
            remember(target, settings.follow() == Follow.HEAD ? info.headBlockId() : info.lastIrreversibleBlockId());
        }).then();
    }

    private Flux<Block> step() {
        if (settings.until() > 0 && next > settings.until()) {
            return Flux.empty();
        }
        if (next > target) {
            Mono<ChainInfo> info = client.getInfo();
            if (waitBeforeRefresh) {
                info = Mono.delay(settings.pollInterval()).then(info);
            }
            return info.doOnNext(this::update).then(Mono.<Block>empty()).flux().onErrorResume(this::recover);
        }
        long first = next;
        long end = Math.min(target, first + settings.chunk() - 1);
        if (settings.until() > 0) {
            end = Math.min(end, settings.until());
        }
        int count = (int) (end - first + 1);
        // a failed fetch travels as a value, in order: the blocks before it are emitted first,
        // and fetches after it (already in flight) are cancelled by the error it then becomes
        return Flux.range(0, count)
                .flatMapSequential(i -> client.getBlock(first + i).<Object>map(b -> b)
                        .onErrorResume(e -> Mono.just(new Failed(e))), settings.prefetch(), 1)
                .map(fetched -> {
                    if (fetched instanceof Failed f) {
                        throw Exceptions.propagate(f.error());
                    }
                    return accept((BlockResponse) fetched);
                })
                .onErrorResume(e -> recover(Exceptions.unwrap(e)));
    }

    private void update(ChainInfo info) {
        lib = Math.max(lib, info.lastIrreversibleBlockNum());
        long followed = settings.follow() == Follow.HEAD ? info.headBlockNum() : info.lastIrreversibleBlockNum();
        // a lagging endpoint after a failover may report less than we know: wait for it
        target = Math.max(target, followed);
        waitBeforeRefresh = target < next;
        if (resumed && !emitted && followed < next - 1) {
            resumed = false;
            long resumeAfter = next - 1;
            LOG.log(System.Logger.Level.WARNING, () -> "block stream: resuming after block " + resumeAfter
                    + ", the chain's " + (settings.follow() == Follow.HEAD ? "head" : "last irreversible block") + " is "
                    + followed + "; waiting for it. If this chain was started again with the same chain id (a devnet),"
                    + " the checkpoint is the old chain's: remove it");
        }
        if (!recent.isEmpty()) {
            // blocks at or below the last irreversible one can no longer be undone (keep that one,
            // the common ancestor of any fork to come)
            recent.headMap(lib, false).clear();
        }
    }

    private Block accept(BlockResponse b) {
        if (b.blockNum() != next) {
            throw new ChainStreamException("asked for block " + next + ", the node answered with block " + b.blockNum());
        }
        if (resumeCheck != null) {
            Checkpoint cp = resumeCheck;
            resumeCheck = null;
            if (!b.id().equals(cp.blockId())) {
                throw new ChainStreamException("the checkpoint's block " + cp.blockNum() + " is " + cp.blockId()
                        + ", the chain's block " + b.blockNum() + " is " + b.id()
                        + ": the checkpoint is not on this chain (it was made on another chain with the same id,"
                        + " such as a devnet started again, or on a block that was undone)");
            }
        } else if (lastId != null && !b.previous().equals(lastId)) {
            if (settings.follow() == Follow.IRREVERSIBLE || recent.isEmpty()) {
                throw new ChainStreamException("block " + b.blockNum() + " " + b.id() + " follows " + b.previous()
                        + ", not block " + lastNum + " " + lastId + " that the stream "
                        + (emitted ? "emitted: the endpoints disagree about irreversible history"
                                : "resumed after: the checkpoint is not on this chain (it was made on another chain"
                                        + " with the same id, such as a devnet started again, or on a block that was"
                                        + " undone)"));
            }
            throw new Fork();
        }
        Block block = new Block(b.blockNum(), b.id(), b.previous(), b.timestamp(), b.producer(),
                settings.follow() == Follow.IRREVERSIBLE || b.blockNum() <= lib, undone, b.transactions());
        if (block.irreversible()) {
            irreversible.accept(new StoredCheckpoints.Witness(b.blockNum(), b.id(), b.timestamp().toInstant()));
        }
        undone = 0;
        failures = 0;
        emitted = true;
        next = b.blockNum() + 1;
        remember(b.blockNum(), b.id());
        return block;
    }

    private void remember(long num, Checksum256 id) {
        lastNum = num;
        lastId = id;
        if (settings.follow() == Follow.HEAD) {
            recent.put(num, id);
            while (recent.size() > settings.forkWindow()) {
                recent.pollFirstEntry();
            }
        }
    }

    private Flux<Block> recover(Throwable e) {
        if (e instanceof Fork) {
            // a fetch failing during the walk backs off and the next step meets the fork again
            return walkBack(lastNum).thenMany(Flux.<Block>empty())
                    .onErrorResume(x -> x instanceof ChainStreamException ? Flux.error(x) : recover(x));
        }
        if (e instanceof ChainApiException api && UNKNOWN_BLOCK.equals(api.name())) {
            // an endpoint behind the one that told us the target (after a failover): ask again later
            LOG.log(System.Logger.Level.DEBUG, () -> "block " + next + " is not known to the node yet; waiting");
            target = next - 1;
            waitBeforeRefresh = true;
            return Flux.empty();
        }
        if (!transientFailure(e)) {
            return Flux.error(e);
        }
        long now = System.nanoTime();
        if (failures == 0) {
            failingSince = now;
        }
        failures++;
        Duration giveUp = settings.giveUpAfter();
        if (giveUp != null && now - failingSince >= giveUp.toNanos()) {
            return Flux.error(new ChainStreamException("the chain API failed for " + giveUp + " at block " + next
                    + " (" + failures + " tries): " + e.getMessage()));
        }
        long backoff = backoff(settings, failures, "at block " + next, e);
        target = Math.min(target, next - 1);
        waitBeforeRefresh = false;
        return Mono.delay(Duration.ofMillis(backoff)).thenMany(Flux.empty());
    }

    /**
     * Whether trying again later may succeed: transport failures, timeouts, 5xx and 429 answers;
     * not a node's other answers, nor an answer that does not decode (that would not change).
     */
    static boolean transientFailure(Throwable e) {
        if (e instanceof ChainApiException api) {
            return api.httpStatus() >= 500 || api.httpStatus() == 429;
        }
        return e instanceof ChainClientException && !(e instanceof MalformedResponseException);
    }

    /**
     * The same retries for other fetches of a stream (the ABIs): backoff from the settings'
     * minimum to maximum while {@link #transientFailure}, until {@code giveUpAfter} if set.
     */
    static Retry retry(BlockStream.Settings settings, String what) {
        return Retry.from(signals -> Flux.defer(() -> {
            long[] since = {0};
            return signals.concatMap(signal -> {
                Throwable e = signal.failure();
                long tries = signal.totalRetriesInARow() + 1;
                long now = System.nanoTime();
                if (tries == 1) {
                    since[0] = now;
                }
                if (!transientFailure(e)) {
                    return Mono.error(e);
                }
                Duration giveUp = settings.giveUpAfter();
                if (giveUp != null && now - since[0] >= giveUp.toNanos()) {
                    return Mono.error(new ChainStreamException("fetching " + what + " failed for " + giveUp + " ("
                            + tries + " tries): " + e.getMessage(), e));
                }
                long backoff = backoff(settings, tries, "fetching " + what, e);
                return Mono.delay(Duration.ofMillis(backoff));
            });
        }));
    }

    /**
     * The wait before try {@code tries + 1}: from the settings' minimum, doubling up to their
     * maximum; logged at WARN on the first and every 10th failure in a row, at DEBUG otherwise.
     */
    private static long backoff(BlockStream.Settings settings, long tries, String where, Throwable e) {
        long backoff = Math.min(settings.maxBackoff().toMillis(),
                settings.minBackoff().toMillis() << Math.min(tries - 1, 16));
        LOG.log(tries == 1 || tries % 10 == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                () -> "block stream " + where + ": " + e + "; try " + tries + " again in " + backoff + " ms");
        return backoff;
    }

    /** Following the head, block {@code k} and below: finds the last block the node and the stream share. */
    private Mono<Void> walkBack(long k) {
        Checksum256 ours = recent.get(k);
        if (ours == null) {
            return Mono.error(new ChainStreamException("the chain switched to a fork that leaves block " + k
                    + " or earlier, more than the " + recent.size() + " blocks the stream remembers"
                    + " (forkWindow) or below the last irreversible block"));
        }
        return client.getBlock(k).flatMap(b -> {
            if (b.id().equals(ours)) {
                undone += (int) (lastNum - k);
                recent.tailMap(k, false).clear();
                lastNum = k;
                lastId = ours;
                next = k + 1;
                LOG.log(System.Logger.Level.INFO, () -> "block stream: fork switch, the chain goes on after block " + k);
                return Mono.empty();
            }
            return walkBack(k - 1);
        });
    }

    /** A fetch that failed, in its place among the others. */
    private record Failed(Throwable error) {
    }

    /** Signals that the next block does not link to the last one emitted, following the head. */
    private static final class Fork extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fork() {
            super("fork", null, false, false);
        }
    }
}
