package io.antelopekit.session;

import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.plugin.TransactHookResult;
import io.antelopekit.plugin.TransactPlugin;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The work of {@link Session#transactAll(Flux, BatchOptions)}: packs the input into batches
 * by count, bytes and time window ({@link Packer}), sends each batch as one transaction through
 * {@link Session#transact(TransactArgs, TransactOptions)} with at most {@code concurrency} in
 * flight, and turns each transaction's end into one outcome per action.
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
            Flux<Item> items = actions.index(Item::of);
            Flux<List<Item>> batches = Flux.from(downstream -> items.subscribe(new Packer(
                    Operators.toCoreSubscriber(downstream), options.maxActions(), options.maxBytes(),
                    options.maxWait(), Schedulers.parallel())));
            Function<List<Item>, Publisher<ActionOutcome>> send = b -> run.send(b).flatMapIterable(l -> l);
            int concurrency = options.concurrency();
            int prefetch = options.maxActions();
            return options.ordered()
                    ? batches.flatMapSequentialDelayError(send, concurrency, prefetch)
                    : batches.flatMapDelayError(send, concurrency, prefetch);
        });
    }

    /**
     * Packs items into batches of at most {@code maxActions} items and {@code maxBytes} bytes (an
     * item larger than that alone), a batch that is not full being emitted {@code maxWait} after
     * its first item. It asks its input only for what fills the batch being packed, and only while
     * its subscriber wants a batch: what was taken from the input and not yet emitted is at most
     * one batch. The input's end or error comes after the last partial batch. Signals from the
     * input, the subscriber and the timer meet in one drain loop (one thread at a time).
     */
    static final class Packer implements CoreSubscriber<Item>, Subscription {
        private final CoreSubscriber<? super List<Item>> actual;
        private final int maxActions;
        private final long maxBytes;
        private final long maxWaitNanos;
        private final Scheduler timer;
        private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();
        private Subscription upstream;
        private volatile boolean done;
        private Throwable error;
        private volatile boolean cancelled;
        /** The generation of the batch whose time is up. */
        private volatile long timedOut = -1;

        // touched by the drain loop only
        private List<Item> current;
        private long bytes;
        /** Items asked of the input and not yet packed (in flight or queued). */
        private long asked;
        /** Counts the batches, to tell a stale timer from the current batch's. */
        private long generation;
        private Disposable pendingTimer;
        private boolean terminated;

        Packer(CoreSubscriber<? super List<Item>> actual, int maxActions, long maxBytes, Duration maxWait,
                Scheduler timer) {
            this.actual = actual;
            this.maxActions = maxActions;
            this.maxBytes = maxBytes;
            this.maxWaitNanos = maxWait.toNanos();
            this.timer = timer;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(Item item) {
            queue.offer(item);
            drain();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.accumulateAndGet(n, Operators::addCap);
                drain();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            upstream.cancel();
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                loop();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void loop() {
            for (;;) {
                if (terminated) {
                    queue.clear();
                    return;
                }
                if (cancelled) {
                    terminated = true;
                    stopTimer();
                    queue.clear();
                    current = null;
                    return;
                }
                boolean inputDone = done;
                boolean closed = false;
                Item next;
                while ((next = queue.peek()) != null) {
                    if (current != null && (current.size() >= maxActions || bytes + next.size() > maxBytes)) {
                        closed = true;
                        break;
                    }
                    queue.poll();
                    asked--;
                    if (current == null) {
                        current = new ArrayList<>(Math.min(maxActions, 64));
                        startTimer();
                    }
                    current.add(next);
                    bytes += next.size();
                }
                if (current != null && current.size() >= maxActions) {
                    closed = true;
                }
                boolean inputEnded = inputDone && queue.isEmpty();
                if (current != null && (closed || inputEnded || timedOut == generation)) {
                    if (requested.get() == 0) {
                        return;
                    }
                    List<Item> batch = current;
                    current = null;
                    bytes = 0;
                    generation++;
                    stopTimer();
                    if (requested.get() != Long.MAX_VALUE) {
                        requested.decrementAndGet();
                    }
                    actual.onNext(batch);
                    continue;
                }
                if (inputEnded) {
                    terminated = true;
                    stopTimer();
                    if (error != null) {
                        actual.onError(error);
                    } else {
                        actual.onComplete();
                    }
                    return;
                }
                if (!inputDone && requested.get() > 0) {
                    long need = maxActions - (current == null ? 0 : current.size()) - asked;
                    if (need > 0) {
                        asked += need;
                        upstream.request(need);
                    }
                }
                return;
            }
        }

        private void startTimer() {
            long g = generation;
            try {
                pendingTimer = timer.schedule(() -> {
                    timedOut = g;
                    drain();
                }, maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // no timer (the scheduler is shut down): the batch goes when full or at the input's end
                pendingTimer = null;
            }
        }

        private void stopTimer() {
            Disposable t = pendingTimer;
            if (t != null) {
                t.dispose();
                pendingTimer = null;
            }
        }
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
