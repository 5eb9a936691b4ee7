package io.antelopekit.session;

import io.antelopekit.plugin.LoginContext;
import io.antelopekit.chain.ChainDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one {@link SessionKit#login(LoginOptions)}; what is given here is not asked of the
 * user.
 *
 * <pre>{@code
 * kit.login(LoginOptions.builder().chain(chainId).permissionLevel("alice@active").build())
 * }</pre>
 *
 * @param chain the chain to log in on, or {@code null}
 * @param chains the chains to choose from (a subset of the kit's), or {@code null} for all
 * @param permissionLevel the account and permission, or {@code null}
 * @param walletPlugin the id of the wallet to use, or {@code null}
 * @param setAsDefault whether the new session becomes its chain's default and the current session (default true)
 * @param arbitrary application data passed to the wallet and plugins in the {@link LoginContext}, or {@code null}
 * @param loginPlugins login plugins replacing the kit's for this login, or {@code null}
 * @param transactPlugins transact plugins replacing the kit's in the new session, or {@code null}
 * @param transactPluginsOptions options per transact plugin id replacing the kit's in the new session, or
 *     {@code null}
 */
public record LoginOptions(Checksum256 chain, List<Checksum256> chains, PermissionLevel permissionLevel,
        String walletPlugin, boolean setAsDefault, JsonNode arbitrary, List<LoginPlugin> loginPlugins,
        List<TransactPlugin> transactPlugins, Map<String, JsonNode> transactPluginsOptions) {

    /** Nothing preselected; the session becomes the default. */
    public static final LoginOptions DEFAULT = builder().build();

    public LoginOptions {
        chains = chains == null ? null : List.copyOf(chains);
        loginPlugins = loginPlugins == null ? null : List.copyOf(loginPlugins);
        transactPlugins = transactPlugins == null ? null : List.copyOf(transactPlugins);
        transactPluginsOptions = transactPluginsOptions == null ? null : Map.copyOf(transactPluginsOptions);
        if (chains != null && chains.isEmpty()) {
            throw new IllegalArgumentException("chains is empty: give at least one chain id, or none for all");
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder mutate() {
        Builder b = new Builder();
        b.chain = chain;
        b.chains = chains;
        b.permissionLevel = permissionLevel;
        b.walletPlugin = walletPlugin;
        b.setAsDefault = setAsDefault;
        b.arbitrary = arbitrary;
        b.loginPlugins = loginPlugins;
        b.transactPlugins = transactPlugins;
        b.transactPluginsOptions = transactPluginsOptions;
        return b;
    }

    /** Builds {@link LoginOptions}; not thread-safe. */
    public static final class Builder {
        private Checksum256 chain;
        private List<Checksum256> chains;
        private PermissionLevel permissionLevel;
        private String walletPlugin;
        private boolean setAsDefault = true;
        private JsonNode arbitrary;
        private List<LoginPlugin> loginPlugins;
        private List<TransactPlugin> transactPlugins;
        private Map<String, JsonNode> transactPluginsOptions;

        private Builder() {
        }

        public Builder chain(Checksum256 chain) {
            this.chain = chain;
            return this;
        }

        public Builder chain(ChainDefinition chain) {
            this.chain = chain == null ? null : chain.id();
            return this;
        }

        public Builder chains(List<Checksum256> chains) {
            this.chains = chains;
            return this;
        }

        public Builder permissionLevel(PermissionLevel permissionLevel) {
            this.permissionLevel = permissionLevel;
            return this;
        }

        /** The permission as {@code actor@permission}. */
        public Builder permissionLevel(String permissionLevel) {
            this.permissionLevel = permissionLevel == null ? null : PermissionLevel.from(permissionLevel);
            return this;
        }

        /** The id of the wallet to use. */
        public Builder walletPlugin(String id) {
            this.walletPlugin = id;
            return this;
        }

        public Builder setAsDefault(boolean setAsDefault) {
            this.setAsDefault = setAsDefault;
            return this;
        }

        public Builder arbitrary(JsonNode arbitrary) {
            this.arbitrary = arbitrary;
            return this;
        }

        public Builder loginPlugins(LoginPlugin... plugins) {
            this.loginPlugins = List.of(Objects.requireNonNull(plugins, "plugins"));
            return this;
        }

        public Builder transactPlugins(TransactPlugin... plugins) {
            this.transactPlugins = List.of(Objects.requireNonNull(plugins, "plugins"));
            return this;
        }

        public Builder transactPluginsOptions(Map<String, JsonNode> options) {
            this.transactPluginsOptions = options;
            return this;
        }

        public LoginOptions build() {
            return new LoginOptions(chain, chains, permissionLevel, walletPlugin, setAsDefault, arbitrary,
                    loginPlugins, transactPlugins, transactPluginsOptions);
        }
    }
}
