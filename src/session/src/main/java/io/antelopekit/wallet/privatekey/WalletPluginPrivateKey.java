package io.antelopekit.wallet.privatekey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.session.SessionException;
import io.antelopekit.plugin.TransactContext;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A wallet holding one or more private keys and signing locally. With one key it signs with it;
 * with several it asks the chain ({@code get_required_keys}) which of them the transaction needs.
 * Its {@link #data()} holds no key unless built with {@link #withKeysSerialized()}.
 *
 * <pre>{@code
 * WalletPlugin wallet = WalletPluginPrivateKey.of(PrivateKey.from("PVT_K1_..."));
 * }</pre>
 */
public final class WalletPluginPrivateKey implements WalletPlugin {

    /** The id, as WharfKit names this wallet. */
    public static final String ID = "wallet-plugin-privatekey";

    private static final WalletPluginMetadata METADATA = new WalletPluginMetadata("Private Key Signer",
            "An unsecured wallet that signs with private keys held in memory.", null, null, null);
    // the chain is chosen by the user; the account too when the login does not name it (WharfKit's
    // wallet requires the login to name it, and fails otherwise: asking is friendlier)
    private static final WalletPluginConfig CONFIG = new WalletPluginConfig(true, false, true, List.of());

    private final Map<PublicKey, PrivateKey> keys;
    private final boolean serializeKeys;

    private WalletPluginPrivateKey(Map<PublicKey, PrivateKey> keys, boolean serializeKeys) {
        this.keys = keys;
        this.serializeKeys = serializeKeys;
    }

    /**
     * A wallet with these keys.
     *
     * @throws IllegalArgumentException if no key is given
     */
    public static WalletPluginPrivateKey of(PrivateKey... keys) {
        return of(List.of(keys));
    }

    /** A wallet with these keys (at least one). */
    public static WalletPluginPrivateKey of(List<PrivateKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("WalletPluginPrivateKey needs at least one private key");
        }
        Map<PublicKey, PrivateKey> map = new LinkedHashMap<>();
        for (PrivateKey k : keys) {
            map.put(Objects.requireNonNull(k, "key").toPublic(), k);
        }
        // loads the optional native K1 signer (it extracts a file, once per JVM) where wallets are
        // built, usually at startup, rather than at the first signature, which may run on an event loop
        PrivateKey.nativeSigning();
        return new WalletPluginPrivateKey(Map.copyOf(map), false);
    }

    /** This wallet, with its keys written into {@link #data()} (as WharfKit's {@code privateKey}). */
    public WalletPluginPrivateKey withKeysSerialized() {
        return new WalletPluginPrivateKey(keys, true);
    }

    /** The public keys this wallet signs with. */
    public List<PublicKey> publicKeys() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public WalletPluginConfig config() {
        return CONFIG;
    }

    @Override
    public WalletPluginMetadata metadata() {
        return METADATA;
    }

    @Override
    public Mono<WalletPluginLoginResponse> login(LoginContext context) {
        return Mono.fromSupplier(() -> {
            if (context.chain() == null) {
                throw new SessionException(ID + " login needs a chain");
            }
            PermissionLevel level = context.permissionLevel();
            if (level == null) {
                throw new SessionException(ID + " login needs a permission level");
            }
            return new WalletPluginLoginResponse(context.chain().id(), level, null);
        });
    }

    @Override
    public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
        Checksum256 chainId = context.chain().id();
        if (keys.size() == 1) {
            return Mono.fromSupplier(() -> WalletPluginSignResponse.of(
                    List.of(keys.values().iterator().next().signDigest(transaction.signingDigest(chainId)))));
        }
        return context.client().getRequiredKeys(transaction, keys.keySet()).map(required -> {
            Checksum256 digest = transaction.signingDigest(chainId);
            List<Signature> out = new ArrayList<>();
            for (PublicKey k : required.requiredKeys()) {
                PrivateKey key = keys.get(k);
                if (key != null) {
                    out.add(key.signDigest(digest));
                }
            }
            return WalletPluginSignResponse.of(out);
        });
    }

    @Override
    public Mono<PublicKey> retrievePublicKey(Checksum256 chainId) {
        return Mono.just(keys.keySet().iterator().next());
    }

    @Override
    public JsonNode data() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (serializeKeys) {
            if (keys.size() == 1) {
                o.put("privateKey", keys.values().iterator().next().toSecretString());
            } else {
                ArrayNode a = o.putArray("privateKeys");
                keys.values().forEach(k -> a.add(k.toSecretString()));
            }
        }
        return o;
    }

    @Override
    public String toString() {
        return "WalletPluginPrivateKey" + keys.keySet();
    }

    /** Rebuilds the wallet from its serialized data, found by {@link java.util.ServiceLoader}. */
    public static final class Factory implements WalletPluginFactory {

        @Override
        public String id() {
            return ID;
        }

        /**
         * @throws SessionException if the data holds no key (it was serialized without opting in)
         */
        @Override
        public WalletPlugin restore(JsonNode data) {
            List<PrivateKey> keys = new ArrayList<>();
            if (data != null && data.hasNonNull("privateKey")) {
                keys.add(PrivateKey.from(data.get("privateKey").asText()));
            }
            if (data != null && data.has("privateKeys")) {
                data.get("privateKeys").forEach(k -> keys.add(PrivateKey.from(k.asText())));
            }
            if (keys.isEmpty()) {
                throw new SessionException(ID + " data holds no private key (it was serialized without "
                        + "withKeysSerialized()); give the keys again");
            }
            return of(keys).withKeysSerialized();
        }
    }
}
