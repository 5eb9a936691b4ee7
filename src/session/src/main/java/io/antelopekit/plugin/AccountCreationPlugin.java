package io.antelopekit.plugin;

import reactor.core.publisher.Mono;

/**
 * A service that creates accounts, called by {@code SessionKit.createAccount}.
 *
 * <pre>{@code
 * SessionKit kit = SessionKit.builder()...
 *         .accountCreationPlugins(CreatorAccountCreationPlugin.of(Name.from("eosio"), eosioKey))
 *         .build();
 * kit.createAccount(CreateAccountOptions.builder().accountName("newuser1").build())
 *         .subscribe(r -> System.out.println(r.accountName()));
 * }</pre>
 */
public interface AccountCreationPlugin {

    /** The plugin's stable id (lower case, no spaces), chosen with {@code CreateAccountOptions.pluginId}. */
    String id();

    /** A display name presented to users. */
    String name();

    /** What the kit must ask the user for, and which chains the plugin works with. */
    default AccountCreationPluginConfig config() {
        return AccountCreationPluginConfig.DEFAULT;
    }

    /**
     * Creates an account on {@link CreateAccountContext#chain()}.
     *
     * @param context the chosen chain, its client, and the requested name and key
     * @return the account created
     */
    Mono<CreateAccountResponse> create(CreateAccountContext context);
}
