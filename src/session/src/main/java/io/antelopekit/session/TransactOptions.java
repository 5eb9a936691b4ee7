package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import io.antelopekit.plugin.TransactPlugin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one {@link Session#transact} call; {@code null} fields take the session's settings.
 *
 * <pre>{@code
 * session.transact(args, TransactOptions.DEFAULT.withBroadcast(false))
 * }</pre>
 *
 * @param broadcast whether to send the transaction (default true)
 * @param expireSeconds seconds until expiration, or {@code null} for the session's
 * @param allowModify whether plugins may change the transaction, or {@code null} for the session's
 * @param transactPlugins plugins replacing the session's, or {@code null}
 * @param transactPluginsOptions options per plugin id
 * @param abis contracts' ABIs used by this call before the session's cache (never fetched)
 */
public record TransactOptions(boolean broadcast, Integer expireSeconds, Boolean allowModify,
        List<TransactPlugin> transactPlugins, Map<String, JsonNode> transactPluginsOptions, Map<Name, Abi> abis) {

    /** Broadcast, the session's settings. */
    public static final TransactOptions DEFAULT = new TransactOptions(true, null, null, null, Map.of(), Map.of());

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException if {@code expireSeconds} is not positive
     */
    public TransactOptions {
        transactPlugins = transactPlugins == null ? null : List.copyOf(transactPlugins);
        transactPluginsOptions = transactPluginsOptions == null ? Map.of() : Map.copyOf(transactPluginsOptions);
        abis = abis == null ? Map.of() : Map.copyOf(abis);
        if (expireSeconds != null && expireSeconds <= 0) {
            throw new IllegalArgumentException("expireSeconds must be positive, got " + expireSeconds);
        }
    }

    public TransactOptions withBroadcast(boolean broadcast) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions, abis);
    }

    public TransactOptions withExpireSeconds(int expireSeconds) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions, abis);
    }

    public TransactOptions withAllowModify(boolean allowModify) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions, abis);
    }

    public TransactOptions withTransactPlugins(List<TransactPlugin> plugins) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, plugins, transactPluginsOptions, abis);
    }

    /** These options with {@code options} given to the plugin {@code pluginId}. */
    public TransactOptions withTransactPluginOptions(String pluginId, JsonNode options) {
        Map<String, JsonNode> all = new HashMap<>(transactPluginsOptions);
        all.put(Objects.requireNonNull(pluginId, "pluginId"), Objects.requireNonNull(options, "options"));
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, all, abis);
    }

    /** These options with {@code contract}'s ABI, used by this call instead of fetching it. */
    public TransactOptions withAbi(Name contract, Abi abi) {
        Map<Name, Abi> all = new HashMap<>(abis);
        all.put(Objects.requireNonNull(contract, "contract"), Objects.requireNonNull(abi, "abi"));
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions, all);
    }
}
