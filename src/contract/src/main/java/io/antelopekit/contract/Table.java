package io.antelopekit.contract;

import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.TableScopeQuery;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.chain.Name;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One table of a contract in one scope, with its rows decoded into {@code R}: a
 * {@code JsonNode}, a record, or a generated row type. Immutable and thread-safe; every method
 * returns a cold publisher.
 *
 * <pre>{@code
 * Table<JsonNode> accounts = token.table("accounts", "alice");
 * accounts.all().subscribe(row -> System.out.println(row.get("balance")));
 * }</pre>
 *
 * <p>Rows are read in binary and decoded here (the node's JSON conversion is not used), so the
 * values are exact: a {@code uint64} above 2<sup>53</sup>, a {@code float64}, a {@code uint128}.
 *
 * @param <R> the row type
 */
public final class Table<R> {

    private final Contract contract;
    private final Name name;
    private final String scope;
    private final BinaryDecoder<R> decoder;
    private final AbiDefinition.TableDef definition;

    Table(Contract contract, Name name, String scope, BinaryDecoder<R> decoder, AbiDefinition.TableDef definition) {
        this.contract = contract;
        this.name = name;
        this.scope = scope;
        this.decoder = decoder;
        this.definition = definition;
    }

    /** @return the contract */
    public Contract contract() {
        return contract;
    }

    /** @return the table name */
    public Name name() {
        return name;
    }

    /** @return the scope, as the node reads it (an account name, a symbol code or a number) */
    public String scope() {
        return scope;
    }

    /**
     * The same table in another scope.
     *
     * @param scope the scope
     * @return the table
     */
    public Table<R> scope(String scope) {
        return new Table<>(contract, name, Objects.requireNonNull(scope, "scope"), decoder, definition);
    }

    /** @return a cursor over the primary key, from the first row to the last */
    public TableCursor<R, Long> query() {
        return TableCursor.primary(this);
    }

    /**
     * A cursor over an index. Where the ABI lists the table's key types ({@code key_types}), the
     * index must be one of them and of that type.
     *
     * @param index the index
     * @param <K> the Java type of its keys
     * @return the cursor, from the first row to the last
     * @throws UnknownIndexException if the ABI lists the table's indexes and this is not one
     * @throws KeyTypeMismatchException if the ABI gives the index another key type
     */
    public <K> TableCursor<R, K> query(Index<K> index) {
        Objects.requireNonNull(index, "index");
        List<String> types = definition.keyTypes();
        if (!types.isEmpty() && index.position() > 1) {
            if (index.position() > types.size()) {
                throw new UnknownIndexException("table " + name + " of " + contract.account() + " has "
                        + (types.size() - 1) + " secondary index(es) in its ABI (key_types " + types + "), not position "
                        + index.position());
            }
            String declared = types.get(index.position() - 1);
            Optional<KeyType<?>> type = KeyType.forAbiType(declared);
            if (type.isPresent() && !sameStorage(type.get(), index.keyType())) {
                throw new KeyTypeMismatchException("index " + index.position() + " of table " + name + " of "
                        + contract.account() + " holds " + declared + " keys (" + keyName(index.position())
                        + "), not " + index.keyType());
            }
        }
        return TableCursor.of(this, index);
    }

    /**
     * A cursor over the index the ABI names {@code keyName} in the table's {@code key_names}.
     *
     * @param keyName the key's name, such as {@code owner}
     * @return the cursor, from the first row to the last
     * @throws UnknownIndexException if the ABI names no such key
     * @throws ContractException if the ABI gives it a key type this kit cannot query
     */
    public TableCursor<R, ?> query(String keyName) {
        Objects.requireNonNull(keyName, "keyName");
        int at = definition.keyNames().indexOf(keyName);
        if (at < 0) {
            throw new UnknownIndexException("table " + name + " of " + contract.account() + " has no index \"" + keyName
                    + "\"; its ABI names " + (definition.keyNames().isEmpty() ? "none" : definition.keyNames()));
        }
        if (at >= definition.keyTypes().size()) {
            throw new UnknownIndexException("table " + name + " of " + contract.account() + " names index \"" + keyName
                    + "\" but gives it no key type");
        }
        String declared = definition.keyTypes().get(at);
        KeyType<?> type = KeyType.forAbiType(declared).orElseThrow(() -> new ContractException("index \"" + keyName
                + "\" of table " + name + " of " + contract.account() + " has key type " + declared
                + ", which get_table_rows cannot query"));
        return TableCursor.of(this, Index.of(at + 1, type));
    }

    /**
     * The row with this primary key.
     *
     * @param primaryKey the key
     * @return the row, or empty
     */
    public Mono<R> get(long primaryKey) {
        return query().from(primaryKey).to(primaryKey).first();
    }

    /**
     * The first row whose key in {@code index} is {@code key}.
     *
     * @param index the index
     * @param key the key
     * @param <K> the Java type of its keys
     * @return the row, or empty
     */
    public <K> Mono<R> get(Index<K> index, K key) {
        Objects.requireNonNull(key, "key");
        return query(index).from(key).to(key).first();
    }

    /** @return every row, in primary key order, page after page */
    public Flux<R> all() {
        return query().rows();
    }

    /** @return the scopes in which this table has rows ({@code get_table_by_scope}), page after page */
    public Flux<TableScope> scopes() {
        return contract.client().tableScopes(TableScopeQuery.of(contract.account()).table(name));
    }

    BinaryDecoder<R> decoder() {
        return decoder;
    }

    private String keyName(int position) {
        List<String> names = definition.keyNames();
        return position <= names.size() ? names.get(position - 1) : "unnamed";
    }

    /** Keys that share one kind of secondary index: names and uint64 are both idx64. */
    private static boolean sameStorage(KeyType<?> a, KeyType<?> b) {
        return a == b || (a == KeyType.NAME || a == KeyType.UINT64) && (b == KeyType.NAME || b == KeyType.UINT64);
    }

    @Override
    public String toString() {
        return "Table[" + contract.account() + "/" + scope + "/" + name + "]";
    }
}
