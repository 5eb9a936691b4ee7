package io.antelopekit.devnet;

import io.antelopekit.chain.Name;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contracts' tables, as the node keeps them in its state database: a table per
 * {@code (code, scope, table)} (the node's {@code table_id_object}, with its RAM payer and a count
 * of every object stored under it), holding rows by primary key (uint64, each with its binary
 * value and RAM payer) and the entries of secondary indexes of the node's five kinds.
 *
 * <p>As a CDT {@code multi_index} lays them out, the entries of secondary index {@code i} (from
 * 0) of table {@code T} live under the table named {@code T} with its low four bits set to
 * {@code i}: the first secondary index shares the table of the rows (whose count then counts
 * both), the others have tables of their own ({@code items.......1}, ...). Entries are ordered
 * by key then primary key, as the node's {@code by_secondary} index orders them.
 *
 * <p>Every change records its inverse in the state's undo log, so a failed transaction leaves
 * its tables as they were. Used only under the chain's monitor.
 */
final class Tables {

    /** A secondary index kind and how its keys compare. */
    enum Kind {
        /** {@code idx64}: uint64 keys ({@link Long}, unsigned). */
        IDX64((a, b) -> Long.compareUnsigned((Long) a, (Long) b)),
        /** {@code idx128}: uint128 keys ({@link BigInteger}, 0 to 2^128-1). */
        IDX128((a, b) -> ((BigInteger) a).compareTo((BigInteger) b)),
        /** {@code idx256}: 32-byte keys ({@link Key256}), ordered as the node's pair of uint128 words. */
        IDX256((a, b) -> ((Key256) a).compareTo((Key256) b)),
        /** {@code idx_double}: float64 keys ({@link Double}, never NaN), -0 equal to 0 as softfloat compares them. */
        DOUBLE((a, b) -> {
            double x = (Double) a;
            double y = (Double) b;
            return x < y ? -1 : x > y ? 1 : 0;
        }),
        /** {@code idx_long_double}: float128 keys ({@link Float128Bits}), ordered as softfloat compares them. */
        LONG_DOUBLE((a, b) -> ((Float128Bits) a).compareTo((Float128Bits) b));

        final Comparator<Object> keys;

        Kind(Comparator<Object> keys) {
            this.keys = keys;
        }
    }

    /**
     * A 256-bit secondary key: 32 bytes, the two big-endian uint128 words the node compares (for
     * a {@code checksum256}, its bytes in order).
     */
    static final class Key256 implements Comparable<Key256> {
        private final byte[] bytes;

        Key256(byte[] bytes) {
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a 256-bit key has 32 bytes, not " + bytes.length);
            }
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public int compareTo(Key256 o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key256 k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return io.antelopekit.chain.Hex.encode(bytes);
        }
    }

    /**
     * A float128 secondary key: the IEEE binary128 bits as an unsigned 128-bit integer (the
     * binary form's 16 little-endian bytes read as one number). Compares as softfloat's
     * {@code f128_lt}: by value, -0 equal to 0; NaN is never stored.
     */
    static final class Float128Bits implements Comparable<Float128Bits> {
        private static final BigInteger MAGNITUDE = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        private final BigInteger bits;

        Float128Bits(BigInteger bits) {
            if (bits.signum() < 0 || bits.bitLength() > 128) {
                throw new IllegalArgumentException("float128 bits out of range: " + bits);
            }
            this.bits = bits;
        }

        BigInteger bits() {
            return bits;
        }

        /** The value's order: the magnitude, negated when the sign bit is set. */
        private BigInteger order() {
            BigInteger mag = bits.and(MAGNITUDE);
            return bits.testBit(127) ? mag.negate() : mag;
        }

        @Override
        public int compareTo(Float128Bits o) {
            return order().compareTo(o.order());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Float128Bits f && bits.equals(f.bits);
        }

        @Override
        public int hashCode() {
            return bits.hashCode();
        }
    }

