package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.TransactPlugin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transact runs with: the transact plugins in order, the expiration, whether hooks and
 * the wallet may change the transaction, and the plugins' options by plugin id. A session holds
 * its defaults; {@link #with(TransactOptions)} lays a call's options over them.
 */
record TransactSettings(List<TransactPlugin> plugins, int expireSeconds, boolean allowModify,
        Map<String, JsonNode> pluginOptions) {

    TransactSettings {
        plugins = List.copyOf(plugins);
        pluginOptions = Map.copyOf(pluginOptions);
    }

    /**
     * These settings with what {@code options} set: its plugins, expiration and modification rule
     * where given; its plugin options replace those of the same plugin, the others are kept.
     */
    TransactSettings with(TransactOptions options) {
        Map<String, JsonNode> merged = pluginOptions;
        if (!options.transactPluginsOptions().isEmpty()) {
            Map<String, JsonNode> m = new HashMap<>(pluginOptions);
            m.putAll(options.transactPluginsOptions());
            merged = m;
        }
        return new TransactSettings(
                options.transactPlugins() != null ? options.transactPlugins() : plugins,
                options.expireSeconds() != null ? options.expireSeconds() : expireSeconds,
                options.allowModify() != null ? options.allowModify() : allowModify,
                merged);
    }
}
