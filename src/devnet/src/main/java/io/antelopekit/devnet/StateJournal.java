package io.antelopekit.devnet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The state rows changed since the last block, for the state history's {@code table_delta}s: the
 * first time a row is touched in a block its binary form before the change is kept, with a way
 * to read it again at the end of the block. A row then differs as the node's undo session
 * gives it: created (none before), removed (none after), or modified (both, and different: a
 * row a failed transaction touched is as it was, and left out, as the node's undone session
 * leaves it; a row changed and changed back within one block is left out too, where the node
 * would give it as modified). Off until the chain keeps a state history. Used only under the
 * chain's monitor.
 */
final class StateJournal {

    /** The node's state tables, in the order {@code create_deltas.cpp} packs them. */
    enum Table {
        ACCOUNT("account"), ACCOUNT_METADATA("account_metadata"), CONTRACT_TABLE("contract_table"),
        CONTRACT_ROW("contract_row"), CONTRACT_INDEX64("contract_index64"), CONTRACT_INDEX128("contract_index128"),
        CONTRACT_INDEX256("contract_index256"), CONTRACT_INDEX_DOUBLE("contract_index_double"),
        CONTRACT_INDEX_LONG_DOUBLE("contract_index_long_double"), PERMISSION("permission");

        final String shipName;

        Table(String shipName) {
            this.shipName = shipName;
        }

        static Table of(Tables.Kind kind) {
            return switch (kind) {
                case IDX64 -> CONTRACT_INDEX64;
                case IDX128 -> CONTRACT_INDEX128;
                case IDX256 -> CONTRACT_INDEX256;
                case DOUBLE -> CONTRACT_INDEX_DOUBLE;
                case LONG_DOUBLE -> CONTRACT_INDEX_LONG_DOUBLE;
            };
        }
    }

    /** A row's binary form ({@code table_delta}'s {@code row.data}) and whether it is present. */
    record Row(boolean present, byte[] data) {
    }

    private record Change(byte[] before, Supplier<byte[]> now) {
    }

    private final Map<Table, LinkedHashMap<Object, Change>> changes = new EnumMap<>(Table.class);
    private boolean on;

    /** Starts keeping changes (the chain keeps a state history). */
    void start() {
        on = true;
    }

    boolean isOn() {
        return on;
    }

    /**
     * Notes that the row {@code key} of {@code table} is about to change; {@code current} gives its
     * binary form as it is when called ({@code null} when there is no such row).
     */
    void touch(Table table, Object key, Supplier<byte[]> current) {
        if (!on) {
            return;
        }
        LinkedHashMap<Object, Change> rows = changes.computeIfAbsent(table, t -> new LinkedHashMap<>());
        if (!rows.containsKey(key)) {
            rows.put(key, new Change(current.get(), current));
        }
    }

    /** Forgets the changes noted (the state they were noted against is back: a fork rolled it back). */
    void clear() {
        changes.clear();
    }

    /**
     * The rows changed since the last call, table by table in the node's order, each table's rows
     * as the node packs them: the modified ones, then the removed, then the created; then forgets
     * them.
     */
    Map<Table, List<Row>> drain() {
        Map<Table, List<Row>> out = new EnumMap<>(Table.class);
        for (Map.Entry<Table, LinkedHashMap<Object, Change>> t : changes.entrySet()) {
            List<Row> modified = new ArrayList<>();
            List<Row> removed = new ArrayList<>();
            List<Row> created = new ArrayList<>();
            for (Change c : t.getValue().values()) {
                byte[] now = c.now().get();
                if (c.before() == null && now == null) {
                    continue;
                }
                if (c.before() == null) {
                    created.add(new Row(true, now));
                } else if (now == null) {
                    removed.add(new Row(false, c.before()));
                } else if (!Arrays.equals(c.before(), now)) {
                    modified.add(new Row(true, now));
                }
            }
            List<Row> rows = new ArrayList<>(modified);
            rows.addAll(removed);
            rows.addAll(created);
            if (!rows.isEmpty()) {
                out.put(t.getKey(), rows);
            }
        }
        changes.clear();
        return out;
    }
}
