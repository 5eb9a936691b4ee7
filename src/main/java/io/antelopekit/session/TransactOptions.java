package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.TransactPlugin;

import java.util.List;
import java.util.Map;

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
 */
public record TransactOptions(boolean broadcast, Integer expireSeconds, Boolean allowModify,
        List<TransactPlugin> transactPlugins, Map<String, JsonNode> transactPluginsOptions) {

    /** Broadcast, the session's settings. */
    public static final TransactOptions DEFAULT = new TransactOptions(true, null, null, null, Map.of());

    public TransactOptions {
        transactPlugins = transactPlugins == null ? null : List.copyOf(transactPlugins);
        transactPluginsOptions = transactPluginsOptions == null ? Map.of() : Map.copyOf(transactPluginsOptions);
        if (expireSeconds != null && expireSeconds <= 0) {
            throw new IllegalArgumentException("expireSeconds must be positive, got " + expireSeconds);
        }
    }

    public TransactOptions withBroadcast(boolean broadcast) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions);
    }

    public TransactOptions withExpireSeconds(int expireSeconds) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions);
    }

    public TransactOptions withAllowModify(boolean allowModify) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, transactPlugins, transactPluginsOptions);
    }

    public TransactOptions withTransactPlugins(List<TransactPlugin> plugins) {
        return new TransactOptions(broadcast, expireSeconds, allowModify, plugins, transactPluginsOptions);
    }
}
