package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.UserInterface;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The session module's {@link TransactContext}: what one transact knows, with
 * {@link #allowModify()} fixed for the hook it is given to ({@link #allowingModify}).
 */
final class DefaultTransactContext implements TransactContext {

    private final ChainDefinition chain;
    private final ChainClient client;
    private final PermissionLevel permissionLevel;
    private final UserInterface ui;
    private final boolean allowModify;
    private final Function<Name, Mono<Abi>> abis;
    private final Map<String, JsonNode> pluginOptions;
    private final Function<Transaction, Mono<Transaction>> header;

    DefaultTransactContext(ChainDefinition chain, ChainClient client, PermissionLevel permissionLevel,
            UserInterface ui, boolean allowModify, Function<Name, Mono<Abi>> abis, Map<String, JsonNode> pluginOptions,
            Function<Transaction, Mono<Transaction>> header) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.client = Objects.requireNonNull(client, "client");
        this.permissionLevel = Objects.requireNonNull(permissionLevel, "permissionLevel");
        this.ui = ui;
        this.allowModify = allowModify;
        this.abis = abis;
        this.pluginOptions = pluginOptions;
        this.header = header;
    }

    /** This context with {@link #allowModify()} answering {@code allow}; itself when it already does. */
    DefaultTransactContext allowingModify(boolean allow) {
        return allow == allowModify ? this
                : new DefaultTransactContext(chain, client, permissionLevel, ui, allow, abis, pluginOptions, header);
    }

    @Override
    public ChainDefinition chain() {
        return chain;
    }

    @Override
    public ChainClient client() {
        return client;
    }

    @Override
    public PermissionLevel permissionLevel() {
        return permissionLevel;
    }

    @Override
    public UserInterface ui() {
        return ui;
    }

    @Override
    public boolean allowModify() {
        return allowModify;
    }

    @Override
    public Mono<Abi> abi(Name contract) {
        return abis.apply(Objects.requireNonNull(contract, "contract"));
    }

    @Override
    public Mono<Transaction> resolveHeader(Transaction transaction) {
        return header.apply(Objects.requireNonNull(transaction, "transaction"));
    }

    @Override
    public JsonNode pluginOptions(String pluginId) {
        return pluginOptions.get(pluginId);
    }

    @Override
    public String toString() {
        return "TransactContext[chain=" + chain.id() + ", signer=" + permissionLevel + ", allowModify=" + allowModify
                + "]";
    }
}
