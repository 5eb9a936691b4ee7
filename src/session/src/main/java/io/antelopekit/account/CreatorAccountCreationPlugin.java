package io.antelopekit.account;

import io.antelopekit.chain.Asset;
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
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionException;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates accounts with a creator account's key, on any chain where the application holds one (a
 * devnet's {@code eosio}, a service's own account on a test net or main net): sends
 * {@code eosio::newaccount} signed for {@code creator@active}, with the requested public key as
 * owner and active key, or a new K1 key pair whose private key is in the answer. Where the chain's
 * system contract charges for RAM and stakes CPU and NET, {@link #withRamBytes} and
 * {@link #withStake} add {@code eosio::buyrambytes} and {@code eosio::delegatebw} to the same
 * transaction. The {@code eosio} ABI is read from the chain (once per session kit).
 *
 * <pre>{@code
 * SessionKit kit = SessionKit.builder()...
 *         .accountCreationPlugins(CreatorAccountCreationPlugin.of(Name.from("eosio"), eosioKey).forChains(devnet.chainId()))
 *         .build();
 * kit.createAccount(CreateAccountOptions.DEFAULT.withAccountName("newuser1"))
 *         .subscribe(r -> System.out.println(r.accountName() + " " + r.publicKey()));
 * }</pre>
 */
public final class CreatorAccountCreationPlugin implements AccountCreationPlugin {

    /** The plugin's id. */
    public static final String ID = "creator";

        private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz12345".toCharArray();

    private final Name creator;
    private final PrivateKey creatorKey;
    private final AccountCreationPluginConfig config;
    private final long ramBytes;
    private final Asset stakeNet;
    private final Asset stakeCpu;

    private CreatorAccountCreationPlugin(Name creator, PrivateKey creatorKey, AccountCreationPluginConfig config,
            long ramBytes, Asset stakeNet, Asset stakeCpu) {
        this.creator = creator;
        this.creatorKey = creatorKey;
        this.config = config;
        this.ramBytes = ramBytes;
        this.stakeNet = stakeNet;
        this.stakeCpu = stakeCpu;
    }

    /** A plugin creating accounts as {@code creator}, signing for {@code creator@active} with {@code key}. */
    public static CreatorAccountCreationPlugin of(Name creator, PrivateKey key) {
        return new CreatorAccountCreationPlugin(Objects.requireNonNull(creator, "creator"),
                Objects.requireNonNull(key, "key"), AccountCreationPluginConfig.DEFAULT, 0, null, null);
    }

    /**
     * This plugin, also buying {@code bytes} of RAM for each new account ({@code eosio::buyrambytes},
     * paid by the creator), as chains with a resource market require.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative or above 2^32 - 1
     */
    public CreatorAccountCreationPlugin withRamBytes(long bytes) {
        if (bytes < 0 || bytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ram bytes " + bytes + " is not a uint32");
        }
        return new CreatorAccountCreationPlugin(creator, creatorKey, config, bytes, stakeNet, stakeCpu);
    }

    /**
     * This plugin, also staking {@code net} and {@code cpu} to each new account
     * ({@code eosio::delegatebw}, not transferred), as chains with staked resources require.
     */
    public CreatorAccountCreationPlugin withStake(Asset net, Asset cpu) {
        return new CreatorAccountCreationPlugin(creator, creatorKey, config, ramBytes,
                Objects.requireNonNull(net, "net"), Objects.requireNonNull(cpu, "cpu"));
    }

    /**
     * This plugin, for these chains only; with exactly one chain the user is never asked to pick it.
     */
    public CreatorAccountCreationPlugin forChains(Checksum256... chainIds) {
        List<Checksum256> ids = List.of(chainIds);
        return new CreatorAccountCreationPlugin(creator, creatorKey, new AccountCreationPluginConfig(ids.size() != 1, ids),
                ramBytes, stakeNet, stakeCpu);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Account creator (" + creator + ")";
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
                        .build();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("creator", creator.toString());
                data.put("name", name.toString());
                data.put("owner", authority(key));
                data.put("active", authority(key));
                List<ActionRequest> actions = new ArrayList<>();
                actions.add(ActionRequest.of("eosio", "newaccount", List.of(auth), data));
                if (ramBytes > 0) {
                    Map<String, Object> ram = new LinkedHashMap<>();
                    ram.put("payer", creator.toString());
                    ram.put("receiver", name.toString());
                    ram.put("bytes", ramBytes);
                    actions.add(ActionRequest.of("eosio", "buyrambytes", List.of(auth), ram));
                }
                if (stakeNet != null) {
                    Map<String, Object> stake = new LinkedHashMap<>();
                    stake.put("from", creator.toString());
                    stake.put("receiver", name.toString());
                    stake.put("stake_net_quantity", stakeNet.toString());
                    stake.put("stake_cpu_quantity", stakeCpu.toString());
                    stake.put("transfer", false);
                    actions.add(ActionRequest.of("eosio", "delegatebw", List.of(auth), stake));
                }
                return session.transact(TransactArgs.ofActions(actions))
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
        return "CreatorAccountCreationPlugin[creator=" + creator + ", chains=" + config.supportedChains()
                + (ramBytes > 0 ? ", ramBytes=" + ramBytes : "") + (stakeNet != null ? ", net=" + stakeNet + ", cpu=" + stakeCpu : "") + "]";
    }
}
