package io.antelopekit.devnet;

import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.AccountCreationPluginConfig;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.session.CreateAccountContext;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionException;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates accounts on a devnet (or any chain where the creator may): sends {@code eosio::newaccount}
 * signed by a creator's key, with the requested public key as owner and active key, or a new K1
 * key pair whose private key is in the answer.
 *
 * <pre>{@code
 * SessionKit kit = SessionKit.builder()...
 *         .accountCreationPlugins(DevnetAccountCreationPlugin.of(DevAccount.of("eosio")).forChains(devnet.chainId()))
 *         .build();
 * kit.createAccount(CreateAccountOptions.DEFAULT.withAccountName("newuser1"))
 *         .subscribe(r -> System.out.println(r.accountName() + " " + r.publicKey()));
 * }</pre>
 */
public final class DevnetAccountCreationPlugin implements AccountCreationPlugin {

    /** The plugin's id. */
    public static final String ID = "devnet";

    private static final Name EOSIO = Name.from("eosio");
    private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz12345".toCharArray();

    private final Name creator;
    private final PrivateKey creatorKey;
    private final AccountCreationPluginConfig config;

    private DevnetAccountCreationPlugin(Name creator, PrivateKey creatorKey, AccountCreationPluginConfig config) {
        this.creator = creator;
        this.creatorKey = creatorKey;
        this.config = config;
    }

    /** A plugin creating accounts as the dev account {@code creator} (e.g. {@code DevAccount.of("eosio")}). */
    public static DevnetAccountCreationPlugin of(DevAccount creator) {
        Objects.requireNonNull(creator, "creator");
        return of(creator.name(), creator.privateKey());
    }

    /** A plugin creating accounts as {@code creator}, signing for {@code creator@active} with {@code key}. */
    public static DevnetAccountCreationPlugin of(Name creator, PrivateKey key) {
        return new DevnetAccountCreationPlugin(Objects.requireNonNull(creator, "creator"),
                Objects.requireNonNull(key, "key"), AccountCreationPluginConfig.DEFAULT);
    }

    /**
     * This plugin, for these chains only; with exactly one chain the user is never asked to pick it.
     */
    public DevnetAccountCreationPlugin forChains(Checksum256... chainIds) {
        List<Checksum256> ids = List.of(chainIds);
        return new DevnetAccountCreationPlugin(creator, creatorKey, new AccountCreationPluginConfig(ids.size() != 1, ids));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Devnet account creator";
    }

    @Override
    public AccountCreationPluginConfig config() {
        return config;
    }

    /**
     * Creates {@code context.accountName()} (a random 12-letter name when {@code null}) with
     * {@code context.publicKey()} (a new key pair when {@code null}) on {@code context.chain()}.
     *
     * @return the account; the node's refusal (name taken, ...) as the chain client's typed error
     */
    @Override
    public Mono<CreateAccountResponse> create(CreateAccountContext context) {
        Objects.requireNonNull(context, "context");
        return Mono.defer(() -> {
            if (context.chain() == null || context.client() == null) {
                return Mono.error(new SessionException(ID + " account creation needs a chain"));
            }
            Name name = context.accountName() != null ? context.accountName() : randomName();
            Mono<PrivateKey> newKey = context.publicKey() != null ? Mono.empty()
                    // SecureRandom may read the OS's entropy: off the event loop
                    : Mono.fromCallable(() -> PrivateKey.generate(KeyType.K1)).subscribeOn(Schedulers.boundedElastic());
            return newKey.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(generated -> {
                PublicKey key = generated.map(PrivateKey::toPublic).orElse(context.publicKey());
                PermissionLevel auth = new PermissionLevel(creator, Name.from("active"));
                Session session = Session.builder()
                        .chain(context.chain())
                        .client(context.client())
                        .permissionLevel(auth)
                        .walletPlugin(WalletPluginPrivateKey.of(creatorKey))
                        .abi(EOSIO, EosioAbi.ABI)
                        .build();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("creator", creator.toString());
                data.put("name", name.toString());
                data.put("owner", authority(key));
                data.put("active", authority(key));
                return session.transact(TransactArgs.of(ActionRequest.of("eosio", "newaccount", List.of(auth), data)))
                        .map(result -> new CreateAccountResponse(context.chain(), name, key, generated.orElse(null)));
            });
        });
    }

    private static Map<String, Object> authority(PublicKey key) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("threshold", 1);
        a.put("keys", List.of(Map.of("key", key.toString(), "weight", 1)));
        a.put("accounts", List.of());
        a.put("waits", List.of());
        return a;
    }

    private static Name randomName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            // a letter first, then letters and digits 1-5
            c[i] = NAME_CHARS[random.nextInt(i == 0 ? 26 : NAME_CHARS.length)];
        }
        return Name.from(new String(c));
    }

    @Override
    public String toString() {
        return "DevnetAccountCreationPlugin[creator=" + creator + ", chains=" + config.supportedChains() + "]";
    }

    /** The devnet's {@code eosio} ABI, compiled once on first use. */
    private static final class EosioAbi {
        static final Abi ABI = Abi.from(Resources.eosioAbi());
    }
}
