package io.antelopekit.stream;

import io.antelopekit.chain.Name;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which contract table rows {@link BlockStream#tableDeltas(TableFilter)} emits: immutable, each
 * method returns a narrower filter; a set left empty passes any. Checked before anything is
 * decoded, so a stream of one contract's rows fetches no other contract's ABI.
 *
 * <pre>{@code
 * TableFilter.all().code("eosio.token").table("accounts").scope("alice")   // alice's balances
 * }</pre>
 */
public final class TableFilter {

    private static final TableFilter ALL = new TableFilter(Set.of(), Set.of(), Set.of());

    private final Set<Name> codes;
    private final Set<Name> tables;
    private final Set<Name> scopes;

    private TableFilter(Set<Name> codes, Set<Name> tables, Set<Name> scopes) {
        this.codes = codes;
        this.tables = tables;
        this.scopes = scopes;
    }

    /** Every contract's rows. */
    public static TableFilter all() {
        return ALL;
    }

    /** Only rows of these contracts (in addition to any named before). */
    public TableFilter code(String... codes) {
        return new TableFilter(union(this.codes, codes), tables, scopes);
    }

    /** Only rows of tables with these names (in addition to any named before). */
    public TableFilter table(String... tables) {
        return new TableFilter(codes, union(this.tables, tables), scopes);
    }

    /** Only rows in these scopes (in addition to any named before). */
    public TableFilter scope(String... scopes) {
        return new TableFilter(codes, tables, union(this.scopes, scopes));
    }

    /** Whether rows of this contract may pass (to fetch only the ABIs needed). */
    boolean wantsCode(Name code) {
        return codes.isEmpty() || codes.contains(code);
    }

    /** Whether a row of this contract, scope and table passes. */
    boolean matches(Name code, Name scope, Name table) {
        return wantsCode(code) && (tables.isEmpty() || tables.contains(table)) && (scopes.isEmpty() || scopes.contains(scope));
    }

    private static Set<Name> union(Set<Name> set, String[] more) {
        Objects.requireNonNull(more, "names");
        if (more.length == 0) {
            throw new IllegalArgumentException("name at least one");
        }
        Set<Name> out = new HashSet<>(set);
        Arrays.stream(more).map(n -> Name.from(Objects.requireNonNull(n, "name"))).forEach(out::add);
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "TableFilter[codes " + codes + ", tables " + tables + ", scopes " + scopes + "]";
    }
}
