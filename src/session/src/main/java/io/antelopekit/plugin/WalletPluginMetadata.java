package io.antelopekit.plugin;

import java.util.Objects;

/**
 * How a wallet presents itself to users; every field but {@code name} may be {@code null}.
 *
 * @param name the wallet's display name
 * @param description a short description
 * @param logo a logo (URL or data URI)
 * @param homepage the wallet's home page
 * @param download where to get the wallet
 */
public record WalletPluginMetadata(String name, String description, String logo, String homepage, String download) {

    public WalletPluginMetadata {
        Objects.requireNonNull(name, "name");
    }

    /** Metadata with a name only. */
    public static WalletPluginMetadata of(String name) {
        return new WalletPluginMetadata(name, null, null, null, null);
    }
}
