package io.antelopekit.session;

import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;

/**
 * A {@link SessionKit}'s logouts: the sessions removed from storage first, then their wallets'
 * {@code logout}, awaited, then the events. See {@link SessionKit#logout()}.
 */
final class Logout {

    private final String appName;
    private final KitChains chains;
    private final KitWallets wallets;
    private final UserInterface ui;
    private final StoredSessions stored;
    private final KitEvents events;

    Logout(String appName, KitChains chains, KitWallets wallets, UserInterface ui, StoredSessions stored,
            KitEvents events) {
        this.appName = appName;
        this.chains = Objects.requireNonNull(chains, "chains");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.ui = ui;
        this.stored = Objects.requireNonNull(stored, "stored");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Logs out every stored session of a registered wallet; the others stay stored. */
    Mono<Void> all() {
        return stored.removeAll(s -> wallets.registered(s.walletPlugin().id()))
                .flatMapMany(Flux::fromIterable)
                .flatMapDelayError(s -> walletLogout(s, wallets.find(s.walletPlugin().id()))
                        .then(Mono.fromRunnable(() -> events.loggedOut(s))), 16, 16)
                .then();
    }

    /**
     * Logs out the session {@code target}: removed from storage, then {@code wallet} (if not
     * null) logs out.
     */
    Mono<Void> one(SerializedSession target, WalletPlugin wallet) {
        Objects.requireNonNull(target, "target");
        return Mono.defer(() -> stored.remove(StoredSessions.Key.of(target))
                .flatMap(removed -> (wallet == null ? Mono.<Void>empty() : walletLogout(target, wallet))
                        .then(Mono.fromRunnable(() -> events.loggedOut(removed.orElse(target))))));
    }

    /** Logs out the session {@code target} with the registered wallet of its id, if any. */
    Mono<Void> one(SerializedSession target) {
        Objects.requireNonNull(target, "target");
        return Mono.defer(() -> one(target, wallets.find(target.walletPlugin().id())));
    }

    private Mono<Void> walletLogout(SerializedSession s, WalletPlugin wallet) {
        StoredSessions.Key key = StoredSessions.Key.of(s);
        KitChains.Chain chain = chains.find(key.chain());
        int index = wallets.indexOf(wallet.id());
        LoginContext context = new DefaultLoginContext(appName, chains.definitions(),
                chain == null ? null : chain.definition(), new PermissionLevel(key.actor(), key.permission()), ui,
                null, wallets.plugins(), index < 0 ? null : index,
                LoginContext.Requirements.NONE, List.of(), chain == null ? null : chain.client());
        return Mono.defer(() -> wallet.logout(context));
    }
}
