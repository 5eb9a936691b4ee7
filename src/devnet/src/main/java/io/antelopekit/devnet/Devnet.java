package io.antelopekit.devnet;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * An embedded local Antelope chain served over HTTP, for demos, tests and users' own tests: a
 * Reactor Netty server on {@code 127.0.0.1} that answers the node's chain API
 * ({@code /v1/chain/get_info}, {@code get_account}, {@code get_abi}, {@code get_raw_abi},
 * {@code get_block}, {@code get_block_info}, {@code get_table_rows} (primary and secondary
 * indexes, every key type), {@code get_table_by_scope},
 * {@code get_currency_balance}, {@code get_currency_stats}, {@code push_transaction},
 * {@code send_transaction}, {@code send_transaction2}, {@code compute_transaction},
 * {@code send_read_only_transaction}, {@code get_required_keys}, {@code get_transaction_status},
 * {@code get_accounts_by_authorizers}) in the node's JSON shapes, error bodies and status codes.
 *
 * <p>It checks transactions as a node does (expiration window, TAPoS reference block,
 * duplicates, signatures recovered and held against permissions with weights, thresholds and
 * nested permission levels, linked permissions, context-free data digest, network and CPU usage
 * against the transaction limits: {@value #DEFAULT_MAX_TRANSACTION_NET_USAGE} bytes and
 * {@value #DEFAULT_MAX_TRANSACTION_CPU_USAGE} us by default, or the header's lower ones) and
 * runs {@code eosio::newaccount}, {@code updateauth}, {@code deleteauth}, {@code linkauth},
 * {@code unlinkauth}, {@code setabi}, {@code setcode} and the {@code eosio.token} contract with
 * its own assertion messages. Actions of contracts registered with an ABI are authorised,
 * decoded and recorded; other actions of {@code eosio} and of token contracts are refused as
 * their code would refuse them. Blocks are produced every {@link #DEFAULT_BLOCK_INTERVAL} (or on
 * demand; on a machine too busy to run the timer on time, the slots it missed are skipped, not
 * filled with a burst of empty blocks), the last irreversible block trailing the head by
 * {@link #DEFAULT_IRREVERSIBLE_DISTANCE} blocks, so a transaction's status goes
 * {@code LOCALLY_APPLIED -> IN_BLOCK -> IRREVERSIBLE}.
 *
 * <pre>{@code
 * try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
 *     ChainClient client = ChainClient.create(devnet.url());
 *     DevAccount alice = DevAccount.of("alice");          // documented dev key
 *     ... sign with alice.privateKey() for devnet.chainId(), send ...
 *     devnet.produceBlocks(4).subscribe();                 // in block, then irreversible
 * }
 * }</pre>
 *
 * <p>A request body over nodeos's {@code max-body-size} ({@link #DEFAULT_MAX_BODY_SIZE}, see
 * {@link Builder#maxBodySize(long)}) is refused as nodeos refuses it, while it streams in and
 * before it is held: the connection is closed without an answer. A request the devnet cannot
 * parse gets the node's {@code 400 invalid_http_request} naming what was wrong.
 *
 * <p>A transaction's CPU is billed by its work, not by the clock, so the same transaction always
 * costs the same and tests never depend on timing: {@value Chain#CPU_US_PER_TRANSACTION} us, plus
 * {@value Chain#CPU_US_PER_ACTION} us per action run (every action, context-free action and
 * notification: a token transfer is 160 us). Past the limit it is refused with the node's
 * {@code tx_cpu_usage_exceeded}.
 *
 * <p>The chain changes one transaction at a time, in arrival order, under one lock held only
 * for the state change itself; parsing, signature recovery and JSON run on the server's I/O
 * threads in parallel.
 *
 * <p>One chain may be served on several endpoints ({@link Builder#endpoints(int)}), as a chain
 * is by several nodes: each can be stopped and started again on its port
 * ({@link #stopEndpoint(int)}, {@link #startEndpoint(int)}) or made to lag behind the head
 * ({@link #lagEndpoint(int, int)}), to test failover and catching-up clients.
 *
 * <pre>{@code
 * try (Devnet devnet = Devnet.builder().endpoints(2).start()) {
 *     ChainClient client = ChainClient.builder().endpoints(devnet.urls().toArray(String[]::new)).build();
 *     devnet.stopEndpoint(0).subscribe();                  // the client fails over to the other
 *     ...
 *     devnet.startEndpoint(0).subscribe();                 // back, on the same URL
 * }
 * }</pre>
 */
public final class Devnet implements AutoCloseable {

    /** Time between blocks by default: 500 ms, as on Antelope chains. */
    public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofMillis(500);
    /** How many blocks the last irreversible block trails the head by default: 3. */
    public static final int DEFAULT_IRREVERSIBLE_DISTANCE = 3;
    /** The largest network usage of a transaction by default, in bytes: 512 KiB, the node's default. */
    public static final long DEFAULT_MAX_TRANSACTION_NET_USAGE = 524_288;
    /**
     * The largest request body by default, in bytes: 2 MiB, nodeos's http_plugin
     * {@code max-body-size} default (since Leap 3.1; 1 MiB before).
     */
    public static final long DEFAULT_MAX_BODY_SIZE = 2L * 1024 * 1024;
    /** The most {@link Builder#maxBodySize(long)} may be set to: 1 GiB (a body is held whole once received). */
    public static final long MAX_BODY_SIZE_LIMIT = 1L << 30;
    /**
     * The largest billed CPU time of a transaction by default, in microseconds: 150 ms, the
     * node's {@code max_transaction_cpu_usage} default (three quarters of the
     * {@code block_cpu_limit} of 200 ms that {@code get_info} gives).
     */
    public static final long DEFAULT_MAX_TRANSACTION_CPU_USAGE = Chain.MAX_BLOCK_CPU_USAGE * 3 / 4;
    /** How many past blocks are kept by default (one hour of blocks); older ones are forgotten. */
    public static final int DEFAULT_HISTORY_BLOCKS = 7200;
    /** Event-loop threads of a devnet by default: one core. */
    public static final int DEFAULT_IO_THREADS = 1;
    /** HTTP endpoints of a devnet by default: one. */
    public static final int DEFAULT_ENDPOINTS = 1;
    /** The most HTTP endpoints a devnet serves its chain on: 16. */
    public static final int MAX_ENDPOINTS = 16;

    /** The dev accounts of the default genesis (besides {@code eosio} and {@code eosio.token}). */
    public static final List<String> DEV_ACCOUNTS = Genesis.DEFAULT_USERS;

    /**
     * The devnet's resource payer for {@code io.antelopekit.transact.ResourcePayerPlugin}:
     * {@code payer@cosign}, a permission of the account {@code payer} linked to
     * {@code greymassnoop::noop} only. Its key is the dev key of {@code payer}
     * ({@code DevAccount.of("payer").privateKey()}), as are the account's owner and active keys.
     * Every devnet has it, unless its genesis defines an account {@code payer} itself or
     * registers its own contract on {@code greymassnoop}.
     */
    public static final PermissionLevel RESOURCE_PAYER = PermissionLevel.from("payer@cosign");

    /**
     * The test contract every devnet has (unless its genesis registers its own contract on that
     * account): {@code kittest}, with the ABI {@code io/antelopekit/devnet/kittest.abi.json}.
     * {@code setitem} stores an item of table {@code items} in a scope (authorized by and paid by
     * its owner; secondary indexes 2 owner {@code name}, 3 price {@code float64}, 4 hash
     * {@code sha256}, 5 rank {@code i128}), {@code delitem} erases one (its owner authorizes), and
     * the read-only {@code stats} returns an owner's count, total price and most expensive item
     * in a scope. The account has its dev key ({@code DevAccount.of("kittest")}).
     */
    public static final io.antelopekit.chain.Name TEST_CONTRACT = KitTestContract.ACCOUNT;

    private static final System.Logger LOG = System.getLogger(Devnet.class.getName());

    private final Chain chain;
    private final Genesis genesis;
    private final Scheduler timer;
    private final LoopResources loops;
    private final Endpoint[] endpoints;
    private final List<String> urls;
    private final Disposable producer;
    private final ShipServer ship;

    private Devnet(Builder b, Builder.Parts parts) {
        this.chain = parts.chain;
        this.ship = parts.ship;
        this.genesis = b.genesis;
        this.timer = parts.timer;
        this.loops = parts.loops;
        this.endpoints = parts.endpoints;
        List<String> u = new ArrayList<>(endpoints.length);
        for (Endpoint e : endpoints) {
            u.add(e.url());
        }
        this.urls = List.copyOf(u);
        boolean emptyBlocks = b.emptyBlocks;
        if (b.blockInterval.isZero()) {
            this.producer = null;
        } else {
            // a timer that fell behind (a busy machine) fires its missed ticks back to back: skip
            // them, as a producer that missed its slots does, instead of a burst of empty blocks
            long minGapNanos = b.blockInterval.toNanos() / 2;
            long[] lastTick = {System.nanoTime()};
            this.producer = Flux.interval(b.blockInterval, b.blockInterval, timer).subscribe(t -> {
                long now = System.nanoTime();
                if (now - lastTick[0] < minGapNanos) {
                    return;
                }
                lastTick[0] = now;
                try {
                    synchronized (chain) {
                        if (emptyBlocks || chain.hasPending()) {
                            chain.produceBlock();
                        }
                    }
                } catch (RuntimeException e) {
                    // keep producing: one failed block must not stop the chain
                    LOG.log(System.Logger.Level.ERROR, "devnet: producing a block failed", e);
                }
            });
        }
    }

    /** A builder with the default genesis, a free port, and blocks every 500 ms. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL of the first endpoint, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return urls.get(0);
    }

    /** The port of the first endpoint. */
    public int port() {
        return endpoints[0].port();
    }

    /**
     * The base URL of every endpoint, in order (the first is {@link #url()}). A URL stays valid
     * while its endpoint is stopped and after it starts again.
     *
     * @return an immutable list of one URL per endpoint
     */
    public List<String> urls() {
        return urls;
    }

    /**
     * Stops an endpoint as a node goes down: closes its listening socket and its open
     * connections now (clients see refused or reset connections, not a slow answer). The chain
     * goes on producing blocks and the other endpoints go on serving. Stopping a stopped endpoint
     * does nothing.
     *
     * <pre>{@code
     * devnet.stopEndpoint(1).then(devnet.startEndpoint(1)).subscribe();
     * }</pre>
     *
     * @param index the endpoint, from 0
     * @return completes once the socket and the connections are closed; nothing happens before
     *         subscription
     * @throws IndexOutOfBoundsException if there is no such endpoint
     */
    public Mono<Void> stopEndpoint(int index) {
        return endpoint(index).stop();
    }

    /**
     * Starts a stopped endpoint again on the same port, so its URL stays valid; does nothing
     * when it is running. Binds without blocking the subscribing thread. If a stop comes before
     * the bind completes, the stop wins.
     *
     * @param index the endpoint, from 0
     * @return completes once the endpoint listens; a {@link DevnetException} if it cannot bind
     *         (another process took the port meanwhile) or the devnet is stopped; nothing happens
     *         before subscription
     * @throws IndexOutOfBoundsException if there is no such endpoint
     */
    public Mono<Void> startEndpoint(int index) {
        return endpoint(index).start();
    }

    /**
     * Whether an endpoint is listening now.
     *
     * @param index the endpoint, from 0
     * @return false once stopped until started again
     * @throws IndexOutOfBoundsException if there is no such endpoint
     */
    public boolean isEndpointRunning(int index) {
        return endpoint(index).isRunning();
    }

    /**
     * Makes an endpoint behave, from now on, like a node {@code blocks} blocks behind the head
     * (one that is catching up): its {@code get_info} gives the block {@code blocks} below the
     * head as head (never below the earliest kept block), with its id and time, and the last
     * irreversible block no higher than that; {@code get_block} and {@code get_block_info} of a
     * block above it answer the node's unknown-block error, as for a block that does not exist;
     * {@code get_transaction_status} counts from that head (a transaction in a later block is
     * {@code LOCALLY_APPLIED}). Other reads, and transactions sent to it, work on the shared
     * chain as on any endpoint: a transaction pushed to a lagging endpoint runs at once. The
     * other endpoints are not affected. As the chain produces blocks, the lagging endpoint's
     * head moves with it, {@code blocks} behind.
     *
     * @param index the endpoint, from 0
     * @param blocks how many blocks behind; 0 removes the lag
     * @throws IndexOutOfBoundsException if there is no such endpoint
     * @throws IllegalArgumentException if {@code blocks} is negative
     */
    public void lagEndpoint(int index, int blocks) {
        Endpoint e = endpoint(index);
        if (blocks < 0) {
            throw new IllegalArgumentException("lag of devnet endpoint " + index + " must not be negative: " + blocks);
        }
        e.api.lag(blocks);
    }

    private Endpoint endpoint(int index) {
        if (index < 0 || index >= endpoints.length) {
            throw new IndexOutOfBoundsException("devnet endpoint index " + index + " is out of range: this devnet has "
                    + endpoints.length + (endpoints.length == 1 ? " endpoint (index 0)"
                    : " endpoints (indexes 0 to " + (endpoints.length - 1) + ")"));
        }
        return endpoints[index];
    }

    /**
     * The state history endpoint, such as {@code ws://127.0.0.1:40124}: the node's
     * {@code state_history_plugin} WebSocket protocol (see {@link Builder#stateHistory(boolean)}).
     *
     * @throws IllegalStateException when the devnet serves no state history
     */
    public String stateHistoryUrl() {
        if (ship == null) {
            throw new IllegalStateException("this devnet serves no state history: build it with stateHistory(true)");
        }
        return ship.url();
    }

    /**
     * Stops the state history endpoint, as a node that goes away: its sessions are closed and
     * the port stops listening until {@link #startStateHistory()}.
     *
     * @return completes once the socket is closed; nothing happens before subscription
     * @throws IllegalStateException when the devnet serves no state history
     */
    public Mono<Void> stopStateHistory() {
        stateHistoryUrl();
        return ship.stop();
    }

    /**
     * Starts the state history endpoint again on the same port, so its URL stays valid; does
     * nothing when it is running.
     *
     * @return completes once it listens; nothing happens before subscription
     * @throws IllegalStateException when the devnet serves no state history
     */
    public Mono<Void> startStateHistory() {
        stateHistoryUrl();
        return ship.start();
    }

    /** Whether the devnet serves the state history ({@link Builder#stateHistory(boolean)}). */
    public boolean hasStateHistory() {
        return ship != null;
    }

    public Checksum256 chainId() {
        return chain.chainId;
    }

    /** The description the chain started from. */
    public Genesis genesis() {
        return genesis;
    }

    /** The accounts of the genesis that have their documented dev keys. */
    public List<DevAccount> devAccounts() {
        return genesis.devAccounts();
    }

    /** Whether this devnet has the built-in {@link #RESOURCE_PAYER} (the genesis did not replace it). */
    boolean hasResourcePayer() {
        synchronized (chain) {
            return chain.state.permission(RESOURCE_PAYER.actor(), RESOURCE_PAYER.permission()) != null
                    && genesis.accounts().stream().noneMatch(a -> a.name().equals(RESOURCE_PAYER.actor()));
        }
    }

    /**
     * Produces the pending block now (in addition to the timer, if any).
     *
     * @return the new head block number
     */
    public Mono<Long> produceBlock() {
        return Mono.fromCallable(() -> {
            synchronized (chain) {
                return chain.produceBlock();
            }
        });
    }

    /**
     * Produces {@code n} blocks now.
     *
     * @param n how many, at least 1
     * @return the new head block number
     */
    public Mono<Long> produceBlocks(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        return Mono.fromCallable(() -> {
            synchronized (chain) {
                long head = 0;
                for (int i = 0; i < n; i++) {
                    head = chain.produceBlock();
                }
                return head;
            }
        });
    }

    /**
     * Replaces the last {@code depth} blocks by a competing branch of the same length, as when
     * another producer's fork wins: the state goes back to the block before them (every change
     * their transactions and the pending block's made is undone, and the chain forgets those
     * transactions, so they may be sent again), then {@code depth} new blocks are produced
     * without those transactions, so their ids differ. {@code get_info} and {@code get_block}
     * then answer the new blocks; a state history session that sent the replaced blocks sends
     * again from the first new one, as a node's does on a fork.
     *
     * <pre>{@code
     * devnet.fork(2).subscribe(head -> ...); // the last 2 blocks replaced
     * }</pre>
     *
     * @param depth how many blocks to replace, at least 1; all must be above the last irreversible block
     * @return the head block number (unchanged); a {@link DevnetException} when the blocks are not
     *         all reversible; nothing happens before subscription
     * @throws IllegalArgumentException if {@code depth} is less than 1
     */
    public Mono<Long> fork(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        return Mono.fromCallable(() -> {
            synchronized (chain) {
                return chain.fork(depth);
            }
        });
    }

    /** The head block number. */
    public Mono<Long> headBlockNum() {
        return Mono.fromCallable(() -> {
            synchronized (chain) {
                return chain.head().num();
            }
        });
    }

    /**
     * Stops producing blocks and stops every endpoint (for good: they cannot be started again);
     * waits up to 5 s for each to close. Idempotent.
     */
    public void stop() {
        if (producer != null) {
            producer.dispose();
        }
        for (Endpoint e : endpoints) {
            e.stopNow(Duration.ofSeconds(5));
        }
        if (ship != null) {
            ship.stopNow(Duration.ofSeconds(5));
        }
        timer.dispose();
        loops.dispose();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Devnet[" + String.join(", ", urls) + ", chain " + chain.chainId + "]";
    }

    /** Configures and starts a {@link Devnet}; not thread-safe. */
    public static final class Builder {
        private Genesis genesis;
        private String host = "127.0.0.1";
        private int port;
        private Duration blockInterval = DEFAULT_BLOCK_INTERVAL;
        private int irreversibleDistance = DEFAULT_IRREVERSIBLE_DISTANCE;
        private long maxTransactionNetUsage = DEFAULT_MAX_TRANSACTION_NET_USAGE;
        private long maxTransactionCpuUsage = DEFAULT_MAX_TRANSACTION_CPU_USAGE;
        private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private int historyBlocks = DEFAULT_HISTORY_BLOCKS;
        private int ioThreads = DEFAULT_IO_THREADS;
        private int endpoints = DEFAULT_ENDPOINTS;
        private boolean emptyBlocks = true;
        private boolean stateHistory;
        private int stateHistoryPort;

        private Builder() {
        }

        /**
         * Serves the state history as a node with {@code state_history_plugin},
         * {@code trace-history} and {@code chain-state-history} does, on a WebSocket endpoint of its
         * own ({@link Devnet#stateHistoryUrl()}, a free port unless {@link #stateHistoryPort(int)}):
         * the SHiP ABI first, then {@code get_status}, {@code get_blocks} with blocks, traces and
         * state deltas, following new blocks. Off by default, as on a node. The logs begin with the
         * first block produced, whose deltas hold the whole state.
         *
         * <pre>{@code
         * Devnet devnet = Devnet.builder().stateHistory(true).start();
         * String ship = devnet.stateHistoryUrl();   // ws://127.0.0.1:...
         * }</pre>
         */
        public Builder stateHistory(boolean on) {
            this.stateHistory = on;
            return this;
        }

        /** Serves the state history ({@link #stateHistory(boolean)}) on this port (0: a free one). */
        public Builder stateHistoryPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("state history port must be 0..65535: " + port);
            }
            this.stateHistory = true;
            this.stateHistoryPort = port;
            return this;
        }

        /** What the chain starts from; {@link Genesis#defaults()} when not set. */
        public Builder genesis(Genesis genesis) {
            this.genesis = Objects.requireNonNull(genesis, "genesis");
            return this;
        }

        /** The address to listen on; {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port of the first endpoint; 0 (the default) for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Time between blocks; {@link Duration#ZERO} for none (see {@link #manualBlockProduction()}). */
        public Builder blockInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative: " + interval);
            }
            this.blockInterval = interval;
            return this;
        }

        /**
         * No timer: blocks are produced only by {@link Devnet#produceBlock()} (for step-by-step
         * tests). Such a chain keeps its own time: each block is 500 ms after the one before,
         * whatever the clock says, and transactions expire against that time.
         */
        public Builder manualBlockProduction() {
            return blockInterval(Duration.ZERO);
        }

        /**
         * Whether the timer produces a block when no transaction is pending; {@code true} (as
         * Antelope nodes do) by default. With {@code false} the timer skips such slots, so every
         * block after the first holds a transaction (a history of full blocks for block readers,
         * like CometBFT's {@code create_empty_blocks = false}); the last irreversible block then
         * moves only as blocks with transactions come. {@link Devnet#produceBlock()} always
         * produces one.
         */
        public Builder emptyBlocks(boolean produce) {
            this.emptyBlocks = produce;
            return this;
        }

        /** How many blocks the last irreversible block trails the head; 0 makes every block irreversible at once. */
        public Builder irreversibleDistance(int blocks) {
            if (blocks < 0) {
                throw new IllegalArgumentException("irreversible distance must not be negative: " + blocks);
            }
            this.irreversibleDistance = blocks;
            return this;
        }

        /** The largest network usage of a transaction, in bytes ({@code tx_net_usage_exceeded} beyond). */
        public Builder maxTransactionNetUsage(long bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("max transaction net usage must be at least 64 bytes: " + bytes);
            }
            this.maxTransactionNetUsage = bytes;
            return this;
        }

        /**
         * The largest billed CPU time of a transaction, in microseconds, as the chain's
         * {@code max_transaction_cpu_usage}: a transaction billed more is refused with the
         * node's {@code tx_cpu_usage_exceeded}. The devnet bills CPU by the work done (see
         * {@link Devnet}), not by the clock.
         *
         * @param micros from {@value Chain#MIN_CPU_US} (the node's minimum billed CPU) to below
         *        the block CPU limit of {@value Chain#MAX_BLOCK_CPU_USAGE}, as the node requires
         * @return this builder
         * @throws IllegalArgumentException if out of that range
         */
        public Builder maxTransactionCpuUsage(long micros) {
            if (micros < Chain.MIN_CPU_US || micros >= Chain.MAX_BLOCK_CPU_USAGE) {
                throw new IllegalArgumentException("max transaction CPU usage must be " + Chain.MIN_CPU_US + ".."
                        + (Chain.MAX_BLOCK_CPU_USAGE - 1) + " us (below the block CPU limit): " + micros);
            }
            this.maxTransactionCpuUsage = micros;
            return this;
        }

        /**
         * The largest request body, in bytes, as nodeos's http_plugin {@code max-body-size}
         * ({@link #DEFAULT_MAX_BODY_SIZE} by default). A request with a larger body is refused as
         * nodeos refuses it, while it streams in and before it is held: the connection is closed
         * without an answer (or answered {@code 401} when it asked for
         * {@code Expect: 100-continue}).
         *
         * @param bytes from 1 to {@link #MAX_BODY_SIZE_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException if out of that range
         */
        public Builder maxBodySize(long bytes) {
            if (bytes < 1 || bytes > MAX_BODY_SIZE_LIMIT) {
                throw new IllegalArgumentException("max body size must be 1.." + MAX_BODY_SIZE_LIMIT + " bytes: "
                        + bytes);
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * How many event-loop threads serve the HTTP API and run the transactions; 1 by default,
         * so a devnet uses one core however busy its clients are (its threads are named
         * {@code antelopekit-devnet-io-*}, apart from the application's Reactor Netty threads).
         */
        public Builder ioThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * How many HTTP endpoints serve the chain; 1 by default. The first listens on
         * {@link #port(int)}, the others on free ports; all share the one chain, the event loops
         * ({@link #ioThreads(int)}) and the block timer. See {@link Devnet#urls()}.
         *
         * <pre>{@code
         * Devnet devnet = Devnet.builder().endpoints(2).start();
         * }</pre>
         *
         * @param n from 1 to {@link Devnet#MAX_ENDPOINTS}
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is out of range
         */
        public Builder endpoints(int n) {
            if (n < 1 || n > MAX_ENDPOINTS) {
                throw new IllegalArgumentException("endpoints must be 1.." + MAX_ENDPOINTS + ": " + n);
            }
            this.endpoints = n;
            return this;
        }

        /** How many past blocks to keep (at least 16). */
        public Builder historyBlocks(int blocks) {
            if (blocks < 16) {
                throw new IllegalArgumentException("history must keep at least 16 blocks: " + blocks);
            }
            this.historyBlocks = blocks;
            return this;
        }

        /**
         * Starts the chain and binds the endpoints (startup code: waits for the binds).
         *
         * @return the running devnet
         * @throws DevnetException if an endpoint cannot bind
         */
        public Devnet start() {
            Parts p = parts();
            for (Endpoint e : p.endpoints) {
                try {
                    e.bindNow(Duration.ofSeconds(30));
                } catch (RuntimeException x) {
                    p.dispose();
                    throw new DevnetException("cannot start the devnet server on " + host + ":" + e.port() + ": "
                            + x.getMessage(), x);
                }
            }
            if (p.ship != null) {
                try {
                    p.ship.bindNow(Duration.ofSeconds(30));
                } catch (RuntimeException x) {
                    p.dispose();
                    throw new DevnetException("cannot start the devnet state history endpoint on " + host + ":"
                            + stateHistoryPort + ": " + x.getMessage(), x);
                }
            }
            return new Devnet(this, p);
        }

        /**
         * Starts the chain and binds the endpoints when subscribed.
         *
         * @return the running devnet; a {@link DevnetException} if an endpoint cannot bind
         */
        public Mono<Devnet> startMono() {
            return Mono.defer(() -> {
                Parts p = parts();
                Mono<Void> ship = p.ship == null ? Mono.empty()
                        : Mono.<Void>fromRunnable(() -> p.ship.bindNow(Duration.ofSeconds(30)))
                                .subscribeOn(Schedulers.boundedElastic());
                return Flux.fromArray(p.endpoints)
                        .concatMap(Endpoint::start)
                        .then(ship)
                        .then(Mono.fromSupplier(() -> new Devnet(this, p)))
                        .onErrorMap(e -> {
                            p.dispose();
                            return e instanceof DevnetException ? e : new DevnetException("cannot start the devnet: "
                                    + e.getMessage(), e);
                        });
            });
        }

        private record Parts(Chain chain, Scheduler timer, LoopResources loops, Endpoint[] endpoints, ShipServer ship) {
            void dispose() {
                for (Endpoint e : endpoints) {
                    e.stop().subscribe();
                }
                if (ship != null) {
                    ship.stopNow(Duration.ofSeconds(5));
                }
                timer.dispose();
                loops.dispose();
            }
        }

        private Parts parts() {
            if (genesis == null) {
                genesis = Genesis.defaults();
            }
            // every transaction's signatures are recovered on the event loop: load the native
            // recovery, when present, here at startup rather than there
            io.antelopekit.crypto.Signature.nativeRecovery();
            Chain chain = new Chain(genesis, irreversibleDistance, maxTransactionNetUsage, maxTransactionCpuUsage,
                    historyBlocks, System::currentTimeMillis, !blockInterval.isZero());
            Scheduler timer = Schedulers.newSingle("antelopekit-devnet-blocks", true);
            LoopResources loops = LoopResources.create("antelopekit-devnet-io", 1, ioThreads, true, false);
            // one signature cache for all endpoints: a transaction resent to another one is recovered once
            Incoming.SignatureCache cache = new Incoming.SignatureCache();
            int maxInflated = (int) Math.min(Integer.MAX_VALUE, maxTransactionNetUsage * 2);
            Endpoint[] all = new Endpoint[endpoints];
            for (int i = 0; i < endpoints; i++) {
                all[i] = new Endpoint(i, host, i == 0 ? port : 0, new HttpApi(chain, cache, maxInflated), loops,
                        maxBodySize);
            }
            ShipServer ship = null;
            if (stateHistory) {
                chain.keepStateHistory();
                ship = new ShipServer(chain, host, stateHistoryPort, loops);
            }
            return new Parts(chain, timer, loops, all, ship);
        }
    }
}
