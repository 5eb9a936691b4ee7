package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.UserInterface;

import java.util.List;
import java.util.Objects;

/**
 * What a login knows when a wallet or a login plugin is called.
 *
 * @param appName the application's name
 * @param chains the chains to choose from
 * @param chain the chain chosen so far, or {@code null}
 * @param permissionLevel the permission chosen so far, or {@code null}
 * @param ui the user interface, or {@code null}
 * @param arbitrary application data passed to the login, or {@code null}
 */
public record LoginContext(String appName, List<ChainDefinition> chains, ChainDefinition chain,
        PermissionLevel permissionLevel, UserInterface ui, JsonNode arbitrary) {

    public LoginContext {
        chains = List.copyOf(Objects.requireNonNull(chains, "chains"));
    }
}
