package io.antelopekit.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Session#transactAll(reactor.core.publisher.Flux, BatchOptions)} packs actions into
 * transactions and how many it keeps in flight. Immutable; build with {@link #builder()}, change
 * with {@link #mutate()}.
 *
 * <pre>{@code
 * BatchOptions options = BatchOptions.builder()
 *         .maxActions(100)                    // actions per transaction
 *         .maxWait(Duration.ofMillis(20))     // a partial batch waits at most this long
 *         .concurrency(8)                     // transactions in flight
 *         .ordered(false)                     // outcomes as soon as each transaction ends
 *         .build();
 * }</pre>
 *
 * <ul>
 * <li>{@link #maxActions()}: the most actions in one transaction, default
 *     {@value #DEFAULT_MAX_ACTIONS}.</li>
 * <li>{@link #maxBytes()}: the most bytes of packed actions in one transaction, default
 *     {@value #DEFAULT_MAX_BYTES} (256 KiB): half of a node's default
 *     {@code max_transaction_net_usage} (512 KiB), which leaves room for the header, the
 *     signatures and what transact plugins add. A single action larger than this is sent alone in
 *     its own transaction; the node decides whether it fits.</li>
 * <li>{@link #maxWait()}: how long a batch that is not full waits for more actions, default 50 ms;
 *     a slow input is sent in partial batches after this time.</li>
 * <li>{@link #concurrency()}: transactions in flight at once, default
 *     {@value #DEFAULT_CONCURRENCY}.</li>
 * <li>{@link #ordered()}: outcomes in input order (default {@code true}), or in the order the
 *     transactions end.</li>
 * <li>{@link #transactOptions()}: options of each transaction (expiration, plugins, ABIs), default
 *     {@link TransactOptions#DEFAULT}; they must broadcast.</li>
 * </ul>
 */
public final class BatchOptions {

    /** Actions per transaction by default: 50. */
    public static final int DEFAULT_MAX_ACTIONS = 50;
    /** Bytes of packed actions per transaction by default: 262144 (256 KiB). */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    /** How long a partial batch waits by default: 50 ms. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(50);
    /** Transactions in flight by default: 4. */
    public static final int DEFAULT_CONCURRENCY = 4;

    /** The defaults. */
    public static final BatchOptions DEFAULT = builder().build();

    private final int maxActions;
    private final int maxBytes;
    private final Duration maxWait;
    private final int concurrency;
    private final boolean ordered;
    private final TransactOptions transactOptions;

    private BatchOptions(Builder b) {
        this.maxActions = b.maxActions;
        this.maxBytes = b.maxBytes;
        this.maxWait = b.maxWait;
        this.concurrency = b.concurrency;
        this.ordered = b.ordered;
        this.transactOptions = b.transactOptions;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder mutate() {
        Builder b = new Builder();
        b.maxActions = maxActions;
        b.maxBytes = maxBytes;
        b.maxWait = maxWait;
        b.concurrency = concurrency;
        b.ordered = ordered;
        b.transactOptions = transactOptions;
        return b;
    }

    /** The most actions in one transaction. */
    public int maxActions() {
        return maxActions;
    }

    /** The most bytes of packed actions in one transaction (a larger single action goes alone). */
    public int maxBytes() {
        return maxBytes;
    }

    /** How long a batch that is not full waits for more actions. */
    public Duration maxWait() {
        return maxWait;
    }

    /** Transactions in flight at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Whether outcomes come in input order. */
    public boolean ordered() {
        return ordered;
    }

    /** The options of each transaction. */
    public TransactOptions transactOptions() {
        return transactOptions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchOptions b && maxActions == b.maxActions && maxBytes == b.maxBytes
                && concurrency == b.concurrency && ordered == b.ordered && maxWait.equals(b.maxWait)
                && transactOptions.equals(b.transactOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxActions, maxBytes, maxWait, concurrency, ordered, transactOptions);
    }

    @Override
    public String toString() {
        return "BatchOptions[maxActions=" + maxActions + ", maxBytes=" + maxBytes + ", maxWait=" + maxWait
                + ", concurrency=" + concurrency + ", ordered=" + ordered + ", transactOptions=" + transactOptions
                + "]";
    }

    /** Builds {@link BatchOptions}; each setter checks its value. Not thread-safe. */
    public static final class Builder {
        private int maxActions = DEFAULT_MAX_ACTIONS;
        private int maxBytes = DEFAULT_MAX_BYTES;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean ordered = true;
        private TransactOptions transactOptions = TransactOptions.DEFAULT;

        private Builder() {
        }

        /**
         * The most actions in one transaction.
         *
         * @throws IllegalArgumentException if {@code maxActions} is not positive
         */
        public Builder maxActions(int maxActions) {
            if (maxActions < 1) {
                throw new IllegalArgumentException("maxActions must be at least 1, got " + maxActions);
            }
            this.maxActions = maxActions;
            return this;
        }

        /**
         * The most bytes of packed actions in one transaction.
         *
         * @throws IllegalArgumentException if {@code maxBytes} is not positive
         */
        public Builder maxBytes(int maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * How long a batch that is not full waits for more actions.
         *
         * @throws IllegalArgumentException if {@code maxWait} is not positive
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait must be positive, got " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Transactions in flight at once.
         *
         * @throws IllegalArgumentException if {@code concurrency} is not positive
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Whether outcomes come in input order ({@code true}, the default) or as transactions end. */
        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        /**
         * The options of each transaction.
         *
         * @throws IllegalArgumentException if they do not broadcast
         */
        public Builder transactOptions(TransactOptions options) {
            Objects.requireNonNull(options, "options");
            if (!options.broadcast()) {
                throw new IllegalArgumentException("transactAll broadcasts every transaction; transactOptions say "
                        + "broadcast=false");
            }
            this.transactOptions = options;
            return this;
        }

        /** The options. */
        public BatchOptions build() {
            return new BatchOptions(this);
        }
    }
}
