package io.antelopekit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.abi.AbiType;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.TableScopeQuery;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.BinaryDecoder;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.InvalidNameException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.session.ActionRequest;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A contract on a chain: its account, its ABI and a client of the chain. Builds actions for
 * {@code Session.transact}, reads tables, and calls read-only actions. Immutable and thread-safe.
 *
 * <pre>{@code
 * ContractKit kit = ContractKit.of(client);
 * kit.load("eosio.token")
 *    .flatMap(token -> session.transact(token.action("transfer",
 *            Map.of("from", "alice", "to", "bob", "quantity", "1.0000 EOS", "memo", "hi"))))
 *    .subscribe();
 * }</pre>
 *
 * <p>Actions built without an authorization carry the signer placeholder
 * ({@link ActionRequest#PLACEHOLDER_SIGNER}), which the session that transacts them replaces with
 * its own permission. The code generator ({@code antelopekit-codegen}) writes a typed class per
 * contract on top of this one.
 */
public final class Contract {

    private static final List<PermissionLevel> SIGNER = List.of(ActionRequest.PLACEHOLDER_SIGNER);

    private final ChainClient client;
    private final Name account;
    private final Abi abi;

    private Contract(ChainClient client, Name account, Abi abi) {
        this.client = client;
        this.account = account;
        this.abi = abi;
    }

    /**
     * A contract whose ABI you already have (a file, a generated class), so nothing is fetched.
     *
     * @param client a client of the chain
     * @param account the contract account
     * @param abi its ABI
     * @return the contract
     */
    public static Contract of(ChainClient client, Name account, Abi abi) {
        return new Contract(Objects.requireNonNull(client, "client"), Objects.requireNonNull(account, "account"),
                Objects.requireNonNull(abi, "abi"));
    }

    /** @return the contract account */
    public Name account() {
        return account;
    }

    /** @return its ABI */
    public Abi abi() {
        return abi;
    }

    /** @return the client it reads through */
    public ChainClient client() {
        return client;
    }

    // ------------------------------------------------------------------ actions

    /**
     * An action, authorized by whoever transacts it (the signer placeholder).
     *
     * @param action the action name
     * @param data a record, {@code Map} or {@code JsonNode} of the action's type
     * @return the action, ready for {@code Session.transact}
     * @throws UnknownActionException if the ABI has no such action
     * @throws ActionDataException if the data does not encode, naming the field
     */
    public Action action(String action, Object data) {
        return action(action, data, SIGNER);
    }

    /**
     * An action with the given authorization.
     *
     * @param action the action name
     * @param data a record, {@code Map} or {@code JsonNode} of the action's type
     * @param authorization who authorizes it
     * @return the action
     * @throws UnknownActionException if the ABI has no such action
     * @throws ActionDataException if the data does not encode, naming the field
     */
    public Action action(String action, Object data, List<PermissionLevel> authorization) {
        Name name = actionName(action);
        String type = actionType(name);
        return Action.of(account, name, authorization, Bytes.of(encode(name, type, data))).withAbi(abi);
    }

    /**
     * An action whose data encodes itself (a generated record), authorized by whoever transacts
     * it.
     *
     * @param action the action name
     * @param data the data
     * @return the action
     * @throws UnknownActionException if the ABI has no such action
     */
    public Action action(Name action, BinaryEncodable data) {
        return action(action, data, SIGNER);
    }

    /**
     * An action whose data encodes itself, with the given authorization.
     *
     * @param action the action name
     * @param data the data
     * @param authorization who authorizes it
     * @return the action
     * @throws UnknownActionException if the ABI has no such action
     */
    public Action action(Name action, BinaryEncodable data, List<PermissionLevel> authorization) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
        actionType(action);
        return Action.of(account, action, authorization, Bytes.of(data.toBytes())).withAbi(abi);
    }

    // ------------------------------------------------------------------ tables

    /**
     * A table in the contract's own scope, rows as JSON in the ABI's form.
     *
     * @param table the table name
     * @return the table
     * @throws UnknownTableException if the ABI has no such table
     */
    public Table<JsonNode> table(String table) {
        return table(table, account.toString());
    }

    /**
     * A table in a scope, rows as JSON in the ABI's form.
     *
     * @param table the table name
     * @param scope the scope: an account name, a symbol code or a number
     * @return the table
     * @throws UnknownTableException if the ABI has no such table
     */
    public Table<JsonNode> table(String table, String scope) {
        Name name = tableName(table);
        AbiType type = abi.type(rowType(name));
        return table(name, scope, type::decode);
    }

    /**
     * A table in a scope, rows decoded through the ABI into a record or class with the row's
     * fields (named like them or in camelCase).
     *
     * @param table the table name
     * @param scope the scope
     * @param rowType the row class
     * @param <R> the row type
     * @return the table
     * @throws UnknownTableException if the ABI has no such table
     */
    public <R> Table<R> table(String table, String scope, Class<R> rowType) {
        Objects.requireNonNull(rowType, "rowType");
        Name name = tableName(table);
        AbiType type = abi.type(rowType(name));
        return table(name, scope, in -> type.decode(in, rowType));
    }

    /**
     * A table in a scope, rows read by {@code rows} (a generated record's {@code decode}).
     *
     * @param table the table name
     * @param scope the scope
     * @param rows reads one row
     * @param <R> the row type
     * @return the table
     * @throws UnknownTableException if the ABI has no such table
     */
    public <R> Table<R> table(Name table, String scope, BinaryDecoder<R> rows) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rows, "rows");
        rowType(table);
        AbiDefinition.TableDef def = abi.definition().tables().stream()
                .filter(t -> t.name().equals(table.toString())).findFirst().orElseThrow();
        return new Table<>(this, table, scope, rows, def);
    }

    /**
     * The scopes that hold rows of any of the contract's tables, page after page.
     *
     * @return the scopes, each with its table, payer and row count
     */
    public Flux<TableScope> scopes() {
        return client.tableScopes(TableScopeQuery.of(account));
    }

    // ------------------------------------------------------------------ read-only actions

    /**
     * Calls a read-only action ({@code send_read_only_transaction}): nothing is signed or
     * stored; the action's return value is decoded through the ABI's {@code action_results}.
     *
     * @param action the action name
     * @param data a record, {@code Map} or {@code JsonNode} of the action's type
     * @return the return value in the ABI's JSON form; the node's refusal as a
     *         {@link io.antelopekit.api.ChainApiException}
     * @throws UnknownActionException at once if the ABI has no such action or no result type for it
     * @throws ActionDataException at once if the data does not encode
     */
    public Mono<JsonNode> readOnly(String action, Object data) {
        Name name = actionName(action);
        AbiType result = abi.type(resultType(name));
        return readOnly(name, Bytes.of(encode(name, actionType(name), data)), result::decode);
    }

    /**
     * Calls a read-only action and decodes its return value into a record or class.
     *
     * @param action the action name
     * @param data a record, {@code Map} or {@code JsonNode} of the action's type
     * @param resultType the result class
     * @param <R> the result type
     * @return the return value
     * @throws UnknownActionException at once if the ABI has no such action or no result type for it
     * @throws ActionDataException at once if the data does not encode
     */
    public <R> Mono<R> readOnly(String action, Object data, Class<R> resultType) {
        Objects.requireNonNull(resultType, "resultType");
        Name name = actionName(action);
        AbiType result = abi.type(resultType(name));
        return readOnly(name, Bytes.of(encode(name, actionType(name), data)), in -> result.decode(in, resultType));
    }

    /**
     * Calls a read-only action whose data encodes itself and decodes its return value with
     * {@code result} (what generated classes use).
     *
     * @param action the action name
     * @param data the data
     * @param result reads the return value
     * @param <R> the result type
     * @return the return value
     * @throws UnknownActionException at once if the ABI has no such action
     */
    public <R> Mono<R> readOnly(Name action, BinaryEncodable data, BinaryDecoder<R> result) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(result, "result");
        actionType(action);
        return readOnly(action, Bytes.of(data.toBytes()), result);
    }

    private <R> Mono<R> readOnly(Name action, Bytes data, BinaryDecoder<R> result) {
        return ReadOnlyCall.call(client, Action.of(account, action, List.of(), data), result);
    }

    // ------------------------------------------------------------------ ABI lookups

    private Name actionName(String action) {
        Objects.requireNonNull(action, "action");
        try {
            return Name.from(action);
        } catch (InvalidNameException e) {
            throw new UnknownActionException("contract " + account + " has no action \"" + action + "\": "
                    + e.getMessage(), e);
        }
    }

    private String actionType(Name action) {
        return abi.actionType(action).orElseThrow(() -> new UnknownActionException("contract " + account
                + " has no action " + action + " in its ABI; it has " + names(abi.definition().actions().stream()
                        .map(AbiDefinition.ActionDef::name).toList())));
    }

    private String resultType(Name action) {
        actionType(action);
        return abi.actionResultType(action).orElseThrow(() -> new UnknownActionException("action " + action + " of "
                + account + " returns no value: its ABI has no action_results entry for it"));
    }

    private Name tableName(String table) {
        Objects.requireNonNull(table, "table");
        try {
            return Name.from(table);
        } catch (InvalidNameException e) {
            throw new UnknownTableException("contract " + account + " has no table \"" + table + "\": "
                    + e.getMessage(), e);
        }
    }

    private String rowType(Name table) {
        return abi.tableType(table).orElseThrow(() -> new UnknownTableException("contract " + account
                + " has no table " + table + " in its ABI; it has " + names(abi.definition().tables().stream()
                        .map(AbiDefinition.TableDef::name).toList())));
    }

    private byte[] encode(Name action, String type, Object data) {
        try {
            return abi.encode(type, data);
        } catch (AbiSerializationException e) {
            String path = e.path() == null ? action.toString() : e.path();
            throw new ActionDataException("data of action " + action + " of " + account + " does not encode: "
                    + e.getMessage(), path, e);
        }
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String toString() {
        return "Contract[" + account + "]";
    }
}