    /** A table's identity: {@code (code, scope, table)}, ordered as the node's {@code by_code_scope_table}. */
    record TableId(Name code, Name scope, Name table) implements Comparable<TableId> {
        @Override
        public int compareTo(TableId o) {
            int c = Long.compareUnsigned(code.value(), o.code.value());
            if (c == 0) {
                c = Long.compareUnsigned(scope.value(), o.scope.value());
            }
            return c != 0 ? c : Long.compareUnsigned(table.value(), o.table.value());
        }
    }

    /** A row: primary key, binary value (the ABI struct's encoding), RAM payer. */
    record Row(long primary, byte[] value, Name payer) {
    }

    /** A secondary index entry: key, the primary key of its row, RAM payer. */
    record Entry(Object key, long primary, Name payer) {
    }

    /** One secondary index kind's entries under one table. */
    static final class Index {
        final NavigableSet<Entry> ordered;
        final Map<Long, Entry> byPrimary = new HashMap<>();

        Index(Kind kind) {
            this.ordered = new TreeSet<>(Comparator.comparing(Entry::key, kind.keys)
                    .thenComparing(Entry::primary, Long::compareUnsigned));
        }
    }

    /** A table: its payer, its object count, its rows and secondary entries. */
    static final class Table {
        final TableId id;
        final Name payer;
        int count;
        final NavigableMap<Long, Row> rows = new TreeMap<>(Long::compareUnsigned);
        final Map<Kind, Index> indexes = new EnumMap<>(Kind.class);

        Table(TableId id, Name payer) {
            this.id = id;
            this.payer = payer;
        }

        /** The entries of {@code kind} under this table, or {@code null} when it has none. */
        Index index(Kind kind) {
            return indexes.get(kind);
        }
    }

    private final ChainState.Undo undo;
    private final StateJournal journal;
    private final NavigableMap<TableId, Table> tables = new TreeMap<>();

    Tables(ChainState.Undo undo, StateJournal journal) {
        this.undo = undo;
        this.journal = journal;
    }

    // ------------------------------------------------------------------ state history rows

    private record RowKey(TableId table, long primary) {
    }

    private record IndexKey(Kind kind, TableId table, long primary) {
    }

    private void touchTable(TableId id) {
        journal.touch(StateJournal.Table.CONTRACT_TABLE, id, () -> tableBytes(tables.get(id)));
    }

    private void touchRow(TableId id, long primary) {
        journal.touch(StateJournal.Table.CONTRACT_ROW, new RowKey(id, primary), () -> {
            Table t = tables.get(id);
            return t == null ? null : rowBytes(t, t.rows.get(primary));
        });
    }

    private void touchSecondary(Kind kind, TableId id, long primary) {
        journal.touch(StateJournal.Table.of(kind), new IndexKey(kind, id, primary), () -> {
            Table t = tables.get(id);
            Index i = t == null ? null : t.index(kind);
            return i == null ? null : entryBytes(kind, t, i.byPrimary.get(primary));
        });
    }

    /** {@code contract_table_v0}, in its variant. */
    private static byte[] tableBytes(Table t) {
        if (t == null) {
            return null;
        }
        io.antelopekit.chain.BinaryWriter w = new io.antelopekit.chain.BinaryWriter(40);
        w.writeVarUInt32(0);
        t.id.code().encode(w);
        t.id.scope().encode(w);
        t.id.table().encode(w);
        t.payer.encode(w);
        return w.toByteArray();
    }

    /** {@code contract_row_v0}, in its variant. */
    private static byte[] rowBytes(Table t, Row r) {
        if (r == null) {
            return null;
        }
        io.antelopekit.chain.BinaryWriter w = new io.antelopekit.chain.BinaryWriter(48 + r.value().length);
        w.writeVarUInt32(0);
        t.id.code().encode(w);
        t.id.scope().encode(w);
        t.id.table().encode(w);
        w.writeInt64(r.primary());
        r.payer().encode(w);
        w.writeBytesWithLength(r.value());
        return w.toByteArray();
    }

