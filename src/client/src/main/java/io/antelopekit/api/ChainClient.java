package io.antelopekit.api;

import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.api.model.TableByScopeResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.AbiResponse;
import io.antelopekit.api.model.AccountInfo;
import io.antelopekit.api.model.AccountsByAuthorizersResponse;
import io.antelopekit.api.model.BlockInfo;
import io.antelopekit.api.model.BlockResponse;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.CurrencyBalance;
import io.antelopekit.api.model.RawAbiResponse;
import io.antelopekit.api.model.RequiredKeysResponse;
import io.antelopekit.api.model.TableRowsResponse;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PublicKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A non-blocking client of a chain's HTTP API ({@code /v1/chain/...}) on Reactor Netty.
 *
 * <pre>{@code
 * ChainClient client = ChainClient.create("https://jungle4.greymass.com");
 * client.getInfo().subscribe(info -> System.out.println(info.headBlockNum()));
 * }</pre>
 *
 * <p>Every method returns a cold {@link Mono} or {@link Flux}: nothing is sent before
 * subscription, and each subscription sends anew. Answers are read with
 * {@link ChainJson#mapper()} into the models of {@code io.antelopekit.api.model}.
 *
 * <p>Failures are {@link ChainClientException}s: {@link ChainApiException} (the node's error
 * body, with its code, name, what and details), {@link ChainTransportException},
 * {@link ChainTimeoutException} and {@link MalformedResponseException}. Reads are retried on
 * transient failures as {@link ChainClientConfig#readRetry()} says, each retry on the next
 * endpoint; transactions are retried as {@link ChainClientConfig#broadcastRetry()} says, always
 * the same bytes, so the chain runs them at most once, and a {@code tx_duplicate} answer to a
 * retry counts as accepted.
 *
 * <p>Immutable and thread-safe: build once, share everywhere. {@link #dispose()} closes the
 * connection pool the client made for itself (never one it was given).
 */
public final class ChainClient implements Disposable {

    /** Default connect timeout: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default response timeout of one try: 10 s. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default pool size per node: 64 connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /**
     * How many requests may wait for a connection of the pool the client makes, per node, by
     * default: enough for a bot with thousands of transactions in flight (Reactor Netty's own
     * default, twice the pool size, refuses the 129th waiting request of a 64-connection pool).
     */
    public static final int DEFAULT_MAX_PENDING_ACQUIRES = 16_384;
    /** Default idle time before a pooled connection is closed: 20 s (below nginx's usual keep-alive). */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(20);
    /** Default largest answer: 64 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024;
    /** Default polling interval of {@link #heads()}: 500 ms, one block. */
    public static final Duration DEFAULT_HEADS_INTERVAL = Duration.ofMillis(500);

    private final ChainClientConfig config;
    private final Builder source;
    private final Transport transport;
    private final TablePager tables;
    private final TransactionTracker tracker;
    private final ConnectionProvider ownedProvider;
    private final java.util.concurrent.atomic.AtomicBoolean disposed = new java.util.concurrent.atomic.AtomicBoolean();

    static {
        // once, before any request: no event loop then waits on Jackson's lock for a first reader
        Answers.warmUp();
    }

    private ChainClient(Builder b, ChainClientConfig config) {
        this.config = config;
        this.source = b.copy();
        ClientMetrics metrics = b.meterRegistry == null ? ClientMetrics.NONE : new ClientMetrics(b.meterRegistry);
        boolean ownPool = b.httpClient == null && b.connectionProvider == null;
        this.ownedProvider = ownPool ? HttpSetup.ownPool(config, b.meterRegistry) : null;
        HttpClient base = b.httpClient != null ? b.httpClient
                : HttpClient.create(ownPool ? ownedProvider : b.connectionProvider);
        this.transport = new Transport(HttpSetup.configure(base, config, source.headers), config.endpoints(),
                config.responseTimeout(), config.maxResponseSize(), metrics);
        this.tables = new TablePager(transport, config.readRetry());
        this.tracker = new TransactionTracker(this::getTransactionStatus, config.statusPolling(),
                Transport.resolve(config.endpoints().get(0), Api.GET_TRANSACTION_STATUS.path()),
                Schedulers.parallel(), System::nanoTime);
    }

    /**
     * A client of the given nodes (of one chain) with default settings.
     *
     * @param endpoints base URLs such as {@code https://jungle4.greymass.com}, in failover order
     * @return the client
     * @throws IllegalArgumentException if a URL is not an absolute http(s) URL
     * @throws IllegalStateException if none is given
     */
    public static ChainClient create(String... endpoints) {
        return builder().endpoints(endpoints).build();
    }

    /**
     * A builder with default settings and no endpoint.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this client's settings, to build a changed copy. The copy has its own
     * connection pool unless this one was given a pool or HTTP client. This is the one way to
     * reach the same chain on another node with the same settings (timeouts, headers, pool,
     * retries, meters): {@code client.mutate().clearEndpoints().endpoint(url).build()}; the
     * caller owns the copy.
     *
     * @return a new builder
     */
    public Builder mutate() {
        return source.copy();
    }

    /**
     * The settings this client was built with.
     *
     * @return the settings
     */
    public ChainClientConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ reads

    /**
     * {@code get_info}: the chain id and the head and last irreversible blocks.
     *
     * @return the node's answer
     */
    public Mono<ChainInfo> getInfo() {
        return read(Api.GET_INFO, () -> RequestBodies.EMPTY, ChainInfo.class);
    }

    /**
     * {@code get_account}: an account's permissions, resources and balances.
     *
     * @param account the account
     * @return the node's answer
     */
    public Mono<AccountInfo> getAccount(Name account) {
        Objects.requireNonNull(account, "account");
        return read(Api.GET_ACCOUNT, () -> RequestBodies.field("account_name", account.toString()), AccountInfo.class);
    }

    /**
     * {@code get_abi}: a contract's ABI as JSON.
     *
     * @param account the contract account
     * @return the node's answer; its {@code abi} is {@code null} when the account has none
     */
    public Mono<AbiResponse> getAbi(Name account) {
        Objects.requireNonNull(account, "account");
        return read(Api.GET_ABI, () -> RequestBodies.field("account_name", account.toString()), AbiResponse.class);
    }

    /**
     * {@code get_raw_abi}: a contract's ABI in binary form.
     *
     * @param account the contract account
     * @return the node's answer
     */
    public Mono<RawAbiResponse> getRawAbi(Name account) {
        Objects.requireNonNull(account, "account");
        return read(Api.GET_RAW_ABI, () -> RequestBodies.field("account_name", account.toString()), RawAbiResponse.class);
    }

    /**
     * A contract's compiled ABI, from {@code get_raw_abi}, ready to encode and decode.
     *
     * @param account the contract account
     * @return the ABI, or empty when the account has none; a {@link MalformedResponseException}
     *         when the node's binary ABI does not decode
     */
    public Mono<Abi> abi(Name account) {
        Objects.requireNonNull(account, "account");
        return transport.execute(Api.GET_RAW_ABI, null, () -> RequestBodies.field("account_name", account.toString()),
                Answers.abi(account), config.readRetry(), null);
    }

    /**
     * {@code get_block}: a block by number.
     *
     * @param blockNum the block number (uint32)
     * @return the node's answer
     * @throws IllegalArgumentException if {@code blockNum} is not a uint32
     */
    public Mono<BlockResponse> getBlock(long blockNum) {
        requireUint32(blockNum, "blockNum");
        return read(Api.GET_BLOCK, () -> RequestBodies.field("block_num_or_id", Long.toString(blockNum)), BlockResponse.class);
    }

    /**
     * {@code get_block}: a block by id.
     *
     * @param blockId the block id
     * @return the node's answer
     */
    public Mono<BlockResponse> getBlock(Checksum256 blockId) {
        Objects.requireNonNull(blockId, "blockId");
        return read(Api.GET_BLOCK, () -> RequestBodies.field("block_num_or_id", blockId.toString()), BlockResponse.class);
    }

    /**
     * {@code get_block_info}: a block's header fields, without its transactions.
     *
     * @param blockNum the block number (uint32)
     * @return the node's answer
     * @throws IllegalArgumentException if {@code blockNum} is not a uint32
     */
    public Mono<BlockInfo> getBlockInfo(long blockNum) {
        requireUint32(blockNum, "blockNum");
        return read(Api.GET_BLOCK_INFO, () -> RequestBodies.blockInfo(blockNum), BlockInfo.class);
    }

    /**
     * {@code get_currency_balance}: an account's balances of a token contract.
     *
     * @param code the token contract, such as {@code eosio.token}
     * @param account the holder
     * @param symbol the token's symbol code, or {@code null} for all of the contract's tokens
     * @return the node's answer
     */
    public Mono<CurrencyBalance> getCurrencyBalance(Name code, Name account, SymbolCode symbol) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(account, "account");
        return read(Api.GET_CURRENCY_BALANCE, () -> RequestBodies.currencyBalance(code, account, symbol),
                CurrencyBalance.class);
    }

    /**
     * {@code get_required_keys}: which of the available keys must sign a transaction.
     *
     * @param transaction the transaction
     * @param availableKeys the keys the signer holds
     * @return the node's answer
     */
    public Mono<RequiredKeysResponse> getRequiredKeys(Transaction transaction, Collection<PublicKey> availableKeys) {
        Objects.requireNonNull(transaction, "transaction");
        List<PublicKey> keys = List.copyOf(Objects.requireNonNull(availableKeys, "availableKeys"));
        return read(Api.GET_REQUIRED_KEYS, () -> RequestBodies.requiredKeys(transaction, keys),
                RequiredKeysResponse.class);
    }

    /**
     * {@code get_accounts_by_authorizers}: the accounts whose permissions name any of the given
     * permissions or keys.
     *
     * @param permissions authorizing permissions, possibly empty
     * @param keys authorizing keys, possibly empty
     * @return the node's answer
     */
    public Mono<AccountsByAuthorizersResponse> getAccountsByAuthorizers(Collection<PermissionLevel> permissions,
            Collection<PublicKey> keys) {
        List<PermissionLevel> perms = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        List<PublicKey> ks = List.copyOf(Objects.requireNonNull(keys, "keys"));
        return read(Api.GET_ACCOUNTS_BY_AUTHORIZERS, () -> RequestBodies.accountsByAuthorizers(perms, ks),
                AccountsByAuthorizersResponse.class);
    }

    /**
     * {@code get_transaction_status}: where a transaction is (nodes with transaction finality
     * status enabled).
     *
     * @param id the transaction id
     * @return the node's answer
     */
    public Mono<TransactionStatus> getTransactionStatus(Checksum256 id) {
        Objects.requireNonNull(id, "id");
        return read(Api.GET_TRANSACTION_STATUS, () -> RequestBodies.field("id", id.toString()), TransactionStatus.class);
    }

    // ------------------------------------------------------------------ tables

    /**
     * {@code get_table_rows}: one page of rows, as the node sends it.
     *
     * @param query the table and bounds
     * @return the page
     */
    public Mono<TableRowsResponse> getTableRows(TableQuery query) {
        Objects.requireNonNull(query, "query");
        return tables.page(query);
    }

    /**
     * Every page of rows, following {@code more}/{@code next_key}. A page is fetched once the
     * one before has been emitted (one page ahead of demand at most).
     *
     * @param query the table, bounds and page size
     * @return the pages; a {@link MalformedResponseException} if a page says more rows follow
     *         but gives no usable {@code next_key}
     */
    public Flux<TableRowsResponse> tableRowsPages(TableQuery query) {
        return tables.pages(query);
    }

    /**
     * Every row, page after page (a page is fetched once every row of the one before has been
     * emitted), as the node sends it: JSON objects, hex strings when
     * {@code json(false)}, {@code {data, payer}} with {@code showPayer(true)}.
     *
     * @param query the table, bounds and page size
     * @return the rows
     */
    public Flux<JsonNode> tableRows(TableQuery query) {
        return tables.rows(query);
    }

    /**
     * Every row as decoded by the node, mapped into {@code type} with {@link ChainJson#mapper()}.
     *
     * @param query the table, bounds and page size
     * @param type a record or class with the row's fields
     * @param <T> the row type
     * @return the rows; a {@link MalformedResponseException} naming the row if one does not map
     */
    public <T> Flux<T> tableRows(TableQuery query, Class<T> type) {
        return tables.rows(query, type);
    }

    /**
     * Every row, read as binary from the node and decoded through {@code abi} to JSON. The RAM
     * payer is dropped; use {@link #tableRows(TableQuery)} with {@code showPayer(true)} for it.
     *
     * @param query the table, bounds and page size
     * @param abi the contract's ABI, which must declare the table
     * @return the rows in the ABI's JSON form
     * @throws IllegalArgumentException if the ABI does not declare the table
     */
    public Flux<JsonNode> tableRows(TableQuery query, Abi abi) {
        return tableRows(query, abi, JsonNode.class);
    }

    /**
     * Every row, read as binary from the node and decoded through {@code abi} into {@code type}.
     *
     * @param query the table, bounds and page size
     * @param abi the contract's ABI, which must declare the table
     * @param type {@code JsonNode}, or a record, map or value class the row decodes into
     * @param <T> the row type
     * @return the rows; a {@link MalformedResponseException} naming the row if one does not decode
     * @throws IllegalArgumentException if the ABI does not declare the table
     */
    public <T> Flux<T> tableRows(TableQuery query, Abi abi, Class<T> type) {
        return tables.rows(query, abi, type);
    }

    /**
     * Every row, read as binary from the node and decoded by {@code decoder}: the fastest way,
     * with the records the code generator writes ({@code client.tableRows(q, Item::decode)}).
     *
     * @param query the table, bounds and page size
     * @param decoder reads one row, to its last byte
     * @param <T> the row type
     * @return the rows; a {@link MalformedResponseException} naming the row if one does not decode
     */
    public <T> Flux<T> tableRows(TableQuery query, BinaryDecoder<T> decoder) {
        return tables.rows(query, decoder);
    }

    /**
     * {@code get_table_by_scope}: one page of the scopes holding rows of a contract's tables.
     *
     * @param query the contract, table and bounds
     * @return the page, with {@code more} the scope the next page starts at (empty when none)
     */
    public Mono<TableByScopeResponse> getTableByScope(TableScopeQuery query) {
        return tables.scopePage(query);
    }

    /**
     * Every scope holding rows of a contract's tables, page after page (a page is fetched once
     * every scope of the one before has been emitted).
     *
     * @param query the contract, table, bounds and page size
     * @return the scopes, each with its table, payer and row count
     */
    public Flux<TableScope> tableScopes(TableScopeQuery query) {
        return tables.scopes(query);
    }

    // ------------------------------------------------------------------ transactions

    /**
     * {@code push_transaction}: sends a signed transaction and waits for its trace. Retried as
     * {@link ChainClientConfig#broadcastRetry()} says; a {@code tx_duplicate} answer to a retry
     * gives a response whose {@code processed} is {@code null}.
     *
     * @param transaction the signed, packed transaction
     * @return the node's answer
     */
    public Mono<TransactionResponse> pushTransaction(PackedTransaction transaction) {
        return send(Api.PUSH_TRANSACTION, transaction, () -> RequestBodies.transaction(transaction), null);
    }

    /**
     * {@code send_transaction}: as {@link #pushTransaction}, on the endpoint newer nodes prefer.
     *
     * @param transaction the signed, packed transaction
     * @return the node's answer
     */
    public Mono<TransactionResponse> sendTransaction(PackedTransaction transaction) {
        return send(Api.SEND_TRANSACTION, transaction, () -> RequestBodies.transaction(transaction), null);
    }

    /**
     * {@code send_transaction2}: as {@link #sendTransaction}, with the node retrying the
     * transaction itself and returning failures as traces when asked.
     *
     * @param transaction the signed, packed transaction
     * @param options retry and failure-trace options
     * @return the node's answer
     */
    public Mono<TransactionResponse> sendTransaction2(PackedTransaction transaction, SendOptions options) {
        Objects.requireNonNull(options, "options");
        return send(Api.SEND_TRANSACTION2, transaction, () -> RequestBodies.sendTransaction2(transaction, options), null);
    }

    /**
     * {@code compute_transaction}: runs a transaction without applying it, to see its trace and
     * resource use. A read: retried as reads are.
     *
     * @param transaction the packed transaction (signatures are not checked)
     * @return the node's answer
     */
    public Mono<TransactionResponse> computeTransaction(PackedTransaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return read(Api.COMPUTE_TRANSACTION, () -> RequestBodies.wrapped(transaction), TransactionResponse.class);
    }

    /**
     * {@code send_read_only_transaction}: runs a read-only transaction (actions that return
     * values). A read: retried as reads are.
     *
     * @param transaction the packed transaction
     * @return the node's answer
     */
    public Mono<TransactionResponse> sendReadOnlyTransaction(PackedTransaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return read(Api.SEND_READ_ONLY_TRANSACTION, () -> RequestBodies.wrapped(transaction), TransactionResponse.class);
    }

    private Mono<TransactionResponse> send(Api api, PackedTransaction transaction, Callable<byte[]> body,
            TransactionResponse[] duplicateMarker) {
        Objects.requireNonNull(transaction, "transaction");
        return transport.execute(api, null, body, Answers.json(TransactionResponse.class), config.broadcastRetry(),
                e -> {
                    TransactionResponse r = new TransactionResponse(transaction.id(), null);
                    if (duplicateMarker != null) {
                        duplicateMarker[0] = r;
                    }
                    return r;
                });
    }

    /**
     * Sends a transaction with {@code send_transaction}, then follows it: emits
     * {@link BroadcastEvent.Accepted}, then a {@link BroadcastEvent.StatusChanged} per state
     * until a final one (see {@link #trackTransaction(Checksum256)}). Fits a pipeline:
     * {@code signed.concatMap(client::broadcast)}.
     *
     * @param transaction the signed, packed transaction
     * @return the events; the node's refusal as a {@link ChainApiException}
     */
    public Flux<BroadcastEvent> broadcast(PackedTransaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return Flux.defer(() -> {
            TransactionResponse[] duplicate = new TransactionResponse[1];
            Checksum256 id = transaction.id();
            Instant expiration = transaction.transaction().header().expiration().toInstant();
            return send(Api.SEND_TRANSACTION, transaction, () -> RequestBodies.transaction(transaction), duplicate)
                    .flatMapMany(r -> Flux.<BroadcastEvent>just(new BroadcastEvent.Accepted(id, r, r == duplicate[0]))
                            .concatWith(tracker.track(id, expiration).map(s -> new BroadcastEvent.StatusChanged(id, s))));
        });
    }

    // ------------------------------------------------------------------ streams

    /**
     * Follows a transaction with {@code get_transaction_status}: emits the first state seen and
     * each change after it, and completes after a final one ({@code IRREVERSIBLE},
     * {@code FAILED}, or {@code EXPIRED}). Polls as {@link ChainClientConfig#statusPolling()}
     * says, waiting longer while nothing changes.
     *
     * <p>Nodes do not report {@code EXPIRED} themselves: a status with that state is emitted
     * when the transaction is not in a block and the node's last irreversible block is past the
     * transaction's expiration, so it can never be included.
     *
     * @param id the transaction id
     * @return the status changes; a {@link ChainTimeoutException} when no final state comes within
     *         the polling timeout
     */
    public Flux<TransactionStatus> trackTransaction(Checksum256 id) {
        Objects.requireNonNull(id, "id");
        return tracker.track(id, null);
    }

    /**
     * New heads: polls {@code get_info} every {@link ChainClientConfig#headsInterval()} and emits
     * each answer whose head block is higher than the last one emitted (a lagging node after a
     * failover emits nothing until it catches up). Never completes; ends with an error only when
     * a poll fails after its retries.
     *
     * @return the heads
     */
    public Flux<ChainInfo> heads() {
        Duration interval = config.headsInterval();
        return Flux.defer(() -> {
            AtomicLong last = new AtomicLong(-1);
            return getInfo()
                    .repeatWhen(done -> done.concatMap(x -> Mono.delay(interval)))
                    .filter(info -> {
                        long head = info.headBlockNum();
                        if (head > last.get()) {
                            last.set(head);
                            return true;
                        }
                        return false;
                    });
        });
    }

    // ------------------------------------------------------------------ generic

    /**
     * Any other chain API call: posts {@code body} as JSON to {@code path} and reads the answer
     * into {@code type}. Retried as reads are: use {@link #call(String, Object, Class, RetryPolicy)}
     * with {@link RetryPolicy#none()} for a call that changes state and is not idempotent.
     *
     * @param path such as {@code /v1/chain/get_producers}
     * @param body a value {@link ChainJson#mapper()} writes, or {@code null} for {@code {}}
     * @param type the answer's type ({@code JsonNode.class} for any JSON)
     * @param <T> the answer's type
     * @return the answer
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public <T> Mono<T> call(String path, Object body, Class<T> type) {
        return call(path, body, type, config.readRetry());
    }

    /**
     * As {@link #call(String, Object, Class)}, with its own retry policy.
     *
     * @param path such as {@code /v1/chain/get_producers}
     * @param body a value {@link ChainJson#mapper()} writes, or {@code null} for {@code {}}
     * @param type the answer's type
     * @param retry how to retry transient failures
     * @param <T> the answer's type
     * @return the answer
     */
    public <T> Mono<T> call(String path, Object body, Class<T> type, RetryPolicy retry) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retry, "retry");
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("path must start with / and have no query: \"" + path + "\"");
        }
        Api api = Api.forPath(path);
        return transport.execute(api, path, () -> RequestBodies.value(body), Answers.json(type), retry, null);
    }

    // ------------------------------------------------------------------ lifecycle

    /** Closes the connection pool this client made for itself, without waiting. */
    @Override
    public void dispose() {
        disposed.set(true);
        if (ownedProvider != null) {
            ownedProvider.disposeLater().subscribe();
        }
    }

    /**
     * Closes the connection pool this client made for itself.
     *
     * @return completes once it is closed
     */
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            disposed.set(true);
            return ownedProvider == null ? Mono.empty() : ownedProvider.disposeLater();
        });
    }

    /** Whether {@link #dispose()} or {@link #disposeLater()} was called (a new client is not disposed). */
    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        return "ChainClient" + config.endpoints();
    }

    // ------------------------------------------------------------------ helpers

    private <T> Mono<T> read(Api api, Callable<byte[]> body, Class<T> type) {
        return transport.execute(api, null, body, Answers.json(type), config.readRetry(), null);
    }

    private static void requireUint32(long value, String name) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(name + " must be 0 to 4294967295, got " + value);
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Settings of a {@link ChainClient}. Not thread-safe; {@link #build()} checks the settings
     * together and may be called again.
     *
     * <pre>{@code
     * ChainClient client = ChainClient.builder()
     *         .endpoints("https://jungle4.greymass.com", "https://jungle4.api.eosnation.io")
     *         .responseTimeout(Duration.ofSeconds(5))
     *         .meterRegistry(registry)
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private final List<URI> endpoints = new ArrayList<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private ConnectionProvider connectionProvider;
        private Integer maxConnections;
        private Integer maxPendingAcquires;
        private Duration maxIdleTime;
        private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private MeterRegistry meterRegistry;
        private HttpClient httpClient;
        private RetryPolicy readRetry = RetryPolicy.DEFAULT_READ;
        private RetryPolicy broadcastRetry = RetryPolicy.DEFAULT_BROADCAST;
        private PollPolicy statusPolling = PollPolicy.DEFAULT;
        private Duration headsInterval = DEFAULT_HEADS_INTERVAL;

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.endpoints.addAll(endpoints);
            b.connectTimeout = connectTimeout;
            b.responseTimeout = responseTimeout;
            b.headers.putAll(headers);
            b.connectionProvider = connectionProvider;
            b.maxConnections = maxConnections;
            b.maxPendingAcquires = maxPendingAcquires;
            b.maxIdleTime = maxIdleTime;
            b.maxResponseSize = maxResponseSize;
            b.meterRegistry = meterRegistry;
            b.httpClient = httpClient;
            b.readRetry = readRetry;
            b.broadcastRetry = broadcastRetry;
            b.statusPolling = statusPolling;
            b.headsInterval = headsInterval;
            return b;
        }

        /**
         * Adds a node. Nodes must serve the same chain; requests go to the first that works and
         * retries to the next.
         *
         * @param url an absolute http or https URL, with or without a base path
         * @return this builder
         * @throws IllegalArgumentException if it is not one
         */
        public Builder endpoint(String url) {
            return endpoint(HttpSetup.endpointUri(url));
        }

        /**
         * Adds a node.
         *
         * @param url an absolute http or https URL
         * @return this builder
         * @throws IllegalArgumentException if it is not one
         */
        public Builder endpoint(URI url) {
            endpoints.add(HttpSetup.endpoint(url));
            return this;
        }

        /**
         * Removes the nodes added so far, so that a {@link ChainClient#mutate()} copy can go to
         * other nodes with the same settings:
         * {@code client.mutate().clearEndpoints().endpoint("https://backup.example").build()}.
         *
         * @return this builder
         */
        public Builder clearEndpoints() {
            endpoints.clear();
            return this;
        }

        /**
         * Adds nodes, in failover order.
         *
         * @param urls absolute http or https URLs
         * @return this builder
         * @throws IllegalArgumentException if one is not
         */
        public Builder endpoints(String... urls) {
            for (String url : Objects.requireNonNull(urls, "urls")) {
                endpoint(url);
            }
            return this;
        }

        /**
         * Adds nodes, in failover order.
         *
         * @param urls absolute http or https URLs
         * @return this builder
         * @throws IllegalArgumentException if one is not
         */
        public Builder endpoints(Collection<URI> urls) {
            for (URI url : Objects.requireNonNull(urls, "urls")) {
                endpoint(url);
            }
            return this;
        }

        /**
         * The longest wait for a connection; default {@link #DEFAULT_CONNECT_TIMEOUT}.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The longest one try may take, from sending the request to the whole answer; default
         * {@link #DEFAULT_RESPONSE_TIMEOUT}. A try that takes longer fails with a
         * {@link ChainTimeoutException} and is retried.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * Adds a header to every request, such as an API key. Values never appear in
         * {@code toString()}.
         *
         * @param name the header name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("header name must not be blank");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * A Reactor Netty connection pool to use, shared with others perhaps; the client never
         * closes it. Not with {@link #maxConnections}, {@link #maxIdleTime} or {@link #httpClient}.
         *
         * @param provider the pool
         * @return this builder
         */
        public Builder connectionProvider(ConnectionProvider provider) {
            this.connectionProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * The size of the pool the client makes, per node; default {@link #DEFAULT_MAX_CONNECTIONS}.
         *
         * @param maxConnections at least 1
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * How many requests may wait for a connection when all of the pool's connections to a node
         * are busy; default {@link #DEFAULT_MAX_PENDING_ACQUIRES}. A request beyond it fails at
         * once with a {@link ChainTransportException}, which callers see as back-pressure: bound
         * the concurrency of the pipeline (e.g. {@code flatMap(f, 256)}) rather than this queue.
         *
         * @param maxPendingAcquires at least 1, or {@code -1} for no limit
         * @return this builder
         */
        public Builder maxPendingAcquires(int maxPendingAcquires) {
            if (maxPendingAcquires < 1 && maxPendingAcquires != -1) {
                throw new IllegalArgumentException("maxPendingAcquires must be >= 1 or -1 (no limit), got "
                        + maxPendingAcquires);
            }
            this.maxPendingAcquires = maxPendingAcquires;
            return this;
        }

        /**
         * How long the pool the client makes keeps an idle connection; default
         * {@link #DEFAULT_MAX_IDLE_TIME}.
         *
         * @param maxIdleTime positive
         * @return this builder
         */
        public Builder maxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = positive(maxIdleTime, "maxIdleTime");
            return this;
        }

        /**
         * The largest answer accepted; a larger one fails with a {@link ChainTransportException}.
         * Default {@link #DEFAULT_MAX_RESPONSE_SIZE}.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxResponseSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseSize must be >= 1024, got " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /**
         * Records the meters of {@link ChainClientMeters} in {@code registry}.
         *
         * @param registry the registry, or {@code null} for none
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * A Reactor Netty HTTP client to start from (for TLS, proxy or event loop settings). The
         * client adds its timeouts, compression and headers. Not with
         * {@link #connectionProvider}, {@link #maxConnections} or {@link #maxIdleTime}: configure
         * its pool when creating it. Without it, no pool gauges are recorded.
         *
         * @param httpClient the HTTP client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * How reads are retried; default {@link RetryPolicy#DEFAULT_READ}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder readRetry(RetryPolicy policy) {
            this.readRetry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How transactions are retried; default {@link RetryPolicy#DEFAULT_BROADCAST}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder broadcastRetry(RetryPolicy policy) {
            this.broadcastRetry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How {@link #trackTransaction} polls; default {@link PollPolicy#DEFAULT}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder statusPolling(PollPolicy policy) {
            this.statusPolling = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How often {@link #heads()} polls; default {@link #DEFAULT_HEADS_INTERVAL}.
         *
         * @param interval positive
         * @return this builder
         */
        public Builder headsInterval(Duration interval) {
            this.headsInterval = positive(interval, "headsInterval");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws IllegalStateException if no endpoint is set, or the pool settings conflict
         */
        public ChainClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("no endpoint: call endpoint(url) at least once");
            }
            if (httpClient != null && connectionProvider != null) {
                throw new IllegalStateException("set httpClient or connectionProvider, not both");
            }
            if ((httpClient != null || connectionProvider != null)
                    && (maxConnections != null || maxIdleTime != null || maxPendingAcquires != null)) {
                throw new IllegalStateException("maxConnections, maxIdleTime and maxPendingAcquires configure the pool the client makes;"
                        + " they cannot apply to the given " + (httpClient != null ? "httpClient" : "connectionProvider"));
            }
            boolean ownPool = httpClient == null && connectionProvider == null;
            ChainClientConfig config = new ChainClientConfig(endpoints, connectTimeout, responseTimeout, headers,
                    ownPool ? (maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections) : null,
                    ownPool ? (maxIdleTime == null ? DEFAULT_MAX_IDLE_TIME : maxIdleTime) : null,
                    ownPool ? (maxPendingAcquires == null ? DEFAULT_MAX_PENDING_ACQUIRES : maxPendingAcquires) : null,
                    maxResponseSize, readRetry, broadcastRetry, statusPolling, headsInterval, meterRegistry != null);
            return new ChainClient(this, config);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
