package io.antelopekit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.contract.generated.EosioToken;
import io.antelopekit.contract.generated.Kittest;
import io.antelopekit.contract.generated.Kittest.Item;
import io.antelopekit.contract.generated.Kittest.Payload;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.session.Session;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The classes that antelopekit-maven-plugin generates (in this module's build, from the devnet's
 * ABIs) driving the devnet: a token transfer and balances through the typed table, rows by each
 * secondary index with bounds and reverse, pages that follow next_key, and a read-only action's
 * decoded result.
 */
@ExtendWith(BlockHoundSupport.class)
class GeneratedContractsDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String[] OWNERS = {"alice", "bob", "carol", "dave"};
    static final int ITEMS = 40;
    static final Name SCOPE = Name.from("typed");

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(100)));

    static ChainClient client;
    static Kittest kittest;
    static EosioToken token;

    @BeforeAll
    static void fill() {
        client = ChainClient.create(DEVNET.url());
        kittest = new Kittest(client);
        token = new EosioToken(client);
        List<Flux<?>> sent = new ArrayList<>();
        for (int o = 0; o < OWNERS.length; o++) {
            List<Action> actions = new ArrayList<>();
            for (int i = o; i < ITEMS; i += OWNERS.length) {
                actions.add(kittest.setitem(item(i, OWNERS[o])));
            }
            sent.add(session(OWNERS[o]).transact(actions).flux());
        }
        StepVerifier.create(Flux.concat(sent)).expectNextCount(OWNERS.length).expectComplete().verify(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session session(String actor) {
        return Session.builder().chain(ChainDefinition.of(DEVNET.chainId(), DEVNET.url())).client(client)
                .actor(actor).permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(actor).privateKey())).build();
    }

    static UInt128 rank(long id) {
        return UInt128.of(BigInteger.TWO.pow(70).add(BigInteger.valueOf(id)));
    }

    static Checksum256 hash(long id) {
        return Checksum256.from(String.format("%02x", ITEMS - id) + "11".repeat(31));
    }

    /** Item {@code id} of {@code owner}: its price is id / 4, its variant alternates, every third has a note. */
    static Kittest.Setitem item(int id, String owner) {
        Payload payload = switch (id % 3) {
            case 0 -> new Payload.Uint64(-1L - id);
            case 1 -> new Payload.String("s" + id);
            default -> new Payload.Point3(new Kittest.Point3(id, -id, id * 2));
        };
        return new Kittest.Setitem(SCOPE, id, Name.from(owner), id / 4.0, hash(id), rank(id), "item " + id,
                List.of("a", "b" + id), id % 3 == 0 ? Optional.of("third") : Optional.empty(), payload,
                id % 2 == 0 ? Optional.of((long) id) : Optional.empty());
    }

    static List<Long> ids(Flux<Item> rows) {
        List<Long> out = new ArrayList<>();
        StepVerifier.create(rows.map(Item::id)).recordWith(() -> out).thenConsumeWhile(x -> true)
                .expectComplete().verify(TIMEOUT);
        return out;
    }

    @Test
    void rowsDecodeIntoTheGeneratedRecords() {
        StepVerifier.create(kittest.items(SCOPE).get(5))
                .assertNext(i -> {
                    assertThat(i.owner()).isEqualTo(Name.from("bob"));
                    assertThat(i.price()).isEqualTo(1.25);
                    assertThat(i.hash()).isEqualTo(hash(5));
                    assertThat(i.rank()).isEqualTo(rank(5));
                    assertThat(i.tags()).containsExactly("a", "b5");
                    assertThat(i.note()).isEmpty();
                    assertThat(i.payload()).isEqualTo(new Payload.Point3(new Kittest.Point3(5, -5, 10)));
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(kittest.items(SCOPE).get(6).map(Item::payload))
                .expectNext(new Payload.Uint64(-7L)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void pagesFollowNextKeyWithoutGapsOrRepeats() {
        List<Long> all = LongStream.range(0, ITEMS).boxed().toList();
        assertThat(ids(kittest.items(SCOPE).all())).isEqualTo(all);
        assertThat(ids(kittest.items(SCOPE).query().pageSize(3).rows())).isEqualTo(all);
        assertThat(ids(kittest.items(SCOPE).byPrice().pageSize(7).rows())).as("by price, 7 a page").isEqualTo(all);
        assertThat(ids(kittest.items(SCOPE).byRank().pageSize(4).reverse(true).rows()))
                .isEqualTo(LongStream.range(0, ITEMS).map(i -> ITEMS - 1 - i).boxed().toList());
    }

    @Test
    void rowsByEachSecondaryIndexWithBoundsAndReverse() {
        Kittest.ItemsTable items = kittest.items(SCOPE);
        assertThat(ids(items.byOwner().from(Name.from("carol")).to(Name.from("carol")).limit(3).rows()))
                .containsExactly(2L, 6L, 10L);
        assertThat(ids(items.byOwner().from(Name.from("dave")).reverse(true).rows()))
                .containsExactly(39L, 35L, 31L, 27L, 23L, 19L, 15L, 11L, 7L, 3L);
        // runs of ten equal keys, pages of three: each page after the first repeats rows of its
        // run, which the cursor drops, asking for more rows when a page brings nothing new
        assertThat(ids(items.byOwner().pageSize(3).rows())).containsExactly(0L, 4L, 8L, 12L, 16L, 20L, 24L, 28L, 32L,
                36L, 1L, 5L, 9L, 13L, 17L, 21L, 25L, 29L, 33L, 37L, 2L, 6L, 10L, 14L, 18L, 22L, 26L, 30L, 34L, 38L, 3L, 7L,
                11L, 15L, 19L, 23L, 27L, 31L, 35L, 39L);
        assertThat(ids(items.byOwner().to(Name.from("bob")).reverse(true).pageSize(4).rows())).containsExactly(37L,
                33L, 29L, 25L, 21L, 17L, 13L, 9L, 5L, 1L, 36L, 32L, 28L, 24L, 20L, 16L, 12L, 8L, 4L, 0L);
        assertThat(ids(items.byPrice().from(2.0).to(3.0).rows())).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(ids(items.byPrice().from(2.0).to(3.0).reverse(true).rows())).containsExactly(12L, 11L, 10L, 9L, 8L);
        // hashes descend as ids ascend
        assertThat(ids(items.byHash().from(hash(12)).to(hash(10)).rows())).containsExactly(12L, 11L, 10L);
        assertThat(ids(items.byRank().from(rank(30)).rows())).containsExactly(30L, 31L, 32L, 33L, 34L, 35L, 36L, 37L,
                38L, 39L);
        StepVerifier.create(items.byRank().from(rank(17)).first().map(Item::label))
                .expectNext("item 17").expectComplete().verify(TIMEOUT);
    }

    @Test
    void aReadOnlyActionsDecodedResult() {
        StepVerifier.create(kittest.statsReadOnly(SCOPE, Name.from("alice")))
                .assertNext(r -> {
                    assertThat(r.owner()).isEqualTo(Name.from("alice"));
                    assertThat(r.count()).isEqualTo(10);
                    assertThat(r.total()).isEqualTo((0 + 4 + 8 + 12 + 16 + 20 + 24 + 28 + 32 + 36) / 4.0);
                    assertThat(r.top()).contains(36L);
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(kittest.statsReadOnly(SCOPE, Name.from("erin")))
                .expectNext(new Kittest.StatsResult(Name.from("erin"), 0, 0.0, Optional.empty()))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void aTokenTransferAndTheBalancesThroughTheTypedTable() {
        List<Asset> before = new ArrayList<>();
        StepVerifier.create(token.accounts(Name.from("carol")).all().map(EosioToken.Account::balance))
                .recordWith(() -> before).thenConsumeWhile(x -> true).expectComplete().verify(TIMEOUT);
        assertThat(before).hasSize(1);
        Asset sent = Asset.of(12_345, before.get(0).symbol());
        StepVerifier.create(session("bob").transact(token.transfer(Name.from("bob"), Name.from("carol"), sent, "typed")))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(token.accounts(Name.from("carol")).all().map(EosioToken.Account::balance))
                .expectNext(Asset.of(before.get(0).units() + sent.units(), sent.symbol()))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(token.stat(sent.symbol().code().toString()).all().map(EosioToken.CurrencyStats::issuer))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
    }
}
