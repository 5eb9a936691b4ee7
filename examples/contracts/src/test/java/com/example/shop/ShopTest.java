package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.contracts.EosioToken;
import com.example.shop.contracts.Kittest;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The shop of docs/contracts.md against the embedded devnet, with BlockHound watching every event loop. */
@ExtendWith(BlockHoundSupport.class)
class ShopTest {

    static final Duration TIMEOUT = Duration.ofMinutes(1);

    static Devnet devnet;
    static ChainClient client;
    static Shop bob;
    static Shop alice;

    @BeforeAll
    static void start() {
        devnet = Devnet.builder().start();
        client = ChainClient.create(devnet.url());
        bob = new Shop(Shop.session(devnet, client, "bob"));
        alice = new Shop(Shop.session(devnet, client, "alice"));
        StepVerifier.create(Flux.concat(
                        bob.list(1, 12.5, "lamp", List.of("light")),
                        bob.list(2, 40.0, "chair", List.of("wood", "seat")),
                        bob.list(3, 7.25, "mug", List.of()),
                        alice.list(4, 19.0, "book", List.of("paper"))))
                .expectNextCount(4).expectComplete().verify(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
        devnet.close();
    }

    @Test
    void theGeneratedClassesFitTheContractsOnTheChain() {
        // src/main/antelope holds copies of the ABIs: they must be what the chain serves
        StepVerifier.create(client.getAbi(Kittest.ACCOUNT).map(r -> AbiDefinition.fromJson(r.abi().toString())))
                .expectNext(Kittest.abi().definition()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(client.getAbi(EosioToken.ACCOUNT).map(r -> AbiDefinition.fromJson(r.abi().toString())))
                .expectNext(EosioToken.abi().definition()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void itemsBySeller() {
        StepVerifier.create(bob.itemsOf(Name.from("bob")).map(Kittest.Item::label))
                .expectNext("lamp", "chair", "mug").expectComplete().verify(TIMEOUT);
        StepVerifier.create(bob.itemsOf(Name.from("alice")).map(Kittest.Item::id))
                .expectNext(4L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void itemsByPriceTheDearestFirst() {
        StepVerifier.create(alice.atMost(20.0).map(Kittest.Item::label))
                .expectNext("book", "lamp", "mug").expectComplete().verify(TIMEOUT);
    }

    @Test
    void aSellersStatsFromTheReadOnlyAction() {
        StepVerifier.create(alice.stats(Name.from("bob")))
                .assertNext(s -> {
                    assertThat(s.count()).isEqualTo(3);
                    assertThat(s.total()).isEqualTo(59.75);
                    assertThat(s.top()).contains(2L);
                })
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void buyingPaysTheSellerThePrice() {
        Asset before = bob.balance(Name.from("bob")).block(TIMEOUT);
        Kittest.Item mug = bob.itemsOf(Name.from("bob")).filter(i -> i.label().equals("mug")).blockFirst(TIMEOUT);
        StepVerifier.create(alice.buy(mug)).expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(bob.balance(Name.from("bob")))
                .expectNext(Asset.of(before.units() + 72_500, before.symbol()))
                .expectComplete().verify(TIMEOUT);
    }
}