    /** {@code contract_index*_v0}, in its variant: the key as the node holds it. */
    private static byte[] entryBytes(Kind kind, Table t, Entry e) {
        if (e == null) {
            return null;
        }
        io.antelopekit.chain.BinaryWriter w = new io.antelopekit.chain.BinaryWriter(80);
        w.writeVarUInt32(0);
        t.id.code().encode(w);
        t.id.scope().encode(w);
        t.id.table().encode(w);
        w.writeInt64(e.primary());
        e.payer().encode(w);
        switch (kind) {
            case IDX64 -> w.writeInt64((Long) e.key());
            case IDX128 -> writeUInt128(w, (BigInteger) e.key());
            case IDX256 -> {
                // two uint128 words, each little-endian as the node's memory holds them
                byte[] b = ((Key256) e.key()).bytes();
                for (int word = 0; word < 2; word++) {
                    for (int i = 15; i >= 0; i--) {
                        w.writeByte(b[word * 16 + i]);
                    }
                }
            }
            case DOUBLE -> w.writeFloat64((Double) e.key());
            case LONG_DOUBLE -> writeUInt128(w, ((Float128Bits) e.key()).bits());
        }
        return w.toByteArray();
    }

    private static void writeUInt128(io.antelopekit.chain.BinaryWriter w, BigInteger v) {
        w.writeInt64(v.longValue());
        w.writeInt64(v.shiftRight(64).longValue());
    }

    /** Every table, row and secondary entry, as a full state history snapshot gives them. */
    void snapshot(Map<StateJournal.Table, java.util.List<StateJournal.Row>> out) {
        for (Table t : tables.values()) {
            out.computeIfAbsent(StateJournal.Table.CONTRACT_TABLE, k -> new java.util.ArrayList<>())
                    .add(new StateJournal.Row(true, tableBytes(t)));
            for (Row r : t.rows.values()) {
                out.computeIfAbsent(StateJournal.Table.CONTRACT_ROW, k -> new java.util.ArrayList<>())
                        .add(new StateJournal.Row(true, rowBytes(t, r)));
            }
            for (Map.Entry<Kind, Index> i : t.indexes.entrySet()) {
                for (Entry e : i.getValue().ordered) {
                    out.computeIfAbsent(StateJournal.Table.of(i.getKey()), k -> new java.util.ArrayList<>())
                            .add(new StateJournal.Row(true, entryBytes(i.getKey(), t, e)));
                }
            }
        }
    }

    // ------------------------------------------------------------------ access

    /** The name of the table holding secondary index {@code index} (from 0) of {@code table}. */
    static Name indexTable(Name table, int index) {
        return Name.of((table.value() & 0xFFFFFFFFFFFFFFF0L) | (index & 0xFL));
    }

    Table table(Name code, Name scope, Name table) {
        return tables.get(new TableId(code, scope, table));
    }

    /** The tables of {@code code} from {@code from} to {@code to}, both included, in the node's order. */
    NavigableMap<TableId, Table> range(TableId from, TableId to) {
        if (from.compareTo(to) > 0) {
            return new TreeMap<>();
        }
        return tables.subMap(from, true, to, true);
    }

    /** The row {@code primary} of a table, or {@code null}. */
    Row find(Name code, Name scope, Name table, long primary) {
        Table t = table(code, scope, table);
        return t == null ? null : t.rows.get(primary);
    }

    /** The secondary entry of {@code kind} for row {@code primary} under {@code indexTable}, or {@code null}. */
    Entry findSecondary(Kind kind, Name code, Name scope, Name indexTable, long primary) {
        Table t = table(code, scope, indexTable);
        Index i = t == null ? null : t.index(kind);
        return i == null ? null : i.byPrimary.get(primary);
    }

    private Table findOrCreate(Name code, Name scope, Name table, Name payer) {
        TableId id = new TableId(code, scope, table);
        Table t = tables.get(id);
        if (t == null) {
            touchTable(id);
            Table created = new Table(id, payer);
            tables.put(id, created);
            undo.record(() -> tables.remove(id));
            t = created;
        }
        return t;
    }

