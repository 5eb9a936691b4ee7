package io.antelopekit.api;

import io.antelopekit.chain.Name;
import java.util.Objects;

/**
 * The parameters of a {@code get_table_rows} request. Immutable: each setting returns a new
 * query. Unset values are not sent, so the node's defaults apply.
 *
 * <pre>{@code
 * TableQuery q = TableQuery.of("eosio.token", "eosio", "stat").limit(100);
 * client.tableRows(q).subscribe(row -> ...);   // every row, page after page
 * }</pre>
 *
 * <p>Paging: when a page has {@code more}, the next request uses {@code next_key} as its
 * {@code lower_bound} ({@code upper_bound} when {@link #reverse()} is set).
 */
public final class TableQuery {

    private static final String[] POSITIONS = {
        "primary", "secondary", "tertiary", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"
    };

    private final Name code;
    private final String scope;
    private final Name table;
    private final Boolean json;
    private final String lowerBound;
    private final String upperBound;
    private final Integer limit;
    private final String keyType;
    private final String indexPosition;
    private final String encodeType;
    private final Boolean reverse;
    private final Boolean showPayer;

    private TableQuery(Name code, String scope, Name table, Boolean json, String lowerBound, String upperBound,
            Integer limit, String keyType, String indexPosition, String encodeType, Boolean reverse, Boolean showPayer) {
        this.code = code;
        this.scope = scope;
        this.table = table;
        this.json = json;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.limit = limit;
        this.keyType = keyType;
        this.indexPosition = indexPosition;
        this.encodeType = encodeType;
        this.reverse = reverse;
        this.showPayer = showPayer;
    }

