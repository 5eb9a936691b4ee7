package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.model.AbiResponse;
import io.antelopekit.api.model.AccountInfo;
import io.antelopekit.api.model.AccountResourceLimit;
import io.antelopekit.api.model.AccountsByAuthorizersResponse;
import io.antelopekit.api.model.ActionJson;
import io.antelopekit.api.model.AuthorizedAccount;
import io.antelopekit.api.model.BlockInfo;
import io.antelopekit.api.model.BlockResponse;
import io.antelopekit.api.model.BlockTransaction;
import io.antelopekit.api.model.BlockTrx;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.LinkedAction;
import io.antelopekit.api.model.Permission;
import io.antelopekit.api.model.PermissionLevelWeight;
import io.antelopekit.api.model.RawAbiResponse;
import io.antelopekit.api.model.RequiredKeysResponse;
import io.antelopekit.api.model.TransactionJson;
import io.antelopekit.api.model.TransactionResponse;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PublicKey;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The node's HTTP API over the chain: routes {@code /v1/chain/...} requests, answers in the
 * node's JSON shapes and status codes. Parsing, unpacking, signature recovery and JSON writing
 * run on the server's I/O threads, in parallel; reads and changes of the chain hold its monitor,
 * so the chain changes one transaction at a time, in arrival order, without a thread hop.
 *
 * <p>One per endpoint of a devnet, all over the one chain. An endpoint may lag
 * ({@link #lag(int)}): it then answers as a node that many blocks behind would, in
 * {@code get_info}, {@code get_block}, {@code get_block_info} and
 * {@code get_transaction_status}; without a lag (the usual case) those reads cost what they
 * cost before lags existed: one volatile read.
 */
final class HttpApi {

    private static final String PREFIX = "v1/chain/";
    private static final String SERVER_VERSION = "a2f7c3e1";
    private static final String SERVER_VERSION_STRING = "v5.0.3-antelopekit-devnet";
    private static final TimePoint EPOCH_2000 = TimePoint.from("2000-01-01T00:00:00.000");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Chain chain;
    private final TableApi tables;
    private final Incoming.SignatureCache cache;
    private final int maxInflated;
    /** How many blocks this endpoint is behind the chain's head; 0 for none. */
    private volatile int lag;

    /** An answer: status and JSON body. */
    record Reply(int status, byte[] body) {
    }

    HttpApi(Chain chain, Incoming.SignatureCache cache, int maxInflated) {
        this.chain = chain;
        this.tables = new TableApi(chain.state);
        this.cache = cache;
        this.maxInflated = maxInflated;
    }

    /** From now on, answers as a node {@code blocks} behind the head would; 0 for none. */
    void lag(int blocks) {
        this.lag = blocks;
    }

    /**
     * The head this endpoint shows: the chain's, or with a lag the block that many below it (not
     * below the earliest kept block). Call while holding the chain's monitor.
     */
    private Chain.Block head(int lag) {
        Chain.Block head = chain.head();
        if (lag == 0) {
            return head;
        }
        Chain.Block earliest = chain.earliest();
        Chain.Block b = chain.blockAt(Math.max(earliest.num(), head.num() - lag));
        return b == null ? earliest : b;
    }

    /** The last irreversible block this endpoint shows: the chain's, or its head when that is lower. */
    private Chain.Block lib(Chain.Block head) {
        Chain.Block lib = chain.lib();
        return lib.num() > head.num() ? head : lib;
    }

    Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        res.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", "Origin, X-Requested-With, Content-Type, Accept")
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        if (req.method() == HttpMethod.OPTIONS) {
            return res.status(HttpResponseStatus.NO_CONTENT).send();
        }
        String path = req.path();
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                .flatMap(body -> route(path, body))
                .onErrorResume(NodeError.class, e -> Mono.just(new Reply(e.status(), Json.write(e.body()))))
                .onErrorResume(e -> !(e instanceof NodeError), e -> {
                    NodeError n = NodeError.of(NodeError.EXCEPTION, String.valueOf(e.getMessage()), "http_plugin.cpp",
                            954, "handle_exception");
                    return Mono.just(new Reply(n.status(), Json.write(n.body())));
                })
                .flatMap(r -> res.status(r.status())
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendByteArray(Mono.just(r.body())).then());
    }

    private Mono<Reply> route(String path, byte[] body) {
        if (!path.startsWith(PREFIX)) {
            return notFound();
        }
        switch (path.substring(PREFIX.length())) {
            case "get_info":
                return read(body, p -> info());
            case "get_account":
                return read(body, p -> Json.ordered(account(name(p, "account_name")), Json.ACCOUNT_ORDER,
                        Json.ACCOUNT_NULLS));
            case "get_abi":
                return read(body, p -> abi(name(p, "account_name")));
            case "get_raw_abi":
                return read(body, p -> rawAbi(name(p, "account_name")));
            case "get_block":
                return read(body, p -> Json.ordered(block(p.get("block_num_or_id")), Json.BLOCK_ORDER,
                        Json.BLOCK_NULLS));
            case "get_block_info":
                return read(body, p -> blockInfo(p.get("block_num")));
            case "get_table_rows":
                return read(body, tables::rows);
            case "get_table_by_scope":
                return read(body, tables::byScope);
            case "get_currency_balance":
                return read(body, p -> currencyBalance(name(p, "code"), name(p, "account"),
                        p.hasNonNull("symbol") ? p.get("symbol").asText() : null));
            case "get_currency_stats":
                return read(body, p -> currencyStats(name(p, "code"), text(p, "symbol")));
            case "get_required_keys":
                return requiredKeys(body);
            case "get_transaction_status":
                return read(body, p -> status(checksum(p, "id")));
            case "get_accounts_by_authorizers":
                return read(body, this::accountsByAuthorizers);
            case "push_transaction":
            case "send_transaction":
                return transaction(body, false, Chain.Mode.APPLY, 202);
            case "send_transaction2":
                return transaction(body, true, Chain.Mode.APPLY, 202);
            case "compute_transaction":
                return transaction(body, true, Chain.Mode.DRY_RUN, 200);
            case "send_read_only_transaction":
                return transaction(body, true, Chain.Mode.READ_ONLY, 200);
            default:
                return notFound();
        }
    }

    private static Mono<Reply> notFound() {
        NodeError e = NodeError.status(404, "Not Found", NodeError.EXCEPTION, "Unknown Endpoint",
                "beast_http_session.hpp", 225, "handle_http_request");
        return Mono.just(new Reply(404, Json.write(e.body())));
    }

    // ------------------------------------------------------------------ request parsing

    private interface Handler {
        Object apply(JsonNode params);
    }

    private Mono<Reply> read(byte[] body, Handler handler) {
        JsonNode params;
        try {
            params = parse(body);
        } catch (NodeError e) {
            return Mono.error(e);
        }
        return Mono.fromCallable(() -> {
            Object answer;
            synchronized (chain) {
                answer = handler.apply(params);
            }
            return new Reply(200, Json.write(answer));
        });
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NODES.objectNode();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                return NODES.objectNode();
            }
            if (!n.isObject()) {
                throw invalid("request body is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw invalid("Unable to parse valid input from POST body");
        }
    }

    static NodeError invalid(String message) {
        return NodeError.of(NodeError.INVALID_HTTP_REQUEST, message, "http_plugin.hpp", 233, "parse_params");
    }

    static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw invalid("Missing or invalid field \"" + field + "\"");
        }
        return v.asText();
    }

    static Name name(JsonNode p, String field) {
        return name(p, field, field);
    }

    /** The name in {@code p}'s {@code field}, named {@code at} in the error (a path such as {@code accounts[2].actor}). */
    private static Name name(JsonNode p, String field, String at) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw invalid("Missing or invalid field \"" + at + "\"");
        }
        return validName(v.asText(), at);
    }

    static Name validName(String s, String at) {
        if (!Name.isValid(s)) {
            throw invalid("Invalid name \"" + s + "\" in field " + at);
        }
        return Name.from(s);
    }

    /** What a JSON value is, for errors: {@code string}, {@code number}, {@code object}, ... */
    private static String typeOf(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** The array in {@code field}, empty when absent or null; an error when it is something else. */
    private static JsonNode array(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return NODES.arrayNode();
        }
        if (!v.isArray()) {
            throw invalid("Invalid field \"" + field + "\": an array is needed, not " + typeOf(v));
        }
        return v;
    }

    private static Checksum256 checksum(JsonNode p, String field) {
        String s = text(p, field);
        try {
            return Checksum256.from(s);
        } catch (RuntimeException e) {
            throw invalid("Invalid checksum256 \"" + s + "\" in field " + field);
        }
    }

    // ------------------------------------------------------------------ reads

    private ChainInfo info() {
        int lag = this.lag;
        Chain.Block head = lag == 0 ? chain.head() : head(lag);
        Chain.Block lib = lag == 0 ? chain.lib() : lib(head);
        return new ChainInfo(SERVER_VERSION, chain.chainId, head.num(), lib.num(), lib.id(), head.id(), head.time(),
                Chain.PRODUCER, Chain.MAX_BLOCK_CPU_USAGE * 1000, Chain.MAX_BLOCK_NET_USAGE * 1000,
                Chain.MAX_BLOCK_CPU_USAGE, Chain.MAX_BLOCK_NET_USAGE, SERVER_VERSION_STRING, head.num(),
                head.id(), SERVER_VERSION_STRING + "-" + SERVER_VERSION, 0L, 0L, chain.earliest().num(), lib.time());
    }

    private static NodeError unknownAccount(Name name) {
        return NodeError.of(NodeError.EXCEPTION, "unknown key (boost::tuples::tuple<bool, eosio::chain::name,"
                + " boost::tuples::null_type, boost::tuples::null_type, boost::tuples::null_type,"
                + " boost::tuples::null_type, boost::tuples::null_type, boost::tuples::null_type,"
                + " boost::tuples::null_type, boost::tuples::null_type>): (0 " + name + ")", "http_plugin.cpp", 954,
                "handle_exception");
    }

    private AccountInfo account(Name name) {
        ChainState.Account a = chain.state.account(name);
        if (a == null) {
            throw unknownAccount(name);
        }
        Chain.Block head = chain.head();
        Asset core = null;
        TokenContract token = chain.tokens.get(chain.core.contract());
        if (token != null) {
            TokenContract.Balance b = token.balance(name, chain.core.symbol().code().value());
            if (b != null && b.symbol() == chain.core.symbol().value()) {
                core = b.asset();
            }
        }
        List<Permission> perms = new ArrayList<>(a.permissions.size());
        List<LinkedAction> anyLinks = new ArrayList<>();
        for (ChainState.Permission p : a.permissions.values()) {
            List<LinkedAction> linked = new ArrayList<>();
            for (Map.Entry<ChainState.LinkKey, Name> l : a.links.entrySet()) {
                if (l.getValue().equals(p.name)) {
                    linked.add(linkedAction(l.getKey()));
                }
            }
            perms.add(new Permission(p.name, p.parent, p.auth, linked));
        }
        for (Map.Entry<ChainState.LinkKey, Name> l : a.links.entrySet()) {
            if (l.getValue().equals(ChainState.EOSIO_ANY)) {
                anyLinks.add(linkedAction(l.getKey()));
            }
        }
        AccountResourceLimit unlimited = new AccountResourceLimit(0, -1, -1, head.time(), 0L);
        long ramUsage = 2724 + 500L * Math.max(0, a.permissions.size() - 2) + 200L * a.links.size() + a.abi.length;
        return new AccountInfo(name, head.num(), head.time(), a.privileged, a.lastCodeUpdate, a.created, core, -1, -1, -1,
                unlimited, unlimited, ramUsage, perms, null, null, null, null, null,
                new AccountResourceLimit(0, 0, 0, EPOCH_2000, 0L), anyLinks);
    }

    private static LinkedAction linkedAction(ChainState.LinkKey k) {
        return new LinkedAction(k.code(), k.type().isEmpty() ? null : k.type());
    }

    private static NodeError noAbiAccount(Name name, String method) {
        return NodeError.of(NodeError.ACCOUNT_QUERY, "unable to retrieve account abi (unknown key (eosio::chain::name): "
                + name + ")", "chain_plugin.cpp", 2375, method);
    }

    private AbiResponse abi(Name name) {
        ChainState.Account a = chain.state.account(name);
        if (a == null) {
            throw noAbiAccount(name, "get_abi");
        }
        return new AbiResponse(name, a.compiledAbi == null ? null : a.compiledAbi.definition().toJsonNode());
    }

    private RawAbiResponse rawAbi(Name name) {
        ChainState.Account a = chain.state.account(name);
        if (a == null) {
            throw noAbiAccount(name, "get_raw_abi");
        }
        return new RawAbiResponse(name, a.codeHash, Checksum256.hash(a.abi), Base64.getEncoder().encodeToString(a.abi));
    }

    private Chain.Block findBlock(JsonNode ref) {
        String s = ref == null || ref.isNull() ? "" : ref.asText().trim();
        Chain.Block b = null;
        if (s.length() == 64) {
            try {
                Checksum256 id = Checksum256.from(s);
                b = chain.blockAt(TransactionHeader.blockNum(id));
                if (b != null && !b.id().equals(id)) {
                    b = null;
                }
            } catch (RuntimeException e) {
                b = null;
            }
        } else if (!s.isEmpty() && s.length() <= 10 && s.chars().allMatch(Character::isDigit)) {
            b = chain.blockAt(Long.parseLong(s));
        }
        int lag = this.lag;
        if (b != null && lag != 0 && b.num() > head(lag).num()) {
            b = null; // above this endpoint's head: a block it has not received yet
        }
        if (b == null) {
            throw NodeError.of(NodeError.UNKNOWN_BLOCK, "Could not find block: " + s, "chain_plugin.cpp", 2000,
                    "get_block");
        }
        return b;
    }

    private BlockResponse block(JsonNode ref) {
        Chain.Block b = findBlock(ref);
        List<BlockTransaction> trxs = new ArrayList<>(b.entries().size());
        for (Chain.Entry e : b.entries()) {
            PackedTransaction p = e.in().packed;
            List<String> cfd = new ArrayList<>();
            for (Bytes d : e.in().signed.contextFreeData()) {
                cfd.add(d.toString());
            }
            BlockTrx trx = new BlockTrx(e.in().id, p.signatures(), p.compression().toString(),
                    p.packedContextFreeData().toString(), cfd, p.packedTrx().toString(), transactionJson(e.in().trx));
            trxs.add(new BlockTransaction("executed", e.cpuUs(), e.netWords(), trx));
        }
        return new BlockResponse(b.timestamp(), Chain.PRODUCER, 0, b.previous(), b.transactionMroot(), b.actionMroot(), 0,
                null, null, b.signature(), trxs, null, b.id(), b.num(), Chain.refBlockPrefix(b.id()));
    }

    private TransactionJson transactionJson(Transaction t) {
        TransactionHeader h = t.header();
        List<ActionJson> cfa = new ArrayList<>();
        for (Action a : t.contextFreeActions()) {
            cfa.add(chain.actionJson(a));
        }
        List<ActionJson> acts = new ArrayList<>();
        for (Action a : t.actions()) {
            acts.add(chain.actionJson(a));
        }
        List<JsonNode> ext = new ArrayList<>();
        for (var x : t.transactionExtensions()) {
            ext.add(Json.MAPPER.valueToTree(x));
        }
        return new TransactionJson(h.expiration(), h.refBlockNum(), h.refBlockPrefix(), h.maxNetUsageWords(),
                h.maxCpuUsageMs(), h.delaySec(), cfa, acts, ext);
    }

    private BlockInfo blockInfo(JsonNode num) {
        Chain.Block b = findBlock(num);
        return new BlockInfo(b.num(), (int) (b.num() & 0xFFFF), b.id(), b.timestamp(), Chain.PRODUCER, 0, b.previous(),
                b.transactionMroot(), b.actionMroot(), 0, b.signature(), Chain.refBlockPrefix(b.id()));
    }

    private TransactionStatus status(Checksum256 id) {
        int lag = this.lag;
        Chain.Block head = lag == 0 ? chain.head() : head(lag);
        Chain.Block lib = lag == 0 ? chain.lib() : lib(head);
        Chain.Block first = chain.earliest();
        Chain.Status s = chain.status(id);
        if (s == null) {
            return new TransactionStatus("UNKNOWN", null, null, null, null, head.num(), head.id(), head.time(), lib.num(),
                    lib.id(), lib.time(), first.id(), first.num());
        }
        TimePoint exp = TimePoint.of(s.expiration.seconds() * 1_000_000L);
        if (s.failed) {
            return new TransactionStatus(chain.state(s), null, null, null, exp, head.num(), head.id(), head.time(),
                    lib.num(), lib.id(), lib.time(), first.id(), first.num());
        }
        // a lagging endpoint has not received the blocks above its head: a transaction in one of
        // them is, for it, only applied locally (as a node that got it from a peer)
        boolean inBlock = s.blockNum != 0 && s.blockNum <= head.num();
        String state = lag == 0 ? chain.state(s)
                : !inBlock ? "LOCALLY_APPLIED" : s.blockNum <= lib.num() ? "IRREVERSIBLE" : "IN_BLOCK";
        long num = inBlock ? s.blockNum : head.num() + 1;
        Checksum256 blockId = inBlock ? s.blockId : Checksum256.ZERO;
        TimePoint time = !inBlock ? pendingTime(head)
                : TimePoint.of(s.blockTime.toInstant().toEpochMilli() * 1000);
        return new TransactionStatus(state, num, blockId, time, exp, head.num(), head.id(), head.time(), lib.num(),
                lib.id(), lib.time(), first.id(), first.num());
    }

    /** The time of the block after {@code head}: the chain's pending block, or for a lagging endpoint its next slot. */
    private TimePoint pendingTime(Chain.Block head) {
        if (head == chain.head()) {
            return TimePoint.of(chain.pendingTime().toInstant().toEpochMilli() * 1000);
        }
        return TimePoint.of(io.antelopekit.chain.BlockTimestamp.of(head.timestamp().slot() + 1).toInstant()
                .toEpochMilli() * 1000);
    }

    // ------------------------------------------------------------------ tables

    /**
     * The node's {@code get_abi} for the currency reads: the account, whose ABI must declare
     * {@code table} ({@code get_table_type}).
     */
    private ChainState.Account currencyContract(Name code, Name table) {
        ChainState.Account a = chain.state.account(code);
        if (a == null) {
            throw NodeError.of(NodeError.ACCOUNT_QUERY, "Fail to retrieve account for " + code, "chain_plugin.cpp", 1538,
                    "get_abi");
        }
        if (a.compiledAbi == null || a.compiledAbi.tableType(table).isEmpty()) {
            throw NodeError.of(NodeError.TABLE_QUERY, "Table " + table + " is not specified in the ABI",
                    "chain_plugin.cpp", 1550, "get_table_type");
        }
        return a;
    }

    /** {@code get_currency_balance}: the assets at the start of the rows of {@code accounts} in the account's scope. */
    private List<String> currencyBalance(Name code, Name account, String symbol) {
        currencyContract(code, TokenContract.ACCOUNTS);
        List<String> out = new ArrayList<>();
        Tables.Table t = chain.state.tables.table(code, account, TokenContract.ACCOUNTS);
        if (t != null) {
            for (Tables.Row row : t.rows.values()) {
                Asset a = TokenContract.Balance.of(row).asset();
                boolean match = symbol != null && a.symbol().code().toString().equalsIgnoreCase(symbol.trim());
                if (symbol == null || match) {
                    out.add(a.toString());
                }
                if (match) {
                    break;
                }
            }
        }
        return out;
    }

    /** {@code get_currency_stats}: the {@code stat} rows in the scope of the (upper-cased) symbol code. */
    private ObjectNode currencyStats(Name code, String symbol) {
        currencyContract(code, TokenContract.STAT);
        ObjectNode out = NODES.objectNode();
        long scope;
        try {
            scope = io.antelopekit.chain.SymbolCode.from(symbol.trim().toUpperCase(Locale.ROOT)).value();
        } catch (RuntimeException e) {
            return out;
        }
        Tables.Table t = chain.state.tables.table(code, Name.of(scope), TokenContract.STAT);
        if (t != null) {
            for (Tables.Row row : t.rows.values()) {
                TokenContract.Stat s = TokenContract.Stat.of(row);
                out.set(Symbol.of(s.symbol()).code().toString(), NODES.objectNode()
                        .put("supply", s.supplyAsset().toString()).put("max_supply", s.maxSupplyAsset().toString())
                        .put("issuer", s.issuer().toString()));
            }
        }
        return out;
    }

    private AccountsByAuthorizersResponse accountsByAuthorizers(JsonNode p) {
        Set<PermissionLevel> levels = new LinkedHashSet<>();
        Set<Name> accounts = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode a : array(p, "accounts")) {
            String at = "accounts[" + i++ + "]";
            if (a.isTextual()) {
                accounts.add(validName(a.asText(), at));
            } else if (a.isObject()) {
                levels.add(new PermissionLevel(name(a, "actor", at + ".actor"), name(a, "permission",
                        at + ".permission")));
            } else {
                throw invalid("Invalid authorizer in field " + at + ": an account name or {\"actor\",\"permission\"}"
                        + " is needed, not " + typeOf(a));
            }
        }
        Set<PublicKey> keys = new LinkedHashSet<>();
        i = 0;
        for (JsonNode k : array(p, "keys")) {
            String at = "keys[" + i++ + "]";
            if (!k.isTextual()) {
                throw invalid("Invalid public key in field " + at + ": a string is needed, not " + typeOf(k));
            }
            try {
                keys.add(PublicKey.from(k.asText()));
            } catch (RuntimeException e) {
                throw invalid("Invalid public key \"" + k.asText() + "\" in field " + at);
            }
        }
        List<AuthorizedAccount> out = new ArrayList<>();
        List<Name> names = new ArrayList<>(chain.state.accounts.keySet());
        names.sort(null);
        for (Name n : names) {
            for (ChainState.Permission perm : chain.state.account(n).permissions.values()) {
                for (PermissionLevelWeight w : perm.auth.accounts()) {
                    PermissionLevel l = w.permission();
                    if (levels.contains(l) || accounts.contains(l.actor())) {
                        out.add(new AuthorizedAccount(n, perm.name, l, null, w.weight(), perm.auth.threshold()));
                    }
                }
                for (KeyWeight k : perm.auth.keys()) {
                    if (keys.contains(k.key())) {
                        out.add(new AuthorizedAccount(n, perm.name, null, k.key(), k.weight(), perm.auth.threshold()));
                    }
                }
            }
        }
        return new AccountsByAuthorizersResponse(out);
    }

    private Mono<Reply> requiredKeys(byte[] body) {
        JsonNode p;
        Transaction trx;
        Set<PublicKey> available = new LinkedHashSet<>();
        try {
            p = parse(body);
            JsonNode t = p.get("transaction");
            if (t == null || !t.isObject()) {
                throw invalid("Missing or invalid field \"transaction\"");
            }
            trx = Json.MAPPER.treeToValue(t, Transaction.class);
            for (JsonNode k : p.path("available_keys")) {
                available.add(PublicKey.from(k.asText()));
            }
        } catch (NodeError e) {
            return Mono.error(e);
        } catch (IOException | RuntimeException e) {
            return Mono.error(invalid("Unable to parse valid input from POST body: " + e.getMessage()));
        }
        return Mono.fromCallable(() -> {
            List<PublicKey> keys;
            synchronized (chain) {
                keys = new ArrayList<>(chain.requiredKeys(trx, available));
            }
            return new Reply(200, Json.write(new RequiredKeysResponse(keys)));
        });
    }

    // ------------------------------------------------------------------ transactions

    private Mono<Reply> transaction(byte[] body, boolean wrapped, Chain.Mode mode, int okStatus) {
        Incoming in;
        boolean failureTrace;
        try {
            JsonNode p = parse(body);
            JsonNode t = wrapped && p.has("transaction") ? p.get("transaction") : p;
            failureTrace = wrapped && mode == Chain.Mode.APPLY && p.path("return_failure_trace").asBoolean(true);
            if (!t.isObject() || !t.has("packed_trx")) {
                throw invalid("Missing or invalid field \"packed_trx\"");
            }
            PackedTransaction packed;
            try {
                packed = Json.MAPPER.treeToValue(t, PackedTransaction.class);
            } catch (IOException | RuntimeException e) {
                throw invalid("Unable to parse valid input from POST body: " + e.getMessage());
            }
            in = Incoming.prepare(packed, chain.chainId, cache, maxInflated);
        } catch (NodeError e) {
            return Mono.error(e);
        }
        // the chain changes one transaction at a time; the answer is written as JSON outside the lock
        // (a read-only transaction's failure is answered as a trace too: the node's
        // push_read_only_transaction always returns the failure trace)
        boolean traceOnFailure = failureTrace || mode == Chain.Mode.READ_ONLY;
        return Mono.fromCallable(() -> {
            Object answer;
            synchronized (chain) {
                answer = new TransactionResponse(in.id, chain.push(in, mode, traceOnFailure));
            }
            return new Reply(okStatus, Json.write(answer));
        });
    }
}
