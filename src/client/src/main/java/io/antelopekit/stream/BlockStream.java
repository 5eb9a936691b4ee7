package io.antelopekit.stream;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.stream.StoredCheckpoints.Entry;
import io.antelopekit.stream.StoredCheckpoints.Witness;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A chain's blocks, and the actions in them, as they become final (or as they are produced).
 *
 * <pre>{@code
 * BlockStream.follow(client)
 *         .actions(ActionFilter.transfersTo("alice").contract("eosio.token"))
 *         .subscribe(t -> log.info("{} sent {}", t.data().path("from"), t.data().path("quantity")));
 * }</pre>
 *
 * <p>Each subscription to {@link #blocks()}, {@link #actions(ActionFilter)} or
 * {@link #blockActions(ActionFilter)} walks the chain on its own: it fetches blocks by number with
 * {@code get_block}, never more than
 * {@link Builder#prefetch(int) prefetch} ahead of its consumer, and checks that each block names the
 * one emitted before it as its previous. So blocks arrive once each and in order, also when the
 * client fails over to another endpoint mid-stream: a failed fetch (after the client's own
 * retries) is tried again with a backoff from the same block, and a block the endpoint does not
 * have yet (a lagging node) is waited for. Following the head, a fork switch is reported by
 * {@link Block#undone()}. The streams never complete unless {@link Builder#until(long)} is set;
 * they end with a {@link ChainStreamException} when they cannot keep their promise, or with the
 * client's error when it is not transient (or after {@link Builder#giveUpAfter(Duration)}).
 *
 * <p><b>Checkpoints.</b> With {@link Builder#checkpoints(ReactiveSessionStorage, String)}, a
 * subscription resumes right after the checkpoint last {@link #commit(Checkpoint) committed} under
 * the key (before {@link Builder#from(long)} or the current block). Commit a block's or an
 * action's checkpoint once it is handled, or let {@link #process(Function)} and
 * {@link #processActions(ActionFilter, Function)} do it: after a restart nothing handled is seen
 * again, and nothing is missed (an action handled but not yet committed when the process stopped
 * is seen again: make its effect idempotent, or commit in the same store transaction).
 *
 * <p><b>From a state history node.</b> With {@link Builder#stateHistory(String...)}, the blocks
 * come from the node's {@code state_history_plugin} over WebSocket instead of {@code get_block}
 * polls: pushed as they are produced, with flow control (see
 * {@link io.antelopekit.stream.ship.ShipClient}). The API is the same: blocks in order, forks
 * reported by {@link Block#undone()}, checkpoints stored and resumed alike (a stream resumes after
 * its checkpoint's block, whichever source made it). What differs: {@link #actions(ActionFilter)}
 * then reads the transaction traces, so it has inline actions and notifications too, each with its
 * {@link ActionEvent#receiver() receiver}; {@link #tableDeltas(TableFilter)} exists only there; a
 * {@link Block}'s {@link Block#transactions() transactions} are empty (the traces take their
 * place). The client is still asked for the contracts' ABIs, and for the chain id and blocks
 * that checkpoints are kept with. An action's position in a block, which a partial checkpoint
 * holds, is counted among the block's top-level actions over HTTP and among its action traces
 * from a state history node: resume from a partial checkpoint with the source that made it.
 *
 * <p>Checkpoints are kept per chain: the value under the key holds one checkpoint per chain id,
 * so a stream never resumes from a checkpoint another chain made. Each also names the first
 * block of the chain it was made on and one of its irreversible blocks: a new chain with the
 * same id (a devnet, or a local node started again from the same genesis) has other blocks, and
 * the stream recognises it, logs a warning and starts as if nothing were stored; its first commit
 * replaces the old chain's checkpoint. See {@link #checkpoint()}.
 *
 * <p>Thread-safe; the streams run on the client's threads and never block.
 */
public final class BlockStream {

    /** Blocks fetched ahead of the consumer at most, by default. */
    public static final int DEFAULT_PREFETCH = 8;
    /** The time between {@code get_info} polls once the stream has caught up, by default. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** How many blocks that may be undone a stream following the head remembers, by default. */
    public static final int DEFAULT_FORK_WINDOW = 1024;

    /** The settings a {@link Follower} reads. */
    record Settings(Follow follow, long from, long until, int prefetch, int chunk, Duration pollInterval,
            Duration minBackoff, Duration maxBackoff, Duration giveUpAfter, int forkWindow) {
    }

    private final ChainClient client;
    private final Settings settings;
    private final Checkpoint resumeFrom;
    private final ReactiveSessionStorage store;
    private final String key;
    private final Duration commitInterval;
    private final StreamAbis abis;
    /** The state history node's client, or {@code null} to read blocks over HTTP. */
    private final io.antelopekit.stream.ship.ShipClient ship;
    /** The client's chain id, once known. */
    private final AtomicReference<Checksum256> chainId = new AtomicReference<>();
    /** The id of the chain's first block, once asked; empty when the node does not serve it. */
    private final AtomicReference<Optional<Checksum256>> genesis = new AtomicReference<>();
    /** The latest irreversible block a walk of this stream accepted (or fetched as a witness). */
    private final AtomicReference<Witness> witness = new AtomicReference<>();
    /** Stored entries found to be of another chain with the same id: commits replace them. */
    private final Set<Entry> foreign = ConcurrentHashMap.newKeySet();

    private static final System.Logger LOG = System.getLogger(BlockStream.class.getName());
    private static final String UNKNOWN_BLOCK = "unknown_block_exception";

    private BlockStream(Builder b) {
        this.client = b.client;
        this.settings = new Settings(b.follow, b.from, b.until, b.prefetch, Math.max(32, b.prefetch * 4),
                b.pollInterval, b.minBackoff, b.maxBackoff, b.giveUpAfter, b.forkWindow);
        this.resumeFrom = b.resumeFrom;
        this.store = b.store;
        this.key = b.key;
        this.commitInterval = b.commitInterval;
        this.abis = new StreamAbis(client);
        this.ship = b.stateHistory == null ? null : b.stateHistory.reconnectBackoff(b.minBackoff, b.maxBackoff).build();
    }

    /** The last irreversible blocks from the next one on, through {@code client}. */
    public static BlockStream follow(ChainClient client) {
        return builder(client).build();
    }

    /** A builder: following the last irreversible block from the next one, no checkpoints. */
    public static Builder builder(ChainClient client) {
        return new Builder(client);
    }

    /**
     * The blocks, in order, each once (following the head, a block after a fork switch says how
     * many emitted blocks it undoes).
     */
    public Flux<Block> blocks() {
        if (ship != null) {
            return start().flatMapMany(cp -> new ShipFollower(ship, settings, this::saw).run(cp, false, false))
                    .map(ShipFollower.Walked::current);
        }
        return start().flatMapMany(cp -> new Follower(client, settings, this::saw).run(cp));
    }

    /**
     * The actions of the blocks' executed transactions that pass {@code filter}, in chain order,
     * with their data decoded through the contracts' ABIs (fetched once each, and replaced when the
     * stream meets an {@code eosio::setabi}). Over HTTP, inline actions, notifications and
     * deferred transactions are not in {@code get_block}'s answer and so not here; from a state
     * history node they are (see {@link ActionFilter} for which run of an action is reported).
     */
    public Flux<ActionEvent> actions(ActionFilter filter) {
        return items(filter).ofType(ActionEvent.class);
    }

    /**
     * The contract table rows the blocks wrote or removed that pass {@code filter}, in chain order,
     * each with its value decoded through its contract's ABI (fetched once each, and replaced when
     * a block changes the contract's ABI); from a state history node only. Following the head, a
     * fork switch is reported on the first row after it ({@link TableDelta#undoneFrom()}). Starts
     * as {@link #blocks()} does; a stored checkpoint in the middle of a block resumes with that
     * block's rows (commit {@link TableDelta#blockCheckpoint()} once a block's rows are handled).
     *
     * @throws IllegalStateException if the stream reads blocks over HTTP (see
     *         {@link Builder#stateHistory(String...)})
     */
    public Flux<TableDelta> tableDeltas(TableFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (ship == null) {
            throw new IllegalStateException("table deltas come from a state history node: build the stream with "
                    + "stateHistory(endpoints)");
        }
        DeltaReader reader = new DeltaReader(abis);
        return start().flatMapMany(cp -> {
            long[] undoneFrom = {0};
            return new ShipFollower(ship, settings, this::saw).run(cp, false, true).concatMap(w -> {
                Block block = w.current();
                if (block.undone() > 0) {
                    undoneFrom[0] = undoneFrom[0] == 0 ? block.num() : Math.min(undoneFrom[0], block.num());
                }
                return reader.read(block, w.deltas(), filter, undoneFrom[0])
                        .retryWhen(Follower.retry(settings, "the ABIs of block " + block.num()))
                        .flatMapIterable(rows -> {
                            if (!rows.isEmpty()) {
                                undoneFrom[0] = 0;
                            }
                            return rows;
                        });
            }, 1);
        });
    }

    /**
     * Runs {@code handler} for each block, one at a time and in order, and commits the block's
     * checkpoint after its handler completes; emits each committed checkpoint. A handler's error
     * ends the stream with nothing committed for that block, so it is handled again on resume.
     *
     * @throws IllegalStateException if the stream has no checkpoint store
     */
    public Flux<Checkpoint> process(Function<Block, ? extends Publisher<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        requireStore();
        return blocks().concatMap(b -> Flux.from(handler.apply(b)).then(commit(b.checkpoint())).thenReturn(b.checkpoint()), 0);
    }

    /**
     * Runs {@code handler} for each action that passes {@code filter}, one at a time and in order,
     * and commits the action's checkpoint after its handler completes; also commits the end of
     * blocks without such actions, at most once per commit interval; emits each committed
     * checkpoint.
     *
     * @throws IllegalStateException if the stream has no checkpoint store
     */
    public Flux<Checkpoint> processActions(ActionFilter filter, Function<ActionEvent, ? extends Publisher<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        requireStore();
        return Flux.defer(() -> {
            long[] lastCommit = {System.nanoTime()};
            return items(filter).concatMap(item -> {
                if (item instanceof ActionEvent e) {
                    lastCommit[0] = System.nanoTime();
                    return Flux.from(handler.apply(e)).then(commit(e.checkpoint())).thenReturn(e.checkpoint());
                }
                Block b = (Block) item;
                long now = System.nanoTime();
                if (now - lastCommit[0] < commitInterval.toNanos()) {
                    return Mono.empty();
                }
                lastCommit[0] = now;
                return commit(b.checkpoint()).thenReturn(b.checkpoint());
            }, 0);
        });
    }

    /**
     * Stores {@code checkpoint} as the checkpoint of the client's chain under the stream's key,
     * unless a later one is stored already for that chain (commits never go back); with it, an
     * irreversible block of the chain (the last one the stream saw) as its witness. A checkpoint
     * the stream found to be of another chain with the same id is replaced. Checkpoints of other
     * chains under the same key are kept.
     *
     * @return completes once stored; the store's error if it fails, or a
     *         {@link ChainStreamException} if it holds something under the key that is not a
     *         checkpoint (which is left as it is)
     * @throws IllegalStateException if the stream has no checkpoint store
     */
    public Mono<Void> commit(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        requireStore();
        return Mono.zip(chainId(), genesisId(), currentWitness()).flatMap(t -> store.update(key, old -> {
            Checksum256 chain = t.getT1();
            Checksum256 genesis = t.getT2().orElse(null);
            Witness current = t.getT3();
            StoredCheckpoints stored = old == null ? StoredCheckpoints.empty() : parse(old);
            Entry previous = stored.entry(chain);
            if (previous != null && previous.checkpoint().compareTo(checkpoint) >= 0
                    && !replaceable(previous, genesis, current)) {
                return old;
            }
            return stored.with(chain, new Entry(checkpoint, genesis, current)).format();
        })).then();
    }

    /**
     * The checkpoint stored under the stream's key for the client's chain; empty when none is,
     * when the stream has no store, or when the one stored for this chain id was made on another
     * chain with the same id (logged at WARN). That is known when the chain's first block is not
     * the one stored with the checkpoint, when the chain has another block at the number of the
     * checkpoint's witness, or when its last irreversible block is later than the witness but has
     * a lower number. When the chain cannot tell (it no longer serves those blocks), the
     * checkpoint is taken as this chain's.
     */
    public Mono<Checkpoint> checkpoint() {
        if (store == null) {
            return Mono.empty();
        }
        return store.read(key).map(this::parse).flatMap(stored -> chainId().flatMap(chain -> {
            Entry entry = stored.entry(chain);
            if (entry == null || foreign.contains(entry)) {
                return Mono.empty();
            }
            return otherChainEvidence(entry).flatMap(evidence -> {
                if (evidence.isEmpty()) {
                    return Mono.just(entry.checkpoint());
                }
                foreign.add(entry);
                LOG.log(System.Logger.Level.WARNING, () -> "block stream \"" + key + "\": the checkpoint stored for chain "
                        + chain + " (block " + entry.checkpoint().blockNum() + ") was made on another chain with the same id: "
                        + evidence.get() + ". A devnet or a local node started again is a new chain; starting as if no "
                        + "checkpoint were stored (the next commit replaces it)");
                return Mono.empty();
            });
        }));
    }

    /** Whether a stored entry may be replaced by a checkpoint of the chain with this first block and witness. */
    private boolean replaceable(Entry previous, Checksum256 genesis, Witness current) {
        return foreign.contains(previous)
                || (previous.genesis() != null && genesis != null && !previous.genesis().equals(genesis))
                || (previous.witness() != null && previous.witness().provesOtherChain(current));
    }

    /** Why the chain the client is on cannot be the chain {@code entry} was made on; empty when it can be (or cannot tell). */
    private Mono<Optional<String>> otherChainEvidence(Entry entry) {
        Mono<Optional<String>> byGenesis = entry.genesis() == null ? Mono.just(Optional.empty())
                : genesisId().map(g -> g.isPresent() && !g.get().equals(entry.genesis())
                        ? Optional.of("its first block is " + entry.genesis() + ", this chain's is " + g.get())
                        : Optional.<String>empty());
        Witness w = entry.witness();
        if (w == null) {
            return byGenesis;
        }
        return byGenesis.flatMap(found -> found.isPresent() ? Mono.just(found) : client.getInfo().flatMap(info -> {
            long lib = info.lastIrreversibleBlockNum();
            if (lib >= w.num()) {
                return client.getBlock(w.num())
                        .map(b -> b.id().equals(w.id()) ? Optional.<String>empty()
                                : Optional.of("its witness, " + w + ", is block " + b.id() + " on this chain"))
                        .onErrorResume(e -> e instanceof ChainApiException api && UNKNOWN_BLOCK.equals(api.name()),
                                e -> Mono.just(Optional.empty()));
            }
            return libWitness(info).map(current -> w.provesOtherChain(current)
                    ? Optional.of("this chain's last irreversible block, " + current + ", is later than its witness, "
                            + w + ", yet has a lower number")
                    : Optional.<String>empty());
        }));
    }

    /** The last irreversible block of {@code info} as a witness (its time fetched when the node does not give it). */
    private Mono<Witness> libWitness(ChainInfo info) {
        long lib = info.lastIrreversibleBlockNum();
        if (info.lastIrreversibleBlockTime() != null && info.lastIrreversibleBlockId() != null) {
            return Mono.just(new Witness(lib, info.lastIrreversibleBlockId(), info.lastIrreversibleBlockTime().toInstant()));
        }
        return client.getBlock(lib).map(b -> new Witness(b.blockNum(), b.id(), b.timestamp().toInstant()));
    }

    /** The client's chain id (asked once). */
    private Mono<Checksum256> chainId() {
        Checksum256 known = chainId.get();
        if (known != null) {
            return Mono.just(known);
        }
        return client.getInfo().map(info -> {
            chainId.compareAndSet(null, info.chainId());
            return info.chainId();
        });
    }

    /**
     * The id of the chain's first block (asked once); empty when the node does not serve it. A
     * failure that may pass (a transport failure, a 5xx or 429 answer other than an unknown
     * block) is not remembered: the next call asks again.
     */
    private Mono<Optional<Checksum256>> genesisId() {
        Optional<Checksum256> known = genesis.get();
        if (known != null) {
            return Mono.just(known);
        }
        return client.getBlock(1).map(b -> Optional.of(b.id()))
                .onErrorResume(e -> e instanceof ChainApiException api
                                && (UNKNOWN_BLOCK.equals(api.name()) || !Follower.transientFailure(e)),
                        e -> Mono.just(Optional.empty()))
                .doOnNext(g -> genesis.compareAndSet(null, g))
                .onErrorResume(e -> Mono.just(Optional.empty()));
    }

    /** The latest irreversible block seen, or the chain's last irreversible block when none was. */
    private Mono<Witness> currentWitness() {
        Witness known = witness.get();
        if (known != null) {
            return Mono.just(known);
        }
        return client.getInfo().flatMap(this::libWitness).doOnNext(this::saw);
    }

    /** Records an irreversible block a walk accepted. */
    private void saw(Witness w) {
        witness.accumulateAndGet(w, (a, b) -> a == null || b.num() > a.num() ? b : a);
    }

    /**
     * The blocks, in order, each once, with their actions that pass {@code filter} (possibly none),
     * read and decoded as {@link #actions(ActionFilter)} reads them. Following the head, a block
     * after a fork switch says how many emitted blocks it undoes ({@link Block#undone()}): undo what
     * was done for them before handling its actions. Starts as {@link #blocks()} does; resumed from
     * a checkpoint in the middle of a block, that block comes first, with only its actions after the
     * checkpoint's position.
     */
    public Flux<BlockActions> blockActions(ActionFilter filter) {
        return blockActions(filter, null);
    }

    /**
     * {@link #blockActions(ActionFilter)} with each block's contract table rows that pass
     * {@code tables} ({@link BlockActions#deltas()}), read and decoded as
     * {@link #tableDeltas(TableFilter)} reads them; from a state history node only. A block resumed
     * in its middle comes with all its rows: a consumer that handles them with the block's end, as
     * it commits {@link Block#checkpoint()}, handles each once.
     *
     * @throws IllegalStateException if the stream reads blocks over HTTP (see
     *         {@link Builder#stateHistory(String...)})
     */
    public Flux<BlockActions> blockActions(ActionFilter filter, TableFilter tables) {
        Objects.requireNonNull(filter, "filter");
        if (tables != null && ship == null) {
            throw new IllegalStateException("table deltas come from a state history node: build the stream with "
                    + "stateHistory(endpoints)");
        }
        ActionReader reader = new ActionReader(abis);
        DeltaReader rows = tables == null ? null : new DeltaReader(abis);
        return start().flatMapMany(cp -> {
            int[] skip = {cp.filter(c -> !c.isWholeBlock()).map(Checkpoint::position).orElse(-1)};
            Flux<ShipFollower.Walked> walk = ship != null
                    ? new ShipFollower(ship, settings, this::saw).run(cp, true, tables != null)
                    : new Follower(client, settings, this::saw).run(cp).map(b -> new ShipFollower.Walked(b, null, null));
            return walk.concatMap(w -> {
                Block block = w.current();
                int skipThrough = skip[0];
                skip[0] = -1;
                Mono<java.util.List<ActionEvent>> events = w.executed() == null ? reader.read(block, filter, skipThrough)
                        : reader.read(block, w.executed(), filter, skipThrough);
                Mono<java.util.List<TableDelta>> deltas = rows == null ? Mono.just(java.util.List.of())
                        : rows.read(block, w.deltas(), tables, block.undone() > 0 ? block.num() : 0);
                return events.zipWith(deltas, (found, written) -> new BlockActions(block, found, written))
                        .retryWhen(Follower.retry(settings, "the ABIs of block " + block.num()));
            }, 1);
        });
    }

    /** Blocks' events, each block followed by itself as the end of its events. */
    private Flux<Object> items(ActionFilter filter) {
        return blockActions(filter).concatMapIterable(ba -> {
            java.util.List<Object> out = new java.util.ArrayList<>(ba.actions().size() + 1);
            out.addAll(ba.actions());
            out.add(ba.source());
            return out;
        }, 1);
    }

    private Mono<Optional<Checkpoint>> start() {
        Mono<Checkpoint> stored = checkpoint();
        if (resumeFrom != null) {
            stored = stored.switchIfEmpty(Mono.just(resumeFrom));
        }
        return stored.map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private StoredCheckpoints parse(String stored) {
        try {
            return StoredCheckpoints.parse(stored);
        } catch (InvalidValueException e) {
            throw new ChainStreamException("the value stored under \"" + key + "\" is not a checkpoint: "
                    + e.getMessage(), e);
        }
    }

    private void requireStore() {
        if (store == null) {
            throw new IllegalStateException("this block stream has no checkpoint store: build it with "
                    + "checkpoints(storage, key)");
        }
    }

    @Override
    public String toString() {
        return "BlockStream[" + settings.follow() + ", " + client + (ship != null ? ", state history " + ship : "") + (store != null ? ", checkpoints \"" + key + "\"" : "")
                + "]";
    }

    /** Configures a {@link BlockStream}; not thread-safe. */
    public static final class Builder {
        private final ChainClient client;
        private Follow follow = Follow.IRREVERSIBLE;
        private long from;
        private long until;
        private Checkpoint resumeFrom;
        private ReactiveSessionStorage store;
        private String key;
        private int prefetch = DEFAULT_PREFETCH;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration giveUpAfter;
        private Duration commitInterval = Duration.ofSeconds(1);
        private int forkWindow = DEFAULT_FORK_WINDOW;
        private io.antelopekit.stream.ship.ShipClient.Builder stateHistory;

        private Builder(ChainClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The end of the chain to follow; {@link Follow#IRREVERSIBLE} by default. */
        public Builder follow(Follow follow) {
            this.follow = Objects.requireNonNull(follow, "follow");
            return this;
        }

        /** Starts at this block (when no checkpoint is stored); by default at the block after the one followed now. */
        public Builder from(long blockNum) {
            if (blockNum < 1 || blockNum > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("block number must be 1..4294967295: " + blockNum);
            }
            this.from = blockNum;
            return this;
        }

        /** Resumes right after this checkpoint (when none is stored); before {@link #from(long)}. */
        public Builder resumeFrom(Checkpoint checkpoint) {
            this.resumeFrom = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** Ends the streams after this block (for backfills and tests); none by default. */
        public Builder until(long blockNum) {
            if (blockNum < 1 || blockNum > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("block number must be 1..4294967295: " + blockNum);
            }
            this.until = blockNum;
            return this;
        }

        /**
         * Keeps the checkpoint in {@code storage} under {@code key} (one key per consumer): each
         * subscription resumes after the one stored, and {@link BlockStream#commit(Checkpoint)}
         * stores one. Any {@link ReactiveSessionStorage} does: a file, Redis, memory.
         */
        public Builder checkpoints(ReactiveSessionStorage storage, String key) {
            this.store = Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key must not be blank");
            }
            this.key = key;
            return this;
        }

        /** Blocks fetched ahead of the consumer at most (and in parallel when catching up); 8 by default. */
        public Builder prefetch(int blocks) {
            if (blocks < 1 || blocks > 256) {
                throw new IllegalArgumentException("prefetch must be 1..256: " + blocks);
            }
            this.prefetch = blocks;
            return this;
        }

        /** Time between {@code get_info} polls once caught up; 500 ms (a block) by default. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /** The backoff after a failed fetch: from {@code min}, doubling up to {@code max}; 100 ms to 5 s by default. */
        public Builder retryBackoff(Duration min, Duration max) {
            positive(min, "min");
            positive(max, "max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is less than min " + min);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** Ends the stream when fetches have failed for this long in a row; never by default (a bot rides out outages). */
        public Builder giveUpAfter(Duration duration) {
            this.giveUpAfter = positive(duration, "giveUpAfter");
            return this;
        }

        /** {@link BlockStream#processActions} commits the end of blocks without actions at most this often; 1 s by default. */
        public Builder commitInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("commitInterval must not be negative: " + interval);
            }
            this.commitInterval = interval;
            return this;
        }

        /** Following the head, how many recent blocks are remembered to find a fork's common block; 1024 by default. */
        public Builder forkWindow(int blocks) {
            if (blocks < 2) {
                throw new IllegalArgumentException("forkWindow must be at least 2: " + blocks);
            }
            this.forkWindow = blocks;
            return this;
        }

        /**
         * Reads the blocks from a state history node at these endpoints ({@code ws://host:port},
         * tried in turn) instead of polling {@code get_block}; the client still gives the ABIs and
         * the chain id. The reconnects wait as {@link #retryBackoff(Duration, Duration)} says.
         *
         * @throws IllegalArgumentException if an endpoint is not {@code ws://} or {@code wss://}
         */
        public Builder stateHistory(String... endpoints) {
            Objects.requireNonNull(endpoints, "endpoints");
            if (endpoints.length == 0) {
                throw new IllegalArgumentException("name at least one state history endpoint");
            }
            this.stateHistory = io.antelopekit.stream.ship.ShipClient.builder(endpoints);
            return this;
        }

        public BlockStream build() {
            if (until > 0 && from > until) {
                throw new IllegalArgumentException("from " + from + " is after until " + until);
            }
            return new BlockStream(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