    /**
     * A query of a contract's table in a scope, with the node's defaults for everything else.
     *
     * @param code the contract account
     * @param scope the scope: an account name, a symbol code or a number, as the contract uses it
     * @param table the table name
     * @return the query
     */
    public static TableQuery of(Name code, String scope, Name table) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(table, "table");
        return new TableQuery(code, scope, table, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A query of a contract's table in a scope.
     *
     * @param code the contract account
     * @param scope the scope
     * @param table the table name
     * @return the query
     * @throws io.antelopekit.chain.InvalidNameException if {@code code} or {@code table} is not a name
     */
    public static TableQuery of(String code, String scope, String table) {
        return of(Name.from(Objects.requireNonNull(code, "code")), scope, Name.from(Objects.requireNonNull(table, "table")));
    }

    /** @return the contract account */
    public Name code() {
        return code;
    }

    /** @return the scope */
    public String scope() {
        return scope;
    }

    /** @return the table name */
    public Name table() {
        return table;
    }

    /** @return whether the node decodes rows to JSON, {@code null} for its default (true) */
    public Boolean json() {
        return json;
    }

    /** @return the lower bound, or {@code null} */
    public String lowerBound() {
        return lowerBound;
    }

    /** @return the upper bound, or {@code null} */
    public String upperBound() {
        return upperBound;
    }

    /** @return the page size, or {@code null} for the node's default (10) */
    public Integer limit() {
        return limit;
    }

    /** @return the index key type, such as {@code i64} or {@code name}, or {@code null} */
    public String keyType() {
        return keyType;
    }

    /** @return the index position, such as {@code secondary}, or {@code null} for the primary */
    public String indexPosition() {
        return indexPosition;
    }

    /** @return the key encoding, {@code dec} or {@code hex}, or {@code null} */
    public String encodeType() {
        return encodeType;
    }

    /** @return whether rows come in descending key order, or {@code null} */
    public Boolean reverse() {
        return reverse;
    }

    /** @return whether each row comes with the account paying its RAM, or {@code null} */
    public Boolean showPayer() {
        return showPayer;
    }

    /**
     * Whether the node decodes rows to JSON (it sends hex otherwise).
     *
     * @param json true for JSON rows
     * @return the new query
     */
    public TableQuery json(boolean json) {
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * The lowest key to return (inclusive).
     *
     * @param lowerBound a key in the index's form, or {@code null} for none
     * @return the new query
     */
    public TableQuery lowerBound(String lowerBound) {
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * The highest key to return (inclusive).
     *
     * @param upperBound a key in the index's form, or {@code null} for none
     * @return the new query
     */
    public TableQuery upperBound(String upperBound) {
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * The most rows per page (the node may return fewer).
     *
     * @param limit at least 1
     * @return the new query
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public TableQuery limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * Reads a secondary index.
     *
     * @param position 1 for the primary key, 2 for the first secondary index, up to 10
     * @param keyType the index's key type: {@code i64}, {@code i128}, {@code i256}, {@code float64},
     *        {@code float128}, {@code sha256}, {@code ripemd160} or {@code name}
     * @return the new query
     * @throws IllegalArgumentException if {@code position} is not 1 to 10
     */
    public TableQuery index(int position, String keyType) {
        if (position < 1 || position > POSITIONS.length) {
            throw new IllegalArgumentException("index position must be 1 to 10, got " + position);
        }
        Objects.requireNonNull(keyType, "keyType");
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType,
                POSITIONS[position - 1], encodeType, reverse, showPayer);
    }

    /**
     * How the node reads and writes the bounds of an {@code i64}/{@code i128} index.
     *
     * @param encodeType {@code dec} or {@code hex}
     * @return the new query
     * @throws IllegalArgumentException for another value
     */
    public TableQuery encodeType(String encodeType) {
        if (!"dec".equals(encodeType) && !"hex".equals(encodeType)) {
            throw new IllegalArgumentException("encodeType must be \"dec\" or \"hex\", got \"" + encodeType + "\"");
        }
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * Whether rows come in descending key order.
     *
     * @param reverse true for descending
     * @return the new query
     */
    public TableQuery reverse(boolean reverse) {
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * Whether each row comes as {@code {data, payer}}.
     *
     * @param showPayer true to get the RAM payer
     * @return the new query
     */
    public TableQuery showPayer(boolean showPayer) {
        return new TableQuery(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /**
     * The query for the page after one that ended at {@code nextKey}. A node writes the next key
     * of a {@code name} index as its number, but reads a {@code name} bound as a name: the number
     * is turned back into the name.
     */
    TableQuery next(String nextKey) {
        String key = nextKey;
        if ("name".equals(keyType) && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            try {
                key = Name.of(Long.parseUnsignedLong(key)).toString();
            } catch (NumberFormatException e) {
                // not a uint64: give it back as the node wrote it
            }
        }
        return Boolean.TRUE.equals(reverse) ? upperBound(key) : lowerBound(key);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TableQuery q && code.equals(q.code) && scope.equals(q.scope)
                && table.equals(q.table) && Objects.equals(json, q.json) && Objects.equals(lowerBound, q.lowerBound)
                && Objects.equals(upperBound, q.upperBound) && Objects.equals(limit, q.limit)
                && Objects.equals(keyType, q.keyType) && Objects.equals(indexPosition, q.indexPosition)
                && Objects.equals(encodeType, q.encodeType) && Objects.equals(reverse, q.reverse)
                && Objects.equals(showPayer, q.showPayer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, scope, table, json, lowerBound, upperBound, limit, keyType, indexPosition,
                encodeType, reverse, showPayer);
    }

    /** @return such as {@code TableQuery[eosio.token/eosio/stat, limit=100]} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TableQuery[").append(code).append('/').append(scope).append('/')
                .append(table);
        append(sb, "json", json);
        append(sb, "lower_bound", lowerBound);
        append(sb, "upper_bound", upperBound);
        append(sb, "limit", limit);
        append(sb, "key_type", keyType);
        append(sb, "index_position", indexPosition);
        append(sb, "encode_type", encodeType);
        append(sb, "reverse", reverse);
        append(sb, "show_payer", showPayer);
        return sb.append(']').toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(", ").append(name).append('=').append(value);
        }
    }
}
