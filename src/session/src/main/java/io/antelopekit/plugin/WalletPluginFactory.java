package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rebuilds a wallet from the data a serialized session holds. Registered in
 * {@code META-INF/services/io.antelopekit.plugin.WalletPluginFactory}, chosen by {@link #id()}.
 */
public interface WalletPluginFactory {

    /** The id of the wallets this factory builds. */
    String id();

    /**
     * A new wallet instance from its serialized data.
     *
     * @param data what {@link WalletPlugin#data()} gave
     * @return a new wallet; never shared between sessions
     */
    WalletPlugin restore(JsonNode data);
}
