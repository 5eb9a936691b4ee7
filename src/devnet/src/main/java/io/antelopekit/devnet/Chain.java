package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ActionJson;
import io.antelopekit.api.model.ActionReceipt;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.AuthSequence;
import io.antelopekit.api.model.Authority;
import io.antelopekit.api.model.KeyWeight;
import io.antelopekit.api.model.TransactionReceiptHeader;
import io.antelopekit.api.model.TransactionTrace;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The chain: state, blocks, the pending block, and the node's transaction pipeline
 * (validation, authorization, execution, status tracking). Not thread-safe: the devnet calls it
 * only while holding its monitor, one call at a time.
 */
final class Chain {

    /** The node's {@code max_transaction_lifetime}: one hour. */
    static final long MAX_TRANSACTION_LIFETIME_SEC = 3600;
    /** The node's {@code max_transaction_delay} in ms, as printed in authorization errors. */
    static final long DELAY_MAX_LIMIT_MS = SystemContract.MAX_TRANSACTION_DELAY_SEC * 1000;
    /** The node's minimum billed CPU time of a transaction ({@code min_transaction_cpu_usage}). */
    static final long MIN_CPU_US = 100;
    /** The node's {@code max_block_cpu_usage} default, the {@code block_cpu_limit} of {@code get_info}. */
    static final long MAX_BLOCK_CPU_USAGE = 200_000;
    /** The node's {@code max_block_net_usage} default, the {@code block_net_limit} of {@code get_info}. */
    static final long MAX_BLOCK_NET_USAGE = 1_048_576;
    /**
     * The CPU billed for a transaction beyond its actions, in microseconds: the node's minimum,
     * so a transaction of one action without notifications costs about what a real one does.
     */
    static final long CPU_US_PER_TRANSACTION = MIN_CPU_US;
    /**
     * The CPU billed for each action run, in microseconds: every action, context-free action and
     * notification (a token transfer runs three: the contract's and its two notifications).
     */
    static final long CPU_US_PER_ACTION = 20;
    static final Name PRODUCER = ChainState.EOSIO;

    /** A transaction in a block (or in the pending block). */
    record Entry(Incoming in, TransactionTrace trace, long cpuUs, long netWords) {
    }

    /** A produced block. */
    record Block(long num, Checksum256 id, Checksum256 previous, BlockTimestamp timestamp, Checksum256 transactionMroot,
            Checksum256 actionMroot, Signature signature, List<Entry> entries) {
        TimePoint time() {
            return TimePoint.of(timestamp.toInstant().toEpochMilli() * 1000);
        }
    }

    /** What the chain knows of a transaction id, for {@code get_transaction_status} and duplicate checks. */
    static final class Status {
        final TimePointSec expiration;
        long blockNum;
        Checksum256 blockId;
        BlockTimestamp blockTime;
        boolean failed;

        Status(TimePointSec expiration) {
            this.expiration = expiration;
        }
    }

    /** How a transaction is run. */
    enum Mode {
        /** Applied to the pending block. */
        APPLY,
        /** Run without applying and without checking signatures ({@code compute_transaction}). */
        DRY_RUN,
        /**
         * Run without applying, as the node runs a read-only transaction
         * ({@code send_read_only_transaction}): no expiration, TAPoS, duplicate, signature or
         * authorization checks, no authorizations allowed, no table writes, sequences of 0.
         */
        READ_ONLY
    }

    final Checksum256 chainId;
    final ChainState state = new ChainState();
    final SystemContract system = new SystemContract(state);
    final Map<Name, TokenContract> tokens = new HashMap<>();
    /** The no-op contract on {@code greymassnoop}, or {@code null} when the genesis put its own contract there. */
    private NoopContract noop;
    /** The test contract on {@code kittest}, or {@code null} when the genesis put its own contract there. */
    private KitTestContract kittest;
    /** Whether the inline-action contract is on {@code kitpayout} (the genesis did not put its own there). */
    private boolean payout;
    final Core core;

    private final int irreversibleDistance;
    private final long maxNetUsage;
    private final long maxCpuUsage;
    private final int historyBlocks;
    private final PrivateKey producerKey;
    private final LongSupplier clockMillis;
    private final boolean followClock;

    private final Checksum256[] summaries = new Checksum256[65536];
    private final ArrayDeque<Block> blocks = new ArrayDeque<>();
    private Block head;
    private Block lib;
    private final List<Entry> pending = new ArrayList<>();
    private BlockTimestamp pendingTime;
    private final Map<Checksum256, Status> statuses = new HashMap<>();
    /** Per reversible block, the inverses of its state changes, for {@link #fork(int)}. */
    private final TreeMap<Long, List<Runnable>> undoByBlock = new TreeMap<>();
    /** The state history, or {@code null} when the devnet keeps none. */
    private StateHistory history;
    private final TreeMap<Long, List<Checksum256>> byExpiration = new TreeMap<>();

    /** The core symbol and its token contract, for {@code core_liquid_balance}. */
    record Core(io.antelopekit.chain.Symbol symbol, Name contract) {
    }

