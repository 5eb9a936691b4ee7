package com.example.shop;

import com.example.shop.contracts.EosioToken;
import com.example.shop.contracts.Kittest;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.UInt128;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.TransactResult;
import io.antelopekit.session.Session;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The shop of docs/contracts.md: sellers list items in the kittest contract's {@code items} table
 * (scope {@code shop}), buyers find them by seller or by price through the table's secondary
 * indexes, pay with an {@code eosio.token} transfer, and ask the contract's read-only
 * {@code stats} action for a seller's figures. Everything goes through the classes the
 * antelopekit-maven-plugin generated from the two ABIs in {@code src/main/antelope}.
 *
 * <pre>
 * mvn -B -q compile exec:java@shop
 * </pre>
 */
public final class Shop {

    private static final Logger log = LoggerFactory.getLogger(Shop.class);

    /** The scope of the contract's items table that holds the shop. */
    static final Name SHOP = Name.from("shop");
    /** The devnet's token. */
    static final Symbol EOS = Symbol.from("4,EOS");

    private final Session session;
    private final Kittest kittest;
    private final EosioToken token;

    Shop(Session session) {
        this.session = session;
        this.kittest = new Kittest(session.client());
        this.token = new EosioToken(session.client());
    }

    /** Lists an item of the session's account at a price, with its id and label. */
    Mono<TransactResult> list(long id, double price, String label, List<String> tags) {
        Checksum256 hash = Checksum256.hash(label.getBytes(StandardCharsets.UTF_8));
        Kittest.Setitem item = new Kittest.Setitem(SHOP, id, session.actor(), price, hash, UInt128.of(id), label, tags,
                Optional.empty(), new Kittest.Payload.String("listed by " + session.actor()), Optional.empty());
        return session.transact(kittest.setitem(item));
    }

    /** The items a seller lists, by id. */
    Flux<Kittest.Item> itemsOf(Name seller) {
        return kittest.items(SHOP).byOwner().from(seller).to(seller).rows();
    }

    /** The items that cost at most {@code max}, the dearest first. */
    Flux<Kittest.Item> atMost(double max) {
        return kittest.items(SHOP).byPrice().to(max).reverse(true).rows();
    }

    /** A seller's count of items, their total price and the dearest one, from the read-only action. */
    Mono<Kittest.StatsResult> stats(Name seller) {
        return kittest.statsReadOnly(SHOP, seller);
    }

    /** Pays the seller of an item its price, in EOS, with a token transfer. */
    Mono<TransactResult> buy(Kittest.Item item) {
        Asset price = Asset.of(Math.round(item.price() * 10_000), EOS);
        return session.transact(token.transfer(session.actor(), item.owner(), price, "item " + item.id()));
    }

    /** The account's balance of the token. */
    Mono<Asset> balance(Name account) {
        return token.accounts(account).all().next().map(EosioToken.Account::balance);
    }

    static Session session(Devnet devnet, ChainClient client, String account) {
        return Session.builder()
                .chain(ChainDefinition.of(devnet.chainId(), devnet.url()))
                .client(client)
                .actor(account).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(account).privateKey()))
                .build();
    }

    public static void main(String[] args) {
        try (Devnet devnet = Devnet.builder().start()) {
            ChainClient client = ChainClient.create(devnet.url());
            Shop bob = new Shop(session(devnet, client, "bob"));
            Shop alice = new Shop(session(devnet, client, "alice"));
            Flux<TransactResult> listed = Flux.concat(
                    bob.list(1, 12.5, "lamp", List.of("light")),
                    bob.list(2, 40.0, "chair", List.of("wood", "seat")),
                    bob.list(3, 7.25, "mug", List.of()));
            Mono<Void> shopping = listed.then(alice.atMost(20.0).next())
                    .doOnNext(item -> log.info("alice found {} ({}) at {}", item.label(), item.id(), item.price()))
                    .flatMap(alice::buy)
                    .then(bob.stats(Name.from("bob")))
                    .doOnNext(s -> log.info("bob lists {} items worth {} in all, the dearest is {}", s.count(), s.total(),
                            s.top().map(String::valueOf).orElse("none")))
                    .thenMany(bob.itemsOf(Name.from("bob")))
                    .doOnNext(item -> log.info("bob's item {}: {} {}", item.id(), item.label(), item.tags()))
                    .then(bob.balance(Name.from("bob")))
                    .doOnNext(balance -> log.info("bob's balance: {}", balance))
                    .then();
            shopping.block(Duration.ofMinutes(1));
            client.dispose();
            log.info("done");
        }
    }
}
