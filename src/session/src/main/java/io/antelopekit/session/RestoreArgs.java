package io.antelopekit.session;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;

import java.util.Objects;

/**
 * Which stored session {@link SessionKit#restore(RestoreArgs)} brings back: on {@code chain}, the
 * one matching the given actor, permission and wallet id (the chain's default among several), or
 * the chain's default when none is given.
 *
 * <pre>{@code
 * kit.restore(RestoreArgs.of(chainId).withActor("bob").withPermission("active"))
 * }</pre>
 *
 * @param chain the chain
 * @param actor the account, or {@code null}
 * @param permission the permission, or {@code null}
 * @param walletPlugin the wallet id, or {@code null}
 * @param setAsDefault whether the restored session becomes its chain's default and the current
 *     session (false: the stored defaults are left as they are)
 */
public record RestoreArgs(Checksum256 chain, Name actor, Name permission, String walletPlugin, boolean setAsDefault) {

    public RestoreArgs {
        Objects.requireNonNull(chain, "chain");
    }

    /** The default session of {@code chain}. */
    public static RestoreArgs of(Checksum256 chain) {
        return new RestoreArgs(chain, null, null, null, false);
    }

    /** Exactly this stored session. */
    public static RestoreArgs of(SerializedSession session) {
        Objects.requireNonNull(session, "session");
        return new RestoreArgs(Checksum256.from(session.chain()), Name.from(session.actor()),
                Name.from(session.permission()), session.walletPlugin().id(), false);
    }

    public RestoreArgs withActor(String actor) {
        return withActor(Name.from(actor));
    }

    public RestoreArgs withActor(Name actor) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, setAsDefault);
    }

    public RestoreArgs withPermission(String permission) {
        return withPermission(Name.from(permission));
    }

    public RestoreArgs withPermission(Name permission) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, setAsDefault);
    }

    public RestoreArgs withWalletPlugin(String id) {
        return new RestoreArgs(chain, actor, permission, id, setAsDefault);
    }

    public RestoreArgs withSetAsDefault(boolean setAsDefault) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, setAsDefault);
    }
}
