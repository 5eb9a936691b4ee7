package io.antelopekit.api;

import io.antelopekit.chain.Name;
import java.util.Objects;

/**
 * The parameters of a {@code get_table_by_scope} request: which scopes of a contract's tables
 * hold rows. Immutable: each setting returns a new query; unset values are not sent.
 *
 * <pre>{@code
 * client.tableScopes(TableScopeQuery.of("eosio.token").table("accounts"))
 *       .map(TableScope::scope)
 *       .subscribe(System.out::println);   // every account holding a token, page after page
 * }</pre>
 *
 * <p>Paging: when a page has {@code more}, it is the scope the next page starts at (its
 * {@code lower_bound}).
 */
public final class TableScopeQuery {

    private final Name code;
    private final Name table;
    private final String lowerBound;
    private final String upperBound;
    private final Integer limit;
    private final Boolean reverse;

    private TableScopeQuery(Name code, Name table, String lowerBound, String upperBound, Integer limit, Boolean reverse) {
        this.code = code;
        this.table = table;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.limit = limit;
        this.reverse = reverse;
    }

    /**
     * The scopes of every table of a contract.
     *
     * @param code the contract account
     * @return the query
     */
    public static TableScopeQuery of(Name code) {
        return new TableScopeQuery(Objects.requireNonNull(code, "code"), null, null, null, null, null);
    }

    /**
     * The scopes of every table of a contract.
     *
     * @param code the contract account
     * @return the query
     * @throws io.antelopekit.chain.InvalidNameException if {@code code} is not a name
     */
    public static TableScopeQuery of(String code) {
        return of(Name.from(Objects.requireNonNull(code, "code")));
    }

    /** @return the contract account */
    public Name code() {
        return code;
    }

    /** @return the table, or {@code null} for every table */
    public Name table() {
        return table;
    }

    /** @return the first scope, or {@code null} */
    public String lowerBound() {
        return lowerBound;
    }

    /** @return the last scope, or {@code null} */
    public String upperBound() {
        return upperBound;
    }

    /** @return the most scopes per page, or {@code null} for the node's default (10) */
    public Integer limit() {
        return limit;
    }

    /** @return whether scopes come in descending order, or {@code null} */
    public Boolean reverse() {
        return reverse;
    }

    /**
     * Only this table's scopes.
     *
     * @param table the table
     * @return the new query
     */
    public TableScopeQuery table(Name table) {
        return new TableScopeQuery(code, Objects.requireNonNull(table, "table"), lowerBound, upperBound, limit, reverse);
    }

    /**
     * Only this table's scopes.
     *
     * @param table the table
     * @return the new query
     * @throws io.antelopekit.chain.InvalidNameException if {@code table} is not a name
     */
    public TableScopeQuery table(String table) {
        return table(Name.from(Objects.requireNonNull(table, "table")));
    }

    /**
     * The first scope to return (inclusive).
     *
     * @param lowerBound a scope, or {@code null} for none
     * @return the new query
     */
    public TableScopeQuery lowerBound(String lowerBound) {
        return new TableScopeQuery(code, table, lowerBound, upperBound, limit, reverse);
    }

    /**
     * The last scope to return.
     *
     * @param upperBound a scope, or {@code null} for none
     * @return the new query
     */
    public TableScopeQuery upperBound(String upperBound) {
        return new TableScopeQuery(code, table, lowerBound, upperBound, limit, reverse);
    }

    /**
     * The most scopes per page.
     *
     * @param limit at least 1
     * @return the new query
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public TableScopeQuery limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        return new TableScopeQuery(code, table, lowerBound, upperBound, limit, reverse);
    }

    /**
     * Whether scopes come in descending order.
     *
     * @param reverse true for descending
     * @return the new query
     */
    public TableScopeQuery reverse(boolean reverse) {
        return new TableScopeQuery(code, table, lowerBound, upperBound, limit, reverse);
    }

    /** The query for the page after one whose {@code more} was {@code next}. */
    TableScopeQuery next(String next) {
        return Boolean.TRUE.equals(reverse) ? upperBound(next) : lowerBound(next);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TableScopeQuery q && code.equals(q.code) && Objects.equals(table, q.table)
                && Objects.equals(lowerBound, q.lowerBound) && Objects.equals(upperBound, q.upperBound)
                && Objects.equals(limit, q.limit) && Objects.equals(reverse, q.reverse);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, table, lowerBound, upperBound, limit, reverse);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TableScopeQuery[").append(code);
        if (table != null) {
            sb.append(", table=").append(table);
        }
        if (lowerBound != null) {
            sb.append(", lower_bound=").append(lowerBound);
        }
        if (upperBound != null) {
            sb.append(", upper_bound=").append(upperBound);
        }
        if (limit != null) {
            sb.append(", limit=").append(limit);
        }
        if (reverse != null) {
            sb.append(", reverse=").append(reverse);
        }
        return sb.append(']').toString();
    }
}
