package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * A wallet of a chosen id for the kit's collaborators' tests: it logs in as chosen, cannot sign,
 * and records its logouts.
 */
final class NamedWallet implements WalletPlugin {

    final String id;
    final WalletPluginConfig config;
    /** What {@link #data()} gives: the data it was rebuilt from. */
    final JsonNode data;
    /** The contexts of the logouts, in order. */
    final List<LoginContext> logouts = new CopyOnWriteArrayList<>();

    NamedWallet(String id) {
        this(id, WalletPluginConfig.DEFAULT);
    }

    NamedWallet(String id, WalletPluginConfig config) {
        this(id, config, JsonNodeFactory.instance.objectNode());
    }

    NamedWallet(String id, WalletPluginConfig config, JsonNode data) {
        this.id = id;
        this.config = config;
        this.data = data.deepCopy();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public WalletPluginConfig config() {
        return config;
    }

    @Override
    public WalletPluginMetadata metadata() {
        return WalletPluginMetadata.of(id);
    }

    /** Answers with the chain and permission chosen before it is asked. */
    @Override
    public Mono<WalletPluginLoginResponse> login(LoginContext context) {
        return Mono.fromCallable(() -> {
            if (context.chain() == null || context.permissionLevel() == null) {
                throw new IllegalStateException("this wallet logs in only with chain and permission chosen");
            }
            return new WalletPluginLoginResponse(context.chain().id(), context.permissionLevel(), null);
        });
    }

    @Override
    public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
        return Mono.error(new UnsupportedOperationException("this wallet does not sign"));
    }

    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    @Override
    public Mono<Void> logout(LoginContext context) {
        return Mono.fromRunnable(() -> logouts.add(context));
    }

    @Override
    public String toString() {
        return "NamedWallet[" + id + "]";
    }
}
