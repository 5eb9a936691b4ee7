package io.antelopekit.transact;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.plugin.WalletPluginSignResponse;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.plugin.TransactContext;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A devnet with a payer account: {@code payer@cosign} holds {@link #COSIGN_KEY} and is linked to
 * {@code greymassnoop::noop} only (as a real resource payer sets it up), {@code payer@active} is
 * its dev key. Sessions for the dev accounts, and a wallet and a signer that count their calls.
 */
final class TransactFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final PrivateKey COSIGN_KEY = PrivateKey.generate(KeyType.K1);
    static final PermissionLevel PAYER_COSIGN = PermissionLevel.from("payer@cosign");
    static final PermissionLevel PAYER_ACTIVE = PermissionLevel.from("payer@active");
    static final Name TOKEN = Name.from("eosio.token");

    final Devnet devnet;
    final ChainClient client;
    final ChainDefinition chain;

    TransactFixtures() {
        Genesis genesis = Genesis.defaults().mutate().account("payer").balance("payer", "500.0000 EOS").build();
        devnet = Devnet.builder().genesis(genesis).manualBlockProduction().start();
        client = ChainClient.create(devnet.url());
        chain = ChainDefinition.of(devnet.chainId(), devnet.url());
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("threshold", 1);
        auth.put("keys", List.of(Map.of("key", COSIGN_KEY.toPublic().toString(), "weight", 1)));
        auth.put("accounts", List.of());
        auth.put("waits", List.of());
        session("payer").transact(TransactArgs.of(
                ActionRequest.of("eosio", "updateauth", List.of(PAYER_ACTIVE),
                        Map.of("account", "payer", "permission", "cosign", "parent", "active", "auth", auth)),
                ActionRequest.of("eosio", "linkauth", List.of(PAYER_ACTIVE),
                        Map.of("account", "payer", "code", "greymassnoop", "type", "noop", "requirement", "cosign"))))
                .block(TIMEOUT);
        devnet.produceBlock().block(TIMEOUT);
    }

    void close() {
        client.dispose();
        devnet.stop();
    }

    Session.Builder sessionBuilder(String account, WalletPlugin wallet) {
        return Session.builder().chain(chain).client(client).actor(account).permission("active").walletPlugin(wallet);
    }

    Session session(String account) {
        return sessionBuilder(account, WalletPluginPrivateKey.of(DevAccount.of(account).privateKey())).build();
    }

    long balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().isEmpty() ? 0L : b.balances().get(0).units()).block(TIMEOUT);
    }

    static ActionRequest transfer(String from, String to, String quantity) {
        return ActionRequest.of("eosio.token", "transfer", List.of(PermissionLevel.of(from, "active")),
                Map.of("from", from, "to", to, "quantity", quantity, "memo", "m" + System.nanoTime()));
    }

    static long units(String quantity) {
        return Asset.from(quantity).units();
    }

    /** A private-key wallet that counts the transactions it was asked to sign. */
    static final class CountingWallet implements WalletPlugin {
        final WalletPluginPrivateKey inner;
        final AtomicInteger signs = new AtomicInteger();

        CountingWallet(PrivateKey key) {
            this.inner = WalletPluginPrivateKey.of(key);
        }

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public WalletPluginMetadata metadata() {
            return inner.metadata();
        }

        @Override
        public Mono<WalletPluginLoginResponse> login(LoginContext context) {
            return inner.login(context);
        }

        @Override
        public Mono<WalletPluginSignResponse> sign(Transaction transaction, TransactContext context) {
            return Mono.defer(() -> {
                signs.incrementAndGet();
                return inner.sign(transaction, context);
            });
        }

        @Override
        public Mono<PublicKey> retrievePublicKey(io.antelopekit.chain.Checksum256 chainId) {
            return inner.retrievePublicKey(chainId);
        }
    }

    /** A payer signer function with {@code key} that counts its calls. */
    static final class CountingSigner implements BiFunction<Transaction, TransactContext, Mono<List<Signature>>> {
        final PrivateKey key;
        final AtomicInteger signs = new AtomicInteger();

        CountingSigner(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Mono<List<Signature>> apply(Transaction t, TransactContext c) {
            return Mono.fromSupplier(() -> {
                signs.incrementAndGet();
                return List.of(key.signDigest(t.signingDigest(c.chain().id())));
            });
        }
    }
}
