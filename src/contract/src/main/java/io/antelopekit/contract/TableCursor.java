package io.antelopekit.contract;

import io.antelopekit.api.TableQuery;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query of one index of a {@link Table}: bounds, order and how many rows. Immutable: each
 * setting returns a new cursor; {@link #rows()} is cold and may be subscribed to many times.
 *
 * <pre>{@code
 * Flux<Item> cheapest = items.query(Index.of(3, KeyType.FLOAT64))
 *         .from(0.0).to(10.0)
 *         .limit(50)
 *         .rows();
 * }</pre>
 *
 * <p>The rows arrive page after page ({@code more}/{@code next_key} followed for you); a page is
 * requested only once every row of the one before has been emitted, so a slow subscriber slows
 * the reads down instead of buffering the table.
 *
 * @param <R> the row type
 * @param <K> the Java type of the index's keys
 */
public final class TableCursor<R, K> {

    /** Rows per request when neither {@link #pageSize(int)} nor a smaller {@link #limit(long)} says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final Table<R> table;
    private final Index<K> index;
    private final K from;
    private final K to;
    private final boolean reverse;
    private final long limit;
    private final int pageSize;

    TableCursor(Table<R> table, Index<K> index, K from, K to, boolean reverse, long limit, int pageSize) {
        this.table = table;
        this.index = index;
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.limit = limit;
        this.pageSize = pageSize;
    }

    /**
     * Starts at {@code key} (inclusive).
     *
     * @param key the lowest key, or {@code null} for the start of the index
     * @return the new cursor
     * @throws KeyTypeMismatchException if the key is not of the index's key type
     */
    public TableCursor<R, K> from(K key) {
        check(key);
        return new TableCursor<>(table, index, key, to, reverse, limit, pageSize);
    }

    /**
     * Ends at {@code key} (inclusive).
     *
     * @param key the highest key, or {@code null} for the end of the index
     * @return the new cursor
     * @throws KeyTypeMismatchException if the key is not of the index's key type
     */
    public TableCursor<R, K> to(K key) {
        check(key);
        return new TableCursor<>(table, index, from, key, reverse, limit, pageSize);
    }

    /**
     * Whether rows come from the highest key down.
     *
     * @param reverse true for descending order
     * @return the new cursor
     */
    public TableCursor<R, K> reverse(boolean reverse) {
        return new TableCursor<>(table, index, from, to, reverse, limit, pageSize);
    }

    /**
     * At most this many rows in all.
     *
     * @param limit at least 1
     * @return the new cursor
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public TableCursor<R, K> limit(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return new TableCursor<>(table, index, from, to, reverse, limit, pageSize);
    }

    /**
     * At most this many rows per request (the node may send fewer, and says when more follow).
     *
     * @param pageSize at least 1
     * @return the new cursor
     * @throws IllegalArgumentException if {@code pageSize} is less than 1
     */
    public TableCursor<R, K> pageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, got " + pageSize);
        }
        return new TableCursor<>(table, index, from, to, reverse, limit, pageSize);
    }

    /** @return the index it reads */
    public Index<K> index() {
        return index;
    }

    /**
     * The rows, in the index's order (or reversed), page after page.
     *
     * @return the rows; the node's refusal as a {@link io.antelopekit.api.ChainApiException}
     */
    public Flux<R> rows() {
        Flux<R> rows = table.contract().client().tableRows(query(), table.decoder());
        return limit > 0 ? rows.take(limit, true) : rows;
    }

    /**
     * The first row.
     *
     * @return the row, or empty if there is none within the bounds
     */
    public Mono<R> first() {
        return limit(1).rows().next();
    }

    /** The {@code get_table_rows} query of the first page. */
    TableQuery query() {
        int size = pageSize > 0 ? pageSize : (int) Math.min(limit > 0 ? limit : DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE);
        TableQuery q = TableQuery.of(table.contract().account(), table.scope(), table.name())
                .index(index.position(), index.keyType().nodeName())
                .limit(size);
        if (from != null) {
            q = q.lowerBound(index.keyType().bound(from));
        }
        if (to != null) {
            q = q.upperBound(index.keyType().bound(to));
        }
        return reverse ? q.reverse(true) : q;
    }

    private void check(K key) {
        if (key != null) {
            index.keyType().bound(key);
        }
    }

    @Override
    public String toString() {
        return "TableCursor[" + table + ", " + index + (from == null ? "" : ", from " + from)
                + (to == null ? "" : ", to " + to) + (reverse ? ", reverse" : "")
                + (limit > 0 ? ", limit " + limit : "") + (pageSize > 0 ? ", pageSize " + pageSize : "") + "]";
    }

    static <R> TableCursor<R, Long> primary(Table<R> table) {
        return new TableCursor<>(table, Index.primary(), null, null, false, -1, -1);
    }

    static <R, K> TableCursor<R, K> of(Table<R> table, Index<K> index) {
        return new TableCursor<>(table, Objects.requireNonNull(index, "index"), null, null, false, -1, -1);
    }
}