    private void count(Table t, int delta) {
        touchTable(t.id);
        t.count += delta;
        undo.record(() -> t.count -= delta);
        if (t.count == 0) {
            tables.remove(t.id);
            undo.record(() -> tables.put(t.id, t));
        }
    }

    /** {@code db_store_i64}: stores a new row. */
    void store(Name code, Name scope, Name table, Name payer, long primary, byte[] value) {
        Table t = findOrCreate(code, scope, table, payer);
        if (t.rows.containsKey(primary)) {
            throw new IllegalStateException("row " + Long.toUnsignedString(primary) + " of " + t.id + " exists");
        }
        touchRow(t.id, primary);
        t.rows.put(primary, new Row(primary, value.clone(), payer));
        undo.record(() -> t.rows.remove(primary));
        count(t, 1);
    }

    /** {@code db_update_i64}: replaces a row's value and payer ({@code null}: the same payer). */
    void update(Name code, Name scope, Name table, long primary, Name payer, byte[] value) {
        Table t = Objects.requireNonNull(table(code, scope, table), "table");
        Row old = Objects.requireNonNull(t.rows.get(primary), "row");
        touchRow(t.id, primary);
        t.rows.put(primary, new Row(primary, value.clone(), payer == null ? old.payer() : payer));
        undo.record(() -> t.rows.put(primary, old));
    }

    /** {@code db_remove_i64}: erases a row; the table goes when nothing is left under it. */
    void remove(Name code, Name scope, Name table, long primary) {
        Table t = Objects.requireNonNull(table(code, scope, table), "table");
        touchRow(t.id, primary);
        Row old = Objects.requireNonNull(t.rows.remove(primary), "row");
        undo.record(() -> t.rows.put(primary, old));
        count(t, -1);
    }

    /** {@code db_idx*_store}: stores a secondary entry under {@code indexTable}. */
    void storeSecondary(Kind kind, Name code, Name scope, Name indexTable, Name payer, long primary, Object key) {
        Table t = findOrCreate(code, scope, indexTable, payer);
        touchSecondary(kind, t.id, primary);
        Index i = t.indexes.get(kind);
        if (i == null) {
            Index created = new Index(kind);
            t.indexes.put(kind, created);
            undo.record(() -> t.indexes.remove(kind));
            i = created;
        }
        Index index = i;
        Entry e = new Entry(key, primary, payer);
        if (index.byPrimary.putIfAbsent(primary, e) != null) {
            throw new IllegalStateException("secondary entry " + Long.toUnsignedString(primary) + " of " + t.id
                    + " exists");
        }
        index.ordered.add(e);
        undo.record(() -> {
            index.ordered.remove(e);
            index.byPrimary.remove(primary);
        });
        count(t, 1);
    }

    /** {@code db_idx*_update}: a secondary entry's new key and payer ({@code null}: the same payer). */
    void updateSecondary(Kind kind, Name code, Name scope, Name indexTable, long primary, Name payer, Object key) {
        Table t = Objects.requireNonNull(table(code, scope, indexTable), "table");
        Index index = t.indexes.get(kind);
        touchSecondary(kind, t.id, primary);
        Entry old = index.byPrimary.get(primary);
        Entry e = new Entry(key, primary, payer == null ? old.payer() : payer);
        index.ordered.remove(old);
        index.ordered.add(e);
        index.byPrimary.put(primary, e);
        undo.record(() -> {
            index.ordered.remove(e);
            index.ordered.add(old);
            index.byPrimary.put(primary, old);
        });
    }

    /** {@code db_idx*_remove}: erases a secondary entry; the table goes when nothing is left under it. */
    void removeSecondary(Kind kind, Name code, Name scope, Name indexTable, long primary) {
        Table t = Objects.requireNonNull(table(code, scope, indexTable), "table");
        Index index = t.indexes.get(kind);
        touchSecondary(kind, t.id, primary);
        Entry old = index.byPrimary.remove(primary);
        index.ordered.remove(old);
        undo.record(() -> {
            index.byPrimary.put(primary, old);
            index.ordered.add(old);
        });
        count(t, -1);
    }
}
