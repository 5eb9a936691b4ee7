package io.antelopekit.example.webapp;

import io.antelopekit.session.RestoreArgs;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.spring.security.AntelopePrincipal;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The signed-in user's session: their account on the chain with their own wallet app (the ESR
 * wallet) as its signer, restored from the kit's storage, or stored there at first use after the
 * sign-in. The service holds no key of theirs: every transaction is a signing request shown on
 * their page.
 */
@Component
class UserSessions {

    private final SessionKit kit;

    UserSessions(SessionKit kit) {
        this.kit = kit;
    }

    /** The session of {@code who}, signed through the ESR wallet. */
    Mono<Session> session(AntelopePrincipal who) {
        SerializedSession stored = new SerializedSession(who.chainId().toString(),
                who.permissionLevel().actor().toString(), who.permissionLevel().permission().toString(),
                new SerializedSession.WalletData(WalletPluginSigningRequest.ID, null), null, false);
        // the stored session, or (first use) one built from these arguments and stored
        return kit.restore(RestoreArgs.of(stored));
    }

    /** Forgets the stored session of {@code who} (at sign-out). */
    Mono<Void> forget(AntelopePrincipal who) {
        SerializedSession stored = new SerializedSession(who.chainId().toString(),
                who.permissionLevel().actor().toString(), who.permissionLevel().permission().toString(),
                new SerializedSession.WalletData(WalletPluginSigningRequest.ID, null), null, false);
        return kit.logout(stored);
    }
}