    Chain(Genesis genesis, int irreversibleDistance, long maxNetUsage, long maxCpuUsage, int historyBlocks,
            LongSupplier clockMillis, boolean followClock) {
        this.chainId = genesis.chainId();
        this.followClock = followClock;
        this.irreversibleDistance = irreversibleDistance;
        this.maxNetUsage = maxNetUsage;
        this.maxCpuUsage = maxCpuUsage;
        this.historyBlocks = historyBlocks;
        this.clockMillis = clockMillis;
        this.producerKey = DevAccount.of(PRODUCER).privateKey();
        this.core = new Core(genesis.coreSymbol(), Genesis.TOKEN);
        BlockTimestamp start = BlockTimestamp.fromInstant(java.time.Instant.ofEpochMilli(clockMillis.getAsLong()));
        applyGenesis(genesis, TimePoint.of(start.toInstant().toEpochMilli() * 1000));
        state.undo.takeCommitted(); // the genesis is irreversible
        Block first = seal(1, Checksum256.ZERO, start, List.of());
        blocks.add(first);
        head = first;
        lib = first;
        pendingTime = nextSlot();
    }

    // ------------------------------------------------------------------ genesis

    private void applyGenesis(Genesis g, TimePoint now) {
        Map<Name, Genesis.Account> accounts = new java.util.LinkedHashMap<>();
        for (Genesis.Account a : g.accounts()) {
            accounts.put(a.name(), a);
        }
        for (Genesis.Account a : accounts.values()) {
            ChainState.Account acc = state.createAccount(a.name(), single(a.ownerKey()), single(a.activeKey()), now);
            acc.privileged = a.privileged();
        }
        setAbi(ChainState.EOSIO, Resources.eosioAbi());
        tokenContract(Genesis.TOKEN, now);
        for (Genesis.Token t : g.tokens()) {
            TokenContract token = tokenContract(t.contract(), now);
            token.genesisCreate(t.issuer(), t.maxSupply());
            for (Map.Entry<Name, Asset> b : t.balances().entrySet()) {
                token.genesisIssue(b.getKey(), b.getValue());
            }
        }
        for (Genesis.Contract c : g.contracts()) {
            setAbi(c.account(), c.abi());
            state.account(c.account()).codeHash = Checksum256.hash(("antelopekit devnet " + c.account()).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            state.account(c.account()).lastCodeUpdate = now;
        }
        noop = NoopContract.deploy(state, g, now);
        kittest = KitTestContract.deploy(state, g, now);
        payout = PayoutContract.deploy(state, g, now);
        if (noop != null) {
            NoopContract.createPayer(state, g, now);
        }
        state.undo.commit();
    }

    /** The token contract on {@code account}, deployed (ABI and a code hash) on first use. */
    private TokenContract tokenContract(Name account, TimePoint now) {
        return tokens.computeIfAbsent(account, c -> {
            setAbi(c, Resources.tokenAbi());
            ChainState.Account a = state.account(c);
            a.codeHash = Checksum256.hash(("antelopekit devnet " + c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            a.codeSequence = 1;
            a.lastCodeUpdate = now;
            return new TokenContract(c, state);
        });
    }

    private void setAbi(Name account, io.antelopekit.abi.AbiDefinition abi) {
        ChainState.Account a = state.account(account);
        a.abi = abi.encode();
        a.compiledAbi = Abi.from(abi);
        a.abiSequence = 1;
    }

    static Authority single(PublicKey key) {
        return new Authority(1, List.of(new KeyWeight(key, 1)), List.of(), List.of());
    }

    // ------------------------------------------------------------------ blocks

    Block head() {
        return head;
    }

    Block lib() {
        return lib;
    }

    Block earliest() {
        return blocks.peekFirst();
    }

    BlockTimestamp pendingTime() {
        return pendingTime;
    }

    /** The block with this number, or {@code null} when not (or no longer) known. */
    Block blockAt(long num) {
        Block first = blocks.peekFirst();
        if (first == null || num < first.num() || num > head.num()) {
            return null;
        }
        // blocks are contiguous
        int index = (int) (num - first.num());
        if (index < blocks.size() / 2) {
            Iterator<Block> it = blocks.iterator();
            for (int i = 0; i < index; i++) {
                it.next();
            }
            return it.next();
        }
        Iterator<Block> it = blocks.descendingIterator();
        for (int i = blocks.size() - 1; i > index; i--) {
            it.next();
        }
        return it.next();
    }

    private BlockTimestamp nowSlot() {
        return BlockTimestamp.fromInstant(java.time.Instant.ofEpochMilli(clockMillis.getAsLong()));
    }

    /**
     * The time of the next block: the slot after the head's, or the current slot when the chain
     * follows the clock and the head is older. A chain stepped by hand keeps its own time, so a
     * transaction made from {@code head_block_time} never expires between steps.
     */
    private BlockTimestamp nextSlot() {
        BlockTimestamp next = BlockTimestamp.of(head.timestamp().slot() + 1);
        if (!followClock) {
            return next;
        }
        BlockTimestamp now = nowSlot();
        return now.slot() > next.slot() ? now : next;
    }

    /** Starts keeping the state history (traces and state deltas) from the next block on. */
    void keepStateHistory() {
        if (history == null) {
            history = new StateHistory();
            state.journal.start();
        }
    }

    /** The state history, or {@code null} when the devnet keeps none. */
    StateHistory stateHistory() {
        return history;
    }

    /** Whether a transaction waits in the pending block. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Produces the pending block; returns its number. */
    long produceBlock() {
        long num = head.num() + 1;
        List<Entry> entries = List.copyOf(pending);
        pending.clear();
        Block b = seal(num, head.id(), pendingTime, entries);
        blocks.addLast(b);
        head = b;
        undoByBlock.put(num, state.undo.takeCommitted());
        for (Entry e : entries) {
            Status s = statuses.get(e.in().id);
            if (s != null) {
                s.blockNum = num;
                s.blockId = b.id();
                s.blockTime = b.timestamp();
            }
        }
        long libNum = Math.max(1, num - irreversibleDistance);
        if (libNum > lib.num()) {
            Block l = blockAt(libNum);
            if (l != null) {
                lib = l;
            }
        }
        undoByBlock.headMap(lib.num(), true).clear();
        if (history != null) {
            history.append(b, state);
        }
        prune();
        pendingTime = nextSlot();
        return num;
    }

    /**
     * Replaces the last {@code depth} blocks by a competing branch of the same length, as a node
     * switching forks does: the pending block's transactions and those of the dropped blocks are
     * undone (every state change, and the chain forgets their ids, so they may be sent again),
     * then {@code depth} new blocks are produced without them, each in a later slot than the
     * dropped head, so their ids differ. The state history drops the blocks' entries and takes the
     * new ones, whose deltas are against the rolled-back state; its sessions are told block by block.
     *
     * @return the new head block number (the old one)
     * @throws DevnetException if the blocks do not all lie above the last irreversible block
     */
    long fork(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("fork depth must be at least 1: " + depth);
        }
        long forkNum = head.num() - depth;
        if (forkNum < lib.num()) {
            throw new DevnetException("cannot fork the last " + depth + " blocks: head " + head.num()
                    + ", last irreversible block " + lib.num() + ", so only the last " + (head.num() - lib.num())
                    + " blocks are reversible");
        }
        BlockTimestamp droppedHead = head.timestamp();
        ChainState.Undo.revert(state.undo.takeCommitted());
        for (Entry e : pending) {
            statuses.remove(e.in().id);
        }
        pending.clear();
        while (head.num() > forkNum) {
            Block b = blocks.pollLast();
            ChainState.Undo.revert(undoByBlock.remove(b.num()));
            for (Entry e : b.entries()) {
                statuses.remove(e.in().id);
            }
            head = blocks.peekLast();
        }
        state.journal.clear();
        if (history != null) {
            history.truncate(forkNum + 1);
        }
        BlockTimestamp next = nextSlot();
        pendingTime = next.slot() > droppedHead.slot() ? next : BlockTimestamp.of(droppedHead.slot() + 1);
        long num = head.num();
        for (int i = 0; i < depth; i++) {
            num = produceBlock();
        }
        return num;
    }

    private Block seal(long num, Checksum256 previous, BlockTimestamp time, List<Entry> entries) {
        List<Checksum256> receipts = new ArrayList<>(entries.size());
        List<Checksum256> actions = new ArrayList<>();
        for (Entry e : entries) {
            BinaryWriter w = new BinaryWriter(48);
            w.writeByte(0).writeInt32((int) e.cpuUs()).writeVarUInt32(e.netWords());
            e.in().id.encode(w);
            receipts.add(Checksum256.hash(w.toByteArray()));
            for (ActionTrace t : e.trace().actionTraces()) {
                actions.add(t.receipt().actDigest());
            }
        }
        Checksum256 trxRoot = merkle(receipts);
        Checksum256 actRoot = merkle(actions);
        BinaryWriter h = new BinaryWriter(128);
        time.encode(h);
        PRODUCER.encode(h);
        h.writeInt16(0);
        previous.encode(h);
        trxRoot.encode(h);
        actRoot.encode(h);
        h.writeInt32(0).writeByte(0).writeVarUInt32(0);
        byte[] digest = Checksum256.hash(h.toByteArray()).bytes();
        byte[] id = digest.clone();
        id[0] = (byte) (num >>> 24);
        id[1] = (byte) (num >>> 16);
        id[2] = (byte) (num >>> 8);
        id[3] = (byte) num;
        Checksum256 blockId = Checksum256.of(id);
        summaries[(int) (num & 0xFFFF)] = blockId;
        return new Block(num, blockId, previous, time, trxRoot, actRoot, producerKey.sign(digest), entries);
    }

    /** The node's legacy merkle root: canonical pairs hashed level by level. */
    static Checksum256 merkle(List<Checksum256> ids) {
        if (ids.isEmpty()) {
            return Checksum256.ZERO;
        }
        List<byte[]> level = new ArrayList<>(ids.size());
        for (Checksum256 c : ids) {
            level.add(c.bytes());
        }
        MessageDigest sha = sha256();
        while (level.size() > 1) {
            if (level.size() % 2 != 0) {
                level.add(level.get(level.size() - 1));
            }
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] l = level.get(i).clone();
                byte[] r = level.get(i + 1).clone();
                l[0] &= 0x7F;
                r[0] |= (byte) 0x80;
                sha.update(l);
                sha.update(r);
                next.add(sha.digest());
            }
            level = next;
        }
        return Checksum256.of(level.get(0));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void prune() {
        while (blocks.size() > historyBlocks && blocks.peekFirst().num() < lib.num()) {
            blocks.pollFirst();
        }
        if (history != null) {
            history.prune(blocks.peekFirst().num());
        }
        long libSec = lib.timestamp().toInstant().getEpochSecond();
        while (!byExpiration.isEmpty() && byExpiration.firstKey() < libSec) {
            for (Checksum256 id : byExpiration.pollFirstEntry().getValue()) {
                Status s = statuses.get(id);
                if (s != null && (s.failed || (s.blockNum > 0 && s.blockNum <= lib.num()))) {
                    statuses.remove(id);
                }
            }
        }
    }

    // ------------------------------------------------------------------ status

    Status status(Checksum256 id) {
        return statuses.get(id);
    }

    String state(Status s) {
        if (s.failed) {
            return "FAILED";
        }
        if (s.blockNum == 0) {
            return "LOCALLY_APPLIED";
        }
        return s.blockNum <= lib.num() ? "IRREVERSIBLE" : "IN_BLOCK";
    }

    private void track(Checksum256 id, TimePointSec expiration, boolean failed) {
        Status s = statuses.get(id);
        if (s == null) {
            s = new Status(expiration);
            statuses.put(id, s);
            byExpiration.computeIfAbsent(expiration.seconds(), k -> new ArrayList<>(4)).add(id);
        }
        s.failed = failed;
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Runs a transaction as a node does: checks, authorization, execution; applies it to the
     * pending block unless {@code mode} is a dry run or read-only.
     *
     * @param failureTrace whether a failure of the transaction itself (its checks, authorization
     *        or execution, as the node's controller runs them) is answered as a trace holding the
     *        exception, as the node does for {@code send_transaction2} with
     *        {@code return_failure_trace} and for read-only transactions; refusals before it
     *        (expired, duplicate, bad signatures, a delay on a read-only transaction) are thrown
     * @throws NodeError with the node's error when refused (and not answered as a trace)
     */
    TransactionTrace push(Incoming in, Mode mode, boolean failureTrace) {
        long started = System.nanoTime();
        Transaction trx = in.trx;
        TransactionHeader h = trx.header();
        boolean readOnly = mode == Mode.READ_ONLY;
        if (readOnly && h.delaySec() != 0) {
            throw NodeError.of(NodeError.TRANSACTION, "transaction cannot be delayed", "producer_plugin.cpp", 1013,
                    "on_incoming_transaction_async");
        }
        if (mode == Mode.APPLY && in.keyError != null) {
            throw in.keyError;
        }
        if (pending.isEmpty()) {
            pendingTime = nextSlot();
        }
        TimePoint blockTime = TimePoint.of(pendingTime.toInstant().toEpochMilli() * 1000);
        long expMicros = h.expiration().seconds() * 1_000_000L;
        if (!readOnly && expMicros < blockTime.micros()) {
            fail(in, mode);
            throw NodeError.of(NodeError.EXPIRED, "expired transaction " + in.id + ", expiration "
                    + h.expiration() + ", block time " + blockTime, "producer_plugin.cpp", 772,
                    "process_incoming_transaction_async");
        }
        if (mode == Mode.APPLY) {
            Status known = statuses.get(in.id);
            if (known != null && !known.failed) {
                throw NodeError.of(NodeError.TX_DUPLICATE, "duplicate transaction " + in.id, "producer_plugin.cpp", 781,
                        "process_incoming_transaction_async");
            }
        }
        long blockNum = head.num() + 1;
        Run run = new Run(in, blockNum, blockTime, new Billing(in, readOnly ? Long.MAX_VALUE : maxCpuUsage), readOnly);
        try {
            try {
                validate(in, blockTime, readOnly);
            } catch (NodeError e) {
                run.netUsage = 0; // refused before the node counts the transaction's size
                throw e;
            }
            if (!readOnly) {
                checkAuthorization(in, mode == Mode.APPLY);
            }
            execute(run);
        } catch (NodeError e) {
            state.undo.rollback();
            fail(in, mode);
            if (!failureTrace) {
                throw e;
            }
            return run.failed(e, elapsed(started));
        }
        long elapsed = elapsed(started);
        if (readOnly) {
            state.undo.rollback();
            // the node keeps only the size (in words) and the time of a read-only transaction
            return new TransactionTrace(in.id, blockNum, blockTime, null, new TransactionReceiptHeader("executed", 0, 0),
                    elapsed, (in.netUsage + 7) / 8 * 8, false, run.traces, null, null, null);
        }
        long billed = run.cpu.billed();
        long words = in.netUsage / 8;
        TransactionTrace trace = new TransactionTrace(in.id, blockNum, blockTime, null,
                new TransactionReceiptHeader("executed", billed, words), elapsed, in.netUsage, false, run.traces, null,
                null, null);
        if (mode == Mode.DRY_RUN) {
            state.undo.rollback();
            return trace;
        }
        state.undo.commit();
        pending.add(new Entry(in, trace, billed, words));
        track(in.id, h.expiration(), false);
        return trace;
    }

    private static long elapsed(long startedNanos) {
        return Math.max(1, (System.nanoTime() - startedNanos) / 1000);
    }

    private void fail(Incoming in, Mode mode) {
        if (mode == Mode.APPLY) {
            Status s = statuses.get(in.id);
            if (s == null || s.failed) {
                track(in.id, in.trx.header().expiration(), true);
            }
        }
    }

    private void validate(Incoming in, TimePoint blockTime, boolean readOnly) {
        Transaction trx = in.trx;
        TransactionHeader h = trx.header();
        if (readOnly) {
            validateReadOnly(in);
            return;
        }
        long expMicros = h.expiration().seconds() * 1_000_000L;
        if (expMicros > blockTime.micros() + MAX_TRANSACTION_LIFETIME_SEC * 1_000_000L) {
            throw NodeError.of(NodeError.EXP_TOO_FAR, "Transaction expiration is too far in the future relative to the"
                    + " reference time of " + blockTime + ", expiration is " + h.expiration()
                    + " and the maximum transaction lifetime is " + MAX_TRANSACTION_LIFETIME_SEC + " seconds",
                    "controller.cpp", 3189, "validate_expiration");
        }
        Checksum256 ref = summaries[h.refBlockNum()];
        long prefix = ref == null ? 0 : refBlockPrefix(ref);
        if (prefix != h.refBlockPrefix()) {
            throw NodeError.of(NodeError.INVALID_REF_BLOCK,
                    "Transaction's reference block did not match. Is this transaction from a different fork?",
                    "controller.cpp", 3203, "validate_tapos");
        }
        if (trx.actions().isEmpty()) {
            throw NodeError.of(NodeError.TX_NO_ACTION, "transaction must have at least one action", "transaction_context.cpp",
                    257, "init");
        }
        if (h.delaySec() != 0) {
            throw NodeError.of(NodeError.TRANSACTION, "transaction cannot be delayed", "transaction_context.cpp", 262,
                    "init");
        }
        for (Action a : trx.contextFreeActions()) {
            if (!a.authorization().isEmpty()) {
                throw NodeError.of(NodeError.CFA_IRRELEVANT_AUTH, "context-free actions cannot require authorization",
                        "transaction.cpp", 120, "validate");
            }
            referencedAccount(a);
        }
        boolean anyAuth = false;
        for (Action a : trx.actions()) {
            referencedAccount(a);
            for (PermissionLevel p : a.authorization()) {
                anyAuth = true;
                ChainState.Account actor = state.account(p.actor());
                if (actor == null) {
                    throw NodeError.of(NodeError.TRANSACTION, "action's authorizing actor '" + p.actor()
                            + "' does not exist", "controller.cpp", 3220, "validate_referenced_accounts");
                }
                if (!actor.permissions.containsKey(p.permission())) {
                    throw NodeError.of(NodeError.TRANSACTION, "action's authorizations include a non-existent permission: "
                            + Json.level(p), "controller.cpp", 3223, "validate_referenced_accounts");
                }
            }
        }
        if (!anyAuth) {
            throw NodeError.of(NodeError.TX_NO_AUTHS, "transaction must have at least one authorization",
                    "transaction_context.cpp", 259, "init");
        }
        long limit = maxNetUsage;
        if (h.maxNetUsageWords() > 0 && h.maxNetUsageWords() * 8 < limit) {
            limit = h.maxNetUsageWords() * 8;
        }
        if (in.netUsage > limit) {
            throw NodeError.of(NodeError.TX_NET_USAGE, "transaction net usage is too high: " + in.netUsage + " > " + limit,
                    "transaction_context.cpp", 445, "check_net_usage");
        }
    }

    /**
     * The node's checks of a read-only transaction ({@code transaction_context::init_for_input_trx}
     * without expiration and TAPoS, {@code validate_referenced_accounts}): the accounts exist, no
     * action declares an authorization, and the size is within the block's network limit (or the
     * header's).
     */
    private void validateReadOnly(Incoming in) {
        Transaction trx = in.trx;
        for (Action a : trx.contextFreeActions()) {
            referencedAccount(a);
            if (!a.authorization().isEmpty()) {
                throw NodeError.of(NodeError.TRANSACTION, "context-free actions cannot have authorizations",
                        "transaction_context.cpp", 849, "validate_referenced_accounts");
            }
        }
        for (Action a : trx.actions()) {
            referencedAccount(a);
            if (!a.authorization().isEmpty()) {
                throw NodeError.of(NodeError.TRANSACTION, "read-only action '" + a.name()
                        + "' cannot have authorizations", "transaction_context.cpp", 862, "validate_referenced_accounts");
            }
        }
        long limit = MAX_BLOCK_NET_USAGE;
        long header = trx.header().maxNetUsageWords() * 8;
        if (header > 0 && header <= limit) {
            limit = header;
        }
        if (in.netUsage > limit) {
            throw NodeError.of(NodeError.TX_NET_USAGE, "transaction net usage is too high: " + in.netUsage + " > "
                    + limit, "transaction_context.cpp", 445, "check_net_usage");
        }
    }

    private void referencedAccount(Action a) {
        if (!state.exists(a.account())) {
            throw NodeError.of(NodeError.TRANSACTION, "action's code account '" + a.account() + "' does not exist",
                    "controller.cpp", 3216, "validate_referenced_accounts");
        }
    }

    static long refBlockPrefix(Checksum256 id) {
        byte[] b = id.bytes();
        return (b[8] & 0xFFL) | ((b[9] & 0xFFL) << 8) | ((b[10] & 0xFFL) << 16) | ((b[11] & 0xFFL) << 24);
    }

    /** The node's {@code check_authorization}: minimum permissions, then the keys against the declared authorities. */
    private void checkAuthorization(Incoming in, boolean checkKeys) {
        Set<PermissionLevel> declared = new LinkedHashSet<>(4);
        for (Action act : in.trx.actions()) {
            boolean special = act.account().equals(ChainState.EOSIO) && SystemContract.isSpecialAuth(act.name());
            if (special) {
                system.checkSpecialAuthorization(act);
            }
            for (PermissionLevel auth : act.authorization()) {
                if (!special) {
                    Name min = state.minimumPermission(auth.actor(), act.account(), act.name());
                    if (min != null) {
                        ChainState.Permission minP = system.getPermission(new PermissionLevel(auth.actor(), min));
                        if (!state.satisfies(system.getPermission(auth), minP)) {
                            throw NodeError.of(NodeError.IRRELEVANT_AUTH, "action declares irrelevant authority '"
                                    + Json.level(auth) + "'; minimum authority is "
                                    + Json.level(new PermissionLevel(minP.owner, minP.name)),
                                    "authorization_manager.cpp", 522, "check_authorization");
                        }
                    }
                }
                declared.add(auth);
            }
        }
        if (!checkKeys) {
            return;
        }
        AuthorityChecker checker = new AuthorityChecker(state, in.keys);
        for (PermissionLevel level : declared) {
            if (!checker.satisfied(level)) {
                throw NodeError.of(NodeError.UNSATISFIED_AUTHORIZATION, "transaction declares authority '"
                        + Json.level(level) + "', but does not have signatures for it under a provided delay of 0 ms,"
                        + " provided permissions [], provided keys " + Json.keys(in.keys)
                        + ", and a delay max limit of " + DELAY_MAX_LIMIT_MS + " ms", "authorization_manager.cpp", 539,
                        "check_authorization");
            }
        }
        List<PublicKey> unused = checker.unusedKeys();
        if (!unused.isEmpty()) {
            throw NodeError.of(NodeError.TX_IRRELEVANT_SIG, "transaction bears irrelevant signatures from these keys: "
                    + Json.keys(unused), "authorization_manager.cpp", 553, "check_authorization");
        }
    }

    /**
     * The keys among {@code available} that satisfy the transaction's declared authorities
     * ({@code get_required_keys}).
     */
    Set<PublicKey> requiredKeys(Transaction trx, Set<PublicKey> available) {
        AuthorityChecker checker = new AuthorityChecker(state, available);
        for (Action act : trx.actions()) {
            for (PermissionLevel level : act.authorization()) {
                if (!checker.satisfied(level)) {
                    throw NodeError.of(NodeError.UNSATISFIED_AUTHORIZATION, "transaction declares authority '"
                            + Json.level(level) + "', but does not have signatures for it.", "authorization_manager.cpp",
                            600, "get_required_keys");
                }
            }
        }
        return checker.usedKeys();
    }

    // ------------------------------------------------------------------ execution

    /** One action to run: its trace's ordinals and its receiver. */
    private record Scheduled(Action action, Name receiver, boolean contextFree, long ordinal, long creator,
            long closestUnnotified, ActionJson json, Checksum256 digest) {
    }

    /**
     * The CPU a transaction is billed, counted from the work as it runs (not from the clock, so
     * the same transaction always costs the same): {@link #CPU_US_PER_TRANSACTION} plus
     * {@link #CPU_US_PER_ACTION} per action run. Past its limit (the chain's
     * {@code max_transaction_cpu_usage}, or the header's {@code max_cpu_usage_ms} when lower)
     * the transaction stops with the node's {@code tx_cpu_usage_exceeded}, as its billing timer
     * stops it.
     */
    private static final class Billing {
        private final Incoming in;
        private final long limit;
        private final boolean byHeader;
        private long us = CPU_US_PER_TRANSACTION;

        Billing(Incoming in, long maxCpuUsage) {
            this.in = in;
            long header = in.trx.header().maxCpuUsageMs() * 1000L;
            this.byHeader = header > 0 && header <= maxCpuUsage;
            this.limit = byHeader ? header : maxCpuUsage;
        }

        /** Bills one action run; throws once the limit is passed. */
        void action() {
            us += CPU_US_PER_ACTION;
            if (us > limit) {
                throw NodeError.of(NodeError.TX_CPU_USAGE, "transaction " + in.id + " was executing for too long " + us
                        + "us" + (byHeader ? " reached trx specified max_cpu_usage_ms " : " reached on chain"
                        + " max_transaction_cpu_usage ") + limit + "us", "transaction_context.cpp", 530, "checktime");
            }
        }

        long billed() {
            return Math.max(MIN_CPU_US, us);
        }
    }

    /**
     * A transaction's actions as they run: what is scheduled and the traces, both by ordinal
     * (from 1). A trace is {@code null} until its action ran; when an action fails, the traces
     * are completed as the node leaves them: the failed action's with its exception, the actions
     * not run (and notifications scheduled but not run) without a receipt.
     */
    private final class Run {
        final Incoming in;
        final long blockNum;
        final TimePoint blockTime;
        final Billing cpu;
        final boolean readOnly;
        final List<Scheduled> scheduled = new ArrayList<>();
        final List<ActionTrace> traces = new ArrayList<>();
        long netUsage;

        Run(Incoming in, long blockNum, TimePoint blockTime, Billing cpu, boolean readOnly) {
            this.in = in;
            this.blockNum = blockNum;
            this.blockTime = blockTime;
            this.cpu = cpu;
            this.readOnly = readOnly;
            this.netUsage = in.netUsage;
        }

        int schedule(Scheduled s) {
            scheduled.add(s);
            traces.add(null);
            return scheduled.size() - 1;
        }

        /** The trace of an action that did not run. */
        ActionTrace notRun(Scheduled s) {
            return new ActionTrace(s.ordinal(), s.creator(), s.closestUnnotified(), null, s.receiver(),
                    s.json() != null ? s.json() : actionJson(s.action()), s.contextFree(), 0, "", in.id, blockNum,
                    blockTime, null, List.of(), null, null, "", null, null);
        }

        /** The trace of the transaction failed with {@code e}: the node's failure trace. */
        TransactionTrace failed(NodeError e, long elapsed) {
            for (int i = 0; i < traces.size(); i++) {
                if (traces.get(i) == null) {
                    traces.set(i, notRun(scheduled.get(i)));
                }
            }
            return new TransactionTrace(in.id, blockNum, blockTime, null, null, elapsed, netUsage, false, traces, null,
                    except(e, head.time()), errorCode(e));
        }
    }

    /** The {@code error_code} of a trace failed with {@code e}: the code of an {@code eosio_assert_code}. */
    static Long errorCode(NodeError e) {
        return e.kind() == NodeError.ASSERT_CODE ? 8_000_000_000_000_000_000L : null;
    }

    /** The {@code except} of a trace: the exception as fc writes it, each detail a log message of the stack. */
    static com.fasterxml.jackson.databind.node.ObjectNode except(NodeError e, TimePoint time) {
        com.fasterxml.jackson.databind.node.ObjectNode except = Json.MAPPER.createObjectNode();
        except.put("code", e.kind().code()).put("name", e.kind().name()).put("message", e.kind().what());
        com.fasterxml.jackson.databind.node.ArrayNode stack = except.putArray("stack");
        for (var d : e.details()) {
            com.fasterxml.jackson.databind.node.ObjectNode s = stack.addObject();
            com.fasterxml.jackson.databind.node.ObjectNode ctx = s.putObject("context");
            ctx.put("level", "error").put("file", d.file()).put("line", d.lineNumber()).put("method", d.method())
                    .put("hostname", "").put("thread_name", "nodeos").put("timestamp", time.toString());
            s.put("format", d.message());
            s.putObject("data");
        }
        return except;
    }

    private void execute(Run run) {
        long ordinal = 0;
        for (Action a : run.in.trx.contextFreeActions()) {
            run.schedule(new Scheduled(a, a.account(), true, ++ordinal, 0, 0, null, null));
        }
        for (Action a : run.in.trx.actions()) {
            run.schedule(new Scheduled(a, a.account(), false, ++ordinal, 0, 0, null, null));
        }
        int top = run.scheduled.size();
        for (int i = 0; i < top; i++) {
            run(run, i);
        }
    }

    /** Runs one scheduled action, then the notifications it sends. */
    private void run(Run run, int index) {
        Scheduled s = run.scheduled.get(index);
        long t0 = System.nanoTime();
        ActionContext ctx = new ActionContext(s.action(), s.receiver(), state, run.blockTime, run.readOnly);
        try {
            run.cpu.action();
            if (!s.contextFree()) {
                dispatch(ctx);
            }
        } catch (RuntimeException x) {
            NodeError e = x instanceof NodeError n ? n
                    : NodeError.contract(NodeError.EXCEPTION, String.valueOf(x.getMessage()), "exec_one");
            // the node schedules a notification when the contract asks for it: those asked before
            // the failure are in the trace, not run
            for (Name n : ctx.notified) {
                run.schedule(new Scheduled(s.action(), n, false, run.scheduled.size() + 1, s.ordinal(),
                        closestUnnotified(s), null, null));
            }
            for (Action inline : ctx.inlines) {
                run.schedule(new Scheduled(inline, inline.account(), false, run.scheduled.size() + 1, s.ordinal(),
                        closestUnnotified(s), null, null));
            }
            ActionTrace failed = run.notRun(s);
            run.traces.set(index, new ActionTrace(failed.actionOrdinal(), failed.creatorActionOrdinal(),
                    failed.closestUnnotifiedAncestorActionOrdinal(), null, failed.receiver(), failed.act(),
                    failed.contextFree(), (System.nanoTime() - t0) / 1000, "", failed.trxId(), failed.blockNum(),
                    failed.blockTime(), null, List.of(), except(e, head.time()), errorCode(e), "", null, null));
            throw e;
        }
        ActionTrace trace = trace(s, ctx, run, (System.nanoTime() - t0) / 1000);
        run.traces.set(index, trace);
        if (ctx.notified.isEmpty() && ctx.inlines.isEmpty()) {
            return;
        }
        // a notification's digest is its action's with no return value: the action's own when it returned nothing
        Checksum256 digest = ctx.returnValue().length == 0 ? trace.receipt().actDigest() : null;
        // scheduled (ordinals given) as the node schedules them: notifications, then inline actions
        // (the node numbers them in the order the contract asked; the devnet's contracts ask for
        // one kind only); run in that order, each inline action after all notifications, as the
        // node's apply_context::exec runs them
        int first = run.scheduled.size();
        for (Name n : ctx.notified) {
            run.schedule(new Scheduled(s.action(), n, false, run.scheduled.size() + 1, s.ordinal(),
                    closestUnnotified(s), trace.act(), digest));
        }
        for (Action inline : ctx.inlines) {
            run.schedule(new Scheduled(inline, inline.account(), false, run.scheduled.size() + 1, s.ordinal(),
                    closestUnnotified(s), null, null));
        }
        int last = run.scheduled.size();
        for (int i = first; i < last; i++) {
            run(run, i);
        }
    }

    private static long closestUnnotified(Scheduled s) {
        return s.receiver().equals(s.action().account()) ? s.ordinal() : s.closestUnnotified();
    }

    private void dispatch(ActionContext ctx) {
        Action act = ctx.action;
        Name account = act.account();
        if (!ctx.receiver.equals(account)) {
            return; // a notification: the devnet runs no code on notified accounts
        }
        if (account.equals(ChainState.EOSIO)) {
            if (SystemContract.isNative(act.name())) {
                system.apply(ctx, tokens);
                return;
            }
            throw TokenContract.unknownAction();
        }
        TokenContract token = tokens.get(account);
        if (token != null) {
            token.apply(ctx);
            return;
        }
        if (noop != null && account.equals(NoopContract.ACCOUNT)) {
            noop.apply(ctx);
            return;
        }
        if (kittest != null && account.equals(KitTestContract.ACCOUNT)) {
            kittest.apply(ctx);
            return;
        }
        if (payout && account.equals(PayoutContract.ACCOUNT)) {
            PayoutContract.apply(ctx, core.contract());
            return;
        }
        ChainState.Account a = state.account(account);
        if (a.compiledAbi != null) {
            java.util.Optional<String> type = a.compiledAbi.actionType(act.name());
            if (type.isEmpty()) {
                throw TokenContract.unknownAction();
            }
            try {
                a.compiledAbi.decode(type.get(), act.data().bytes());
            } catch (DecodingException e) {
                throw NodeError.check("datastream attempted to read past the end");
            } catch (RuntimeException e) {
                throw NodeError.contract(NodeError.INVALID_ACTION_ARGS, "action data of " + account + "::" + act.name()
                        + " does not match its ABI type " + type.get() + ": " + e.getMessage(), "exec_one");
            }
        }
        // an account without code: the node runs nothing
    }

    private ActionTrace trace(Scheduled s, ActionContext ctx, Run run, long elapsed) {
        Action a = s.action();
        ChainState.Account receiver = state.account(s.receiver());
        List<AuthSequence> authSeq = new ArrayList<>(a.authorization().size());
        for (PermissionLevel p : a.authorization()) {
            ChainState.Account actor = state.account(p.actor());
            authSeq.add(new AuthSequence(p.actor(), actor == null ? 0 : state.nextAuthSequence(actor)));
        }
        byte[] returned = ctx.returnValue();
        // a read-only transaction's sequences are 0 (the node does not count them)
        ActionReceipt receipt = new ActionReceipt(s.receiver(), s.digest() != null ? s.digest() : actDigest(a, returned),
                run.readOnly ? 0 : state.nextGlobalSequence(),
                receiver == null || run.readOnly ? 0 : state.nextRecvSequence(receiver), authSeq,
                receiver == null ? 0 : receiver.codeSequence, receiver == null ? 0 : receiver.abiSequence);
        return new ActionTrace(s.ordinal(), s.creator(), s.closestUnnotified(), receipt, s.receiver(),
                s.json() != null ? s.json() : actionJson(a), s.contextFree(), elapsed, "", run.in.id, run.blockNum,
                run.blockTime, null, List.of(), null, null, Hex.encode(returned), returnValueData(a, returned), null);
    }

    /**
     * The node's {@code return_value_data}: the return value decoded with the action's result
     * type in its contract's ABI; {@code null} (not written) when the ABI has none or the value
     * does not decode (an empty one does not).
     */
    private JsonNode returnValueData(Action a, byte[] returned) {
        ChainState.Account c = state.account(a.account());
        Abi abi = c == null ? null : c.compiledAbi;
        if (abi == null) {
            return null;
        }
        java.util.Optional<String> type = abi.actionResultType(a.name());
        if (type.isEmpty()) {
            return null;
        }
        try {
            return NodeJson.of(abi, type.get(), abi.decode(type.get(), returned));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The node's {@code generate_action_digest} (with {@code ACTION_RETURN_VALUE} active):
     * {@code sha256(sha256(account, name, authorization) || sha256(data, return value))}.
     */
    static Checksum256 actDigest(Action a, byte[] returned) {
        BinaryWriter base = new BinaryWriter(24 + 16 * a.authorization().size());
        a.account().encode(base);
        a.name().encode(base);
        base.writeVarUInt32(a.authorization().size());
        for (PermissionLevel p : a.authorization()) {
            p.actor().encode(base);
            p.permission().encode(base);
        }
        BinaryWriter data = new BinaryWriter(a.data().length() + returned.length + 10);
        data.writeBytesWithLength(a.data().bytes()).writeBytesWithLength(returned);
        MessageDigest sha = sha256();
        byte[] h1 = sha.digest(base.toByteArray());
        byte[] h2 = sha.digest(data.toByteArray());
        sha.update(h1);
        sha.update(h2);
        return Checksum256.of(sha.digest());
    }

    /** The node's JSON of an action: data decoded with the contract's ABI when it has one, else hex. */
    ActionJson actionJson(Action a) {
        ChainState.Account c = state.account(a.account());
        Abi abi = c == null ? null : c.compiledAbi;
        String hex = a.data().toString();
        if (abi != null) {
            java.util.Optional<String> type = abi.actionType(a.name());
            if (type.isPresent()) {
                try {
                    JsonNode data = NodeJson.of(abi, type.get(), abi.decode(type.get(), a.data().bytes()));
                    return new ActionJson(a.account(), a.name(), a.authorization(), data, hex);
                } catch (RuntimeException e) {
                    // not decodable: the node gives the hex
                }
            }
        }
        return new ActionJson(a.account(), a.name(), a.authorization(), TextNode.valueOf(hex), null);
    }
}
