package io.antelopekit.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;

import java.util.Objects;

/**
 * Which session {@link SessionKit#restore(RestoreArgs)} brings back: on {@code chain}, the stored
 * one matching the given actor, permission and wallet id (the chain's default among several), or
 * the chain's default when none is given. When no stored session matches and the arguments name
 * actor, permission and wallet, the session is built from the arguments alone, as WharfKit's
 * {@code restore(args)} does (for instance a session handed over from another device or kit):
 *
 * <pre>{@code
 * kit.restore(RestoreArgs.of(chainId).withActor("bob").withPermission("active"))
 * kit.restore(RestoreArgs.of(chainId).withActor("bob").withPermission("active")
 *         .withWalletPlugin("wallet-plugin-privatekey", walletData))   // also when nothing is stored
 * }</pre>
 *
 * @param chain the chain
 * @param actor the account, or {@code null}
 * @param permission the permission, or {@code null}
 * @param walletPlugin the wallet id, or {@code null}
 * @param walletData the wallet's data (its {@code walletPlugin.data} in WharfKit's stored JSON), or
 *     {@code null}; when given it replaces a matching stored session's wallet data
 * @param data the session's application data, used only when the session is built from these
 *     arguments (a stored match keeps its own), or {@code null}
 * @param setAsDefault whether the restored session becomes its chain's default and the current
 *     session (false: the stored defaults are left as they are)
 */
public record RestoreArgs(Checksum256 chain, Name actor, Name permission, String walletPlugin, JsonNode walletData,
        JsonNode data, boolean setAsDefault) {

    public RestoreArgs {
        Objects.requireNonNull(chain, "chain");
        walletData = walletData == null || walletData.isNull() ? null : walletData.deepCopy();
        data = data == null || data.isNull() ? null : data.deepCopy();
    }

    /** The default session of {@code chain}. */
    public static RestoreArgs of(Checksum256 chain) {
        return new RestoreArgs(chain, null, null, null, null, null, false);
    }

    /**
     * Exactly this session: the stored one of its chain, actor, permission and wallet id, or,
     * when none is stored, one built from {@code session} itself (wallet data and application
     * data included).
     */
    public static RestoreArgs of(SerializedSession session) {
        Objects.requireNonNull(session, "session");
        return new RestoreArgs(Checksum256.from(session.chain()), Name.from(session.actor()),
                Name.from(session.permission()), session.walletPlugin().id(), session.walletPlugin().data(),
                session.data(), false);
    }

    public RestoreArgs withActor(String actor) {
        return withActor(Name.from(actor));
    }

    public RestoreArgs withActor(Name actor) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, walletData, data, setAsDefault);
    }

    public RestoreArgs withPermission(String permission) {
        return withPermission(Name.from(permission));
    }

    public RestoreArgs withPermission(Name permission) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, walletData, data, setAsDefault);
    }

    /** The wallet by id; its data stays as given before (none by default). */
    public RestoreArgs withWalletPlugin(String id) {
        return new RestoreArgs(chain, actor, permission, id, walletData, data, setAsDefault);
    }

    /**
     * The wallet by id with its data, WharfKit's {@code walletPlugin: {id, data}}: the data the
     * wallet's {@link io.antelopekit.plugin.WalletPluginFactory} rebuilds it from.
     */
    public RestoreArgs withWalletPlugin(String id, JsonNode walletData) {
        return new RestoreArgs(chain, actor, permission, id, walletData, data, setAsDefault);
    }

    /** The application data of a session built from these arguments. */
    public RestoreArgs withData(JsonNode data) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, walletData, data, setAsDefault);
    }

    public RestoreArgs withSetAsDefault(boolean setAsDefault) {
        return new RestoreArgs(chain, actor, permission, walletPlugin, walletData, data, setAsDefault);
    }

    /** Whether these arguments alone describe a session: actor, permission and wallet are given. */
    public boolean isComplete() {
        return actor != null && permission != null && walletPlugin != null;
    }
}
