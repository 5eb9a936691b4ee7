package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PublicKey;
import reactor.core.publisher.Mono;

/**
 * A wallet: logs an account in and signs its transactions. Implementations are found by
 * {@link #id()} through a {@link WalletPluginFactory} registered with {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * WalletPlugin wallet = WalletPluginPrivateKey.of(PrivateKey.from("PVT_K1_..."));
 * Session session = Session.builder().chain(chain).actor("alice").permission("active")
 *         .walletPlugin(wallet).build();
 * }</pre>
 */
public interface WalletPlugin {

    /** The wallet's stable id, as stored in serialized sessions (e.g. {@code wallet-plugin-privatekey}). */
    String id();

    /** What the login must ask the user for. */
    default WalletPluginConfig config() {
        return WalletPluginConfig.DEFAULT;
    }

    /** How the wallet presents itself. */
    WalletPluginMetadata metadata();

    /** Logs in: decides the chain and account. */
    Mono<WalletPluginLoginResponse> login(LoginContext context);

    /**
     * Signs a transaction whose header is complete.
     *
     * @param transaction the transaction to sign
     * @param context the transaction's context (chain, client, permission, UI)
     * @return the signatures, and the transaction when the wallet changed it
     */
    Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context);

    /** Ends the wallet's own session, when it has one; nothing by default. */
    default Mono<Void> logout(LoginContext context) {
        return Mono.empty();
    }

    /** The public key the wallet signs with on {@code chainId}; empty when it cannot tell. */
    default Mono<PublicKey> retrievePublicKey(Checksum256 chainId) {
        return Mono.empty();
    }

    /** The wallet's data persisted with a session (an empty object by default); never a secret unless opted in. */
    default JsonNode data() {
        return JsonNodeFactory.instance.objectNode();
    }
}
