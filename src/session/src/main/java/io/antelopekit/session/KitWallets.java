package io.antelopekit.session;

import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A {@link SessionKit}'s wallets: the registered {@link WalletPlugin}s, in the order given (the
 * user interface picks one by index), and the {@link WalletPluginFactory}s that rebuild a
 * stored session's wallet from its data. Immutable.
 */
final class KitWallets {

    private final List<WalletPlugin> plugins;
    private final Map<String, WalletPluginFactory> factories;

    KitWallets(List<WalletPlugin> plugins, Map<String, WalletPluginFactory> factories) {
        this.plugins = List.copyOf(plugins);
        this.factories = Map.copyOf(factories);
    }

    /**
     * The factories by id: those {@link ServiceLoader} finds (when {@code serviceLoader}), then
     * {@code given}, a given one replacing a found one of the same id.
     */
    static Map<String, WalletPluginFactory> factories(List<WalletPluginFactory> given, boolean serviceLoader) {
        Map<String, WalletPluginFactory> factories = new HashMap<>();
        if (serviceLoader) {
            for (WalletPluginFactory f : ServiceLoader.load(WalletPluginFactory.class)) {
                factories.putIfAbsent(f.id(), f);
            }
        }
        for (WalletPluginFactory f : given) {
            factories.put(f.id(), f);
        }
        return factories;
    }

    /** The registered wallets, in order (unmodifiable). */
    List<WalletPlugin> plugins() {
        return plugins;
    }

    /** The registered wallet at {@code index}. */
    WalletPlugin get(int index) {
        return plugins.get(index);
    }

    /** The index of the registered wallet {@code id}, or -1. */
    int indexOf(String id) {
        for (int i = 0; i < plugins.size(); i++) {
            if (plugins.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a wallet {@code id} is registered. */
    boolean registered(String id) {
        return indexOf(id) >= 0;
    }

    /** The registered wallet {@code id}, or null. */
    WalletPlugin find(String id) {
        int index = indexOf(id);
        return index < 0 ? null : plugins.get(index);
    }

    /** The registered wallets' ids, in order. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(plugins.size());
        plugins.forEach(w -> ids.add(w.id()));
        return ids;
    }

    /**
     * A stored session's wallet: a new instance its factory rebuilds from {@code data}, or else
     * (no factory, no instance, or data it cannot rebuild from) the registered wallet of its id.
     *
     * @throws UnknownWalletException if there is neither a factory nor a registered wallet of its id
     * @throws SessionException if the factory fails and no wallet of its id is registered
     */
    WalletPlugin rebuild(SerializedSession.WalletData data) {
        String id = data.id();
        WalletPlugin registered = find(id);
        WalletPluginFactory factory = factories.get(id);
        if (factory != null) {
            try {
                WalletPlugin w = factory.restore(data.data());
                if (w != null) {
                    return w;
                }
            } catch (RuntimeException e) {
                if (registered == null) {
                    throw new SessionException("wallet plugin '" + id + "' cannot be rebuilt from its stored data, "
                            + "and no wallet plugin of that id is registered in this kit: " + e.getMessage(), e);
                }
            }
        }
        if (registered != null) {
            return registered;
        }
        throw new UnknownWalletException("wallet plugin '" + id + "' is not registered in this kit (it has "
                + ids() + ") and no WalletPluginFactory of that id was found");
    }
}
