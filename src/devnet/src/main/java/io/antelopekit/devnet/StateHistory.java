package io.antelopekit.devnet;

import io.antelopekit.api.model.ActionReceipt;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.api.model.AuthSequence;
import io.antelopekit.api.model.TransactionTrace;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.TransactionExtension;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.Signature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state history the node's {@code state_history_plugin} keeps (its trace log and chain state
 * log), for the blocks the devnet still holds: per block the packed {@code signed_block}, the
 * packed {@code transaction_trace[]} and the packed {@code table_delta[]}, in the node's binary
 * forms (with {@code trace-history-debug-mode} off: no elapsed times, consoles or exception
 * texts). The logs begin with the first block produced after the devnet started, whose deltas are
 * a full snapshot of the state, as a node's fresh chain state log begins. Written under the
 * chain's monitor as blocks are produced; the sessions are told of each new block.
 */
final class StateHistory {

    /** One block's entries. */
    record Entry(long num, Checksum256 id, byte[] signedBlock, byte[] traces, byte[] deltas) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} (under the chain's monitor: it must not block) after each new block. */
    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void unlisten(Runnable listener) {
        listeners.remove(listener);
    }

    /** The first block of the logs, 0 when empty. */
    long beginBlock() {
        return entries.isEmpty() ? 0 : entries.peekFirst().num();
    }

    /** One past the last block of the logs, 0 when empty (the node's {@code block_range}). */
    long endBlock() {
        return entries.isEmpty() ? 0 : entries.peekLast().num() + 1;
    }

    /** The entries of block {@code num}, or {@code null} when the logs do not hold it. */
    Entry get(long num) {
        Entry first = entries.peekFirst();
        if (first == null || num < first.num() || num > entries.peekLast().num()) {
            return null;
        }
        int i = (int) (num - first.num());
        for (Entry e : entries) {
            if (i-- == 0) {
                return e;
            }
        }
        return null;
    }

    /** Adds a produced block: its deltas are what the journal holds (all of the state for the first). */
    void append(Chain.Block b, ChainState state) {
        Map<StateJournal.Table, List<StateJournal.Row>> deltas;
        if (entries.isEmpty()) {
            state.journal.drain();
            deltas = new EnumMap<>(StateJournal.Table.class);
            state.snapshot(deltas);
        } else {
            deltas = state.journal.drain();
        }
        entries.addLast(new Entry(b.num(), b.id(), signedBlock(b), traces(b), deltas(deltas)));
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** Forgets the blocks from {@code num} on (a fork replaces them). */
    void truncate(long num) {
        while (!entries.isEmpty() && entries.peekLast().num() >= num) {
            entries.pollLast();
        }
    }

    /** Forgets the blocks before {@code num}, as the chain does. */
    void prune(long num) {
        while (!entries.isEmpty() && entries.peekFirst().num() < num) {
            entries.pollFirst();
        }
    }

    // ------------------------------------------------------------------ binary forms

    /** The node's packed {@code signed_block}. */
    static byte[] signedBlock(Chain.Block b) {
        BinaryWriter w = new BinaryWriter(256);
        b.timestamp().encode(w);
        Chain.PRODUCER.encode(w);
        w.writeInt16(0);
        b.previous().encode(w);
        b.transactionMroot().encode(w);
        b.actionMroot().encode(w);
        w.writeInt32(0).writeBoolean(false).writeVarUInt32(0);
        b.signature().encode(w);
        w.writeVarUInt32(b.entries().size());
        for (Chain.Entry e : b.entries()) {
            w.writeByte(0).writeInt32((int) e.cpuUs()).writeVarUInt32(e.netWords());
            w.writeVarUInt32(1); // transaction_variant: packed_transaction
            e.in().packed.encode(w);
        }
        w.writeVarUInt32(0);
        return w.toByteArray();
    }

    /** The node's packed {@code transaction_trace[]} of a block's transactions. */
    static byte[] traces(Chain.Block b) {
        BinaryWriter w = new BinaryWriter(512);
        w.writeVarUInt32(b.entries().size());
        for (Chain.Entry e : b.entries()) {
            transactionTrace(w, e);
        }
        return w.toByteArray();
    }

    private static void transactionTrace(BinaryWriter w, Chain.Entry e) {
        TransactionTrace t = e.trace();
        w.writeVarUInt32(0); // transaction_trace_v0
        e.in().id.encode(w);
        w.writeByte(0).writeInt32((int) e.cpuUs()).writeVarUInt32(e.netWords()); // executed
        w.writeInt64(0); // elapsed: not in debug mode
        w.writeInt64(t.netUsage());
        w.writeBoolean(t.scheduled());
        w.writeVarUInt32(t.actionTraces().size());
        for (ActionTrace a : t.actionTraces()) {
            actionTrace(w, a);
        }
        w.writeBoolean(t.accountRamDelta() != null);
        if (t.accountRamDelta() != null) {
            t.accountRamDelta().account().encode(w);
            w.writeInt64(t.accountRamDelta().delta());
        }
        w.writeBoolean(t.exception() != null);
        if (t.exception() != null) {
            w.writeString("Y");
        }
        optionalErrorCode(w, t.errorCode());
        w.writeBoolean(false); // failed_dtrx_trace
        w.writeBoolean(true); // partial
        w.writeVarUInt32(0); // partial_transaction_v0
        TransactionHeader h = e.in().trx.header();
        h.expiration().encode(w);
        w.writeInt16(h.refBlockNum()).writeInt32((int) h.refBlockPrefix()).writeVarUInt32(h.maxNetUsageWords())
                .writeByte(h.maxCpuUsageMs()).writeVarUInt32(h.delaySec());
        List<TransactionExtension> ext = e.in().trx.transactionExtensions();
        w.writeVarUInt32(ext.size());
        for (TransactionExtension x : ext) {
            x.encode(w);
        }
        List<Signature> sigs = e.in().signed.signatures();
        w.writeVarUInt32(sigs.size());
        for (Signature s : sigs) {
            s.encode(w);
        }
        List<Bytes> cfd = e.in().signed.contextFreeData();
        w.writeVarUInt32(cfd.size());
        for (Bytes d : cfd) {
            d.encode(w);
        }
    }

    /** The node caps an error code at {@code generic_system_error} when not in debug mode. */
    private static void optionalErrorCode(BinaryWriter w, Long code) {
        w.writeBoolean(code != null);
        if (code != null) {
            long cap = Long.parseUnsignedLong("10000000000000000000");
            w.writeInt64(Long.compareUnsigned(code, cap) >= 0 ? cap : code);
        }
    }

    private static void actionTrace(BinaryWriter w, ActionTrace a) {
        w.writeVarUInt32(1); // action_trace_v1
        w.writeVarUInt32(a.actionOrdinal()).writeVarUInt32(a.creatorActionOrdinal());
        ActionReceipt r = a.receipt();
        w.writeBoolean(r != null);
        if (r != null) {
            w.writeVarUInt32(0); // action_receipt_v0
            r.receiver().encode(w);
            r.actDigest().encode(w);
            w.writeInt64(r.globalSequence()).writeInt64(r.recvSequence());
            List<AuthSequence> seq = new ArrayList<>(r.authSequence());
            seq.sort((x, y) -> Long.compareUnsigned(x.account().value(), y.account().value())); // a flat_map
            w.writeVarUInt32(seq.size());
            for (AuthSequence s : seq) {
                s.account().encode(w);
                w.writeInt64(s.sequence());
            }
            w.writeVarUInt32(r.codeSequence()).writeVarUInt32(r.abiSequence());
        }
        a.receiver().encode(w);
        a.act().account().encode(w);
        a.act().name().encode(w);
        w.writeVarUInt32(a.act().authorization().size());
        for (PermissionLevel p : a.act().authorization()) {
            p.actor().encode(w);
            p.permission().encode(w);
        }
        String hex = a.act().hexData() != null ? a.act().hexData() : a.act().data().asText();
        w.writeBytesWithLength(Hex.decode(hex));
        w.writeBoolean(a.contextFree());
        w.writeInt64(0); // elapsed: not in debug mode
        w.writeString(""); // console: not in debug mode
        w.writeVarUInt32(a.accountRamDeltas() == null ? 0 : a.accountRamDeltas().size());
        if (a.accountRamDeltas() != null) {
            for (var d : a.accountRamDeltas()) {
                d.account().encode(w);
                w.writeInt64(d.delta());
            }
        }
        w.writeBoolean(a.exception() != null);
        if (a.exception() != null) {
            w.writeString("Y");
        }
        optionalErrorCode(w, a.errorCode());
        String ret = a.returnValueHexData();
        w.writeBytesWithLength(ret == null || ret.isEmpty() ? new byte[0] : Hex.decode(ret));
    }

    /** The node's packed {@code table_delta[]}: {@code table_delta_v0} per table that changed. */
    static byte[] deltas(Map<StateJournal.Table, List<StateJournal.Row>> tables) {
        BinaryWriter w = new BinaryWriter(1024);
        w.writeVarUInt32(tables.size());
        for (Map.Entry<StateJournal.Table, List<StateJournal.Row>> t : tables.entrySet()) {
            w.writeVarUInt32(0); // table_delta_v0
            w.writeString(t.getKey().shipName);
            w.writeVarUInt32(t.getValue().size());
            for (StateJournal.Row r : t.getValue()) {
                w.writeBoolean(r.present());
                w.writeBytesWithLength(r.data());
            }
        }
        return w.toByteArray();
    }
}
