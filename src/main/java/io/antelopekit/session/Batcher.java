package io.antelopekit.session;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.Transaction;
import io.antelopekit.chain.TransactionHeader;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The work of {@link Session#transactAll(Flux, BatchOptions)}: packs the input into batches
 * (count and time window with Reactor's fair-backpressure {@code bufferTimeout}, then cut by
 * bytes), sends each batch as one transaction through {@link Session#transact(TransactArgs,
 * TransactOptions)} with at most {@code concurrency} in flight, and turns each transaction's end
 * into one outcome per action.
 *
 * <p>A batch the chain refuses for something an action did is halved and each half sent again,
 * the left one first, down to single actions (see {@link #splittable}). Two hooks are added around
 * the transact plugins of each transaction: the first completes the header and, when an identical
 * transaction (same actions, same TAPoS, same expiration) was already signed by this run, moves
 * the expiration by a second until the id is new, so that batches of identical actions are never
 * refused as duplicates of each other; the last one notes the signed id, so that an error after
 * signing is told apart from one before (nothing sent).
 */
final class Batcher {

    /** Id of the hook that completes the header and keeps ids apart. */
    static final String HEADER_PLUGIN_ID = "antelopekit.batch.header";
    /** Id of the hook that notes the signed transaction's id. */
    static final String SIGNED_PLUGIN_ID = "antelopekit.batch.signed";

    /**
     * How long (in seconds of expiration) the ids of signed transactions are remembered: a new
     * transaction's expiration is the chain's time plus the expiration time, so an id older than
     * this can no longer equal a new one.
     */
    static final long ID_MEMORY_SECONDS = 60;
    /** Forgotten ids are dropped once per this many transactions. */
    static final int PRUNE_EVERY = 1024;

    private final Session session;
    private final List<TransactPlugin> sessionPlugins;
    private final BatchOptions options;

    Batcher(Session session, List<TransactPlugin> sessionPlugins, BatchOptions options) {
        this.session = session;
        this.sessionPlugins = sessionPlugins;
        this.options = options;
    }

    /** One input action, its position and its packed size. */
    record Item(long index, Action action, int size) {
        static Item of(long index, Action action) {
            return new Item(index, action, packedSize(action));
        }
    }

    /** Bytes of {@code a} in a packed transaction. */
    static int packedSize(Action a) {
        int auth = a.authorization().size();
        int data = a.data().length();
        return 16 + varUInt32Size(auth) + 16 * auth + varUInt32Size(data) + data;
    }

    private static int varUInt32Size(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    Flux<ActionOutcome> run(Flux<Action> actions) {
        return Flux.defer(() -> {
            Run run = new Run();
            Flux<List<Item>> batches = actions
                    .index(Item::of)
                    .bufferTimeout(options.maxActions(), options.maxWait(), true)
                    .concatMapIterable(this::bySize, 1);
            Function<List<Item>, Publisher<ActionOutcome>> send = b -> run.send(b).flatMapIterable(l -> l);
            int concurrency = options.concurrency();
            int prefetch = options.maxActions();
            return options.ordered()
                    ? batches.flatMapSequentialDelayError(send, concurrency, prefetch)
                    : batches.flatMapDelayError(send, concurrency, prefetch);
        });
    }

    /** {@code batch} cut where its packed actions would pass {@code maxBytes}; a larger action goes alone. */
    List<List<Item>> bySize(List<Item> batch) {
        int max = options.maxBytes();
        long total = 0;
        for (int i = 0; i < batch.size(); i++) {
            total += batch.get(i).size();
        }
        if (total <= max) {
            return List.of(batch);
        }
        List<List<Item>> out = new ArrayList<>();
        int start = 0;
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            int size = batch.get(i).size();
            if (i > start && bytes + size > max) {
                out.add(batch.subList(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        out.add(batch.subList(start, batch.size()));
        return out;
    }

    /**
     * Whether a refusal may be caused by one of the actions, so that smaller transactions can
     * succeed: a node's non-transient error with a chain exception code, except the transaction's
     * own faults (the {@code transaction_exception} family: expiration, TAPoS, duplicates), its
     * signatures ({@code tx_duplicate_sig}, {@code tx_irrelevant_sig}) and the account's resource
     * limits (CPU, RAM, greylists; a transaction's net usage, which shrinks with it, is split).
     */
    static boolean splittable(Throwable e) {
        if (!(e instanceof ChainApiException a) || a.isTransient() || a.isDuplicateTransaction()) {
            return false;
        }
        long code = a.code();
        if (code == 0) {
            return false;
        }
        if (code >= 3_040_000L && code < 3_041_000L) {
            return false;
        }
        if (code >= 3_080_000L && code < 3_082_000L) {
            return code == 3_080_002L;
        }
        return code != 3_090_001L && code != 3_090_002L;
    }

    /** Whether {@code e} is a node's definite refusal (the transaction did not run). */
    static boolean refused(Throwable e) {
        return e instanceof ChainApiException a && !a.isTransient();
    }

    /** One subscription's state: the ids signed so far, to keep identical batches apart. */
    final class Run {
        private final ConcurrentHashMap<Checksum256, Long> signed = new ConcurrentHashMap<>();
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong newest = new AtomicLong();

        /** Sends {@code items} as one transaction; halves it on a refusal an action may have caused. */
        Mono<List<ActionOutcome>> send(List<Item> items) {
            return Mono.defer(() -> {
                Attempt attempt = new Attempt();
                List<Action> list = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    list.add(items.get(i).action());
                }
                return session.transact(TransactArgs.ofActions(list), attempt.options())
                        .map(r -> executed(items, r))
                        .onErrorResume(e -> failed(items, attempt, e));
            });
        }

        private Mono<List<ActionOutcome>> failed(List<Item> items, Attempt attempt, Throwable e) {
            if (items.size() > 1 && splittable(e)) {
                int mid = items.size() >>> 1;
                List<Item> left = items.subList(0, mid);
                List<Item> right = items.subList(mid, items.size());
                return send(left).flatMap(l -> send(right).map(r -> {
                    List<ActionOutcome> all = new ArrayList<>(l.size() + r.size());
                    all.addAll(l);
                    all.addAll(r);
                    return all;
                }));
            }
            Checksum256 id = attempt.signedId;
            ActionOutcome.Status status = id == null || refused(e) ? ActionOutcome.Status.FAILED
                    : ActionOutcome.Status.UNKNOWN;
            List<ActionOutcome> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                out.add(new ActionOutcome(it.index(), it.action(), id, status, 0, e));
            }
            return Mono.just(out);
        }

        private List<ActionOutcome> executed(List<Item> items, TransactResult r) {
            TransactionResponse response = r.response();
            long block = response != null && response.processed() != null ? response.processed().blockNum() : 0;
            List<ActionOutcome> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                out.add(new ActionOutcome(it.index(), it.action(), r.id(), ActionOutcome.Status.EXECUTED, block, null));
            }
            return out;
        }

        /**
         * {@code t} (header complete) or, when this run already signed a transaction with its id,
         * the same with the expiration moved by 1, -1... seconds away: 0, -1, +1, -2, +2...
         */
        Transaction unique(Transaction t) {
            TransactionHeader h = t.header();
            long base = h.expiration().seconds();
            for (int k = 0; ; k++) {
                long expiration = base + ((k & 1) == 1 ? -((k + 1) >>> 1) : k >>> 1);
                Transaction c = k == 0 ? t : t.withHeader(new TransactionHeader(TimePointSec.of(expiration),
                        h.refBlockNum(), h.refBlockPrefix(), h.maxNetUsageWords(), h.maxCpuUsageMs(), h.delaySec()));
                if (signed.putIfAbsent(c.id(), expiration) == null) {
                    remembered(base);
                    return c;
                }
            }
        }

        private void remembered(long expiration) {
            long latest = newest.accumulateAndGet(expiration, Math::max);
            if (count.incrementAndGet() % PRUNE_EVERY == 0) {
                long floor = latest - ID_MEMORY_SECONDS;
                signed.values().removeIf(e -> e < floor);
            }
        }

        /** One transaction of the run: its options with the two hooks, and the id once signed. */
        final class Attempt {
            volatile Checksum256 signedId;

            TransactOptions options() {
                TransactOptions base = options.transactOptions();
                List<TransactPlugin> own = base.transactPlugins() != null ? base.transactPlugins() : sessionPlugins;
                List<TransactPlugin> plugins = new ArrayList<>(own.size() + 2);
                plugins.add(new TransactPlugin() {
                    @Override
                    public String id() {
                        return HEADER_PLUGIN_ID;
                    }

                    @Override
                    public Mono<TransactHookResult> beforeSign(Transaction transaction, TransactContext context) {
                        return context.resolveHeader(transaction).map(full -> TransactHookResult.modify(unique(full)));
                    }
                });
                plugins.addAll(own);
                plugins.add(new TransactPlugin() {
                    @Override
                    public String id() {
                        return SIGNED_PLUGIN_ID;
                    }

                    @Override
                    public Mono<Void> afterSign(SignedTransaction transaction, TransactContext context) {
                        return Mono.fromRunnable(() -> signedId = transaction.id());
                    }
                });
                return base.withTransactPlugins(plugins);
            }
        }
    }
}
