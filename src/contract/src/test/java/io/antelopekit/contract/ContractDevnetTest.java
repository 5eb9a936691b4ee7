package io.antelopekit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.session.Session;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The Contract Kit against the embedded devnet's kittest contract, through the ABI (JSON rows,
 * maps, records): actions transacted by a session, rows by each index with bounds, order and
 * paging, one row, scopes, and a read-only action.
 */
@ExtendWith(BlockHoundSupport.class)
class ContractDevnetTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String[] OWNERS = {"alice", "bob", "carol", "dave"};
    static final int ITEMS = 24;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(100)));

    /** A row of the items table, as the ABI decodes it (fields matched in camelCase). */
    record Item(long id, Name owner, double price, Checksum256 hash, UInt128 rank, String label, List<String> tags,
            String note, JsonNode payload) {
    }

    /** The stats read-only action's result. */
    record StatsResult(Name owner, long count, double total, Long top) {
    }

    static ChainClient client;
    static Contract kittest;

    @BeforeAll
    static void fill() {
        Devnet devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
        ContractKit kit = ContractKit.of(client);
        kittest = kit.load("kittest").block(TIMEOUT);
        // every owner stores its items in scope "s1" (ids 0..23, owner i % 4), and one in its own scope
        List<Mono<?>> sent = new ArrayList<>();
        for (int o = 0; o < OWNERS.length; o++) {
            Session s = session(devnet, OWNERS[o]);
            List<Action> actions = new ArrayList<>();
            for (int i = o; i < ITEMS; i += OWNERS.length) {
                actions.add(kittest.action("setitem", item("s1", i, OWNERS[o])));
            }
            actions.add(kittest.action("setitem", item(OWNERS[o], 100 + o, OWNERS[o])));
            sent.add(s.transact(actions));
        }
        StepVerifier.create(Flux.concat(sent)).expectNextCount(OWNERS.length).expectComplete().verify(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session session(Devnet devnet, String actor) {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor(actor).permission("active").walletPlugin(WalletPluginPrivateKey.of(DevAccount.of(actor).privateKey()))
                .build();
    }

    /** Item {@code id}: price id * 1.5, hash with first byte id, rank id * 10^20, a variant by id % 3. */
    static Map<String, Object> item(String scope, int id, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", scope);
        m.put("id", id);
        m.put("owner", owner);
        m.put("price", id * 1.5);
        m.put("hash", String.format("%02x", id) + "00".repeat(31));
        m.put("rank", UInt128.of(java.math.BigInteger.TEN.pow(20).multiply(java.math.BigInteger.valueOf(id))).toString());
        m.put("label", "item " + id);
        m.put("tags", List.of("t" + id % 2));
        m.put("note", id % 2 == 0 ? "even" : null);
        m.put("payload", switch (id % 3) {
            case 0 -> List.of("uint64", id);
            case 1 -> List.of("string", "s" + id);
            default -> List.of("point3", Map.of("x", id, "y", -id, "z", 0));
        });
        return m;
    }

    static List<Long> ids(Flux<Item> rows) {
        List<Long> out = new ArrayList<>();
        StepVerifier.create(rows).recordWith(ArrayList::new).thenConsumeWhile(r -> true)
                .consumeRecordedWith(items -> items.forEach(i -> out.add(i.id()))).expectComplete().verify(TIMEOUT);
        return out;
    }

    @Test
    void everyRowInPrimaryOrderAcrossPages() {
        Table<Item> items = kittest.table("items", "s1", Item.class);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < ITEMS; i++) {
            expected.add(i);
        }
        assertThat(ids(items.all())).isEqualTo(expected);
        assertThat(ids(items.query().pageSize(5).rows())).as("five rows a page").isEqualTo(expected);
        List<Long> descending = new ArrayList<>(expected);
        java.util.Collections.reverse(descending);
        assertThat(ids(items.query().pageSize(5).reverse(true).rows())).isEqualTo(descending);
        assertThat(ids(items.query().from(3L).to(9L).limit(4).rows())).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void rowsDecodeWithTheirValues() {
        StepVerifier.create(kittest.table("items", "s1", Item.class).get(5))
                .assertNext(i -> {
                    assertThat(i.owner()).isEqualTo(Name.from("bob"));
                    assertThat(i.price()).isEqualTo(7.5);
                    assertThat(i.hash().toString()).startsWith("05");
                    assertThat(i.rank().toString()).isEqualTo("500000000000000000000");
                    assertThat(i.note()).isNull();
                    assertThat(i.payload().toString()).isEqualTo("[\"point3\",{\"x\":5,\"y\":-5,\"z\":0}]");
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(kittest.table("items", "s1").get(1000)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void rowsBySecondaryIndexesWithBoundsAndOrder() {
        Table<Item> items = kittest.table("items", "s1", Item.class);
        assertThat(ids(items.query(Index.of(2, KeyType.NAME)).from(Name.from("bob")).to(Name.from("bob")).rows()))
                .containsExactly(1L, 5L, 9L, 13L, 17L, 21L);
        assertThat(ids(items.query(Index.of(3, KeyType.FLOAT64)).from(3.0).to(9.0).reverse(true).pageSize(2).rows()))
                .containsExactly(6L, 5L, 4L, 3L, 2L);
        assertThat(ids(items.query(Index.of(4, KeyType.CHECKSUM256))
                .from(Checksum256.from("0a" + "00".repeat(31))).limit(3).rows()))
                .containsExactly(10L, 11L, 12L);
        assertThat(ids(items.query(Index.of(5, KeyType.UINT128))
                .from(UInt128.from("2000000000000000000000")).to(UInt128.from("2200000000000000000000")).rows()))
                .containsExactly(20L, 21L, 22L);
        StepVerifier.create(items.get(Index.of(2, KeyType.NAME), Name.from("dave")).map(Item::id))
                .expectNext(3L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void scopesOfTheTable() {
        StepVerifier.create(kittest.table("items", "s1").scopes().map(TableScope::scope).collectList())
                .assertNext(scopes -> assertThat(scopes).containsExactly(Name.from("alice"), Name.from("bob"),
                        Name.from("carol"), Name.from("dave"), Name.from("s1")))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void aReadOnlyActionReturnsItsDecodedValue() {
        StepVerifier.create(kittest.readOnly("stats", Map.of("scope", "s1", "owner", "carol")))
                .assertNext(r -> {
                    assertThat(r.get("owner").asText()).isEqualTo("carol");
                    assertThat(r.get("count").asLong()).isEqualTo(6);
                    assertThat(r.get("total").asDouble()).isEqualTo(1.5 * (2 + 6 + 10 + 14 + 18 + 22));
                    assertThat(r.get("top").asLong()).isEqualTo(22);
                })
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(kittest.readOnly("stats", Map.of("scope", "s1", "owner", "erin"), StatsResult.class))
                .expectNext(new StatsResult(Name.from("erin"), 0, 0.0, null))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void aWriteInAReadOnlyCallIsRefusedByTheNode() {
        Contract token = ContractKit.of(client).load("eosio.token").block(TIMEOUT);
        Action transfer = token.action("transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "1.0000 EOS", "memo", ""), List.of());
        StepVerifier.create(ReadOnlyCall.call(client, transfer, in -> in))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ReadOnlyException.class)
                            .hasMessageStartingWith("read-only action transfer of eosio.token failed: ");
                    assertThat(((ReadOnlyException) e).code()).isPositive();
                    assertThat(((ReadOnlyException) e).name()).isNotEmpty();
                })
                .verify(TIMEOUT);
    }

    @Test
    void namesPageBackAsNames() {
        // the node writes a name index's next key as a number; the next page must ask for the name
        List<Long> expected = List.of(0L, 4L, 8L, 12L, 16L, 20L, 1L, 5L, 9L, 13L, 17L, 21L);
        assertThat(ids(kittest.table("items", "s1", Item.class).query(Index.of(2, KeyType.NAME))
                .from(Name.from("alice")).to(Name.from("bob")).pageSize(6).rows())).isEqualTo(expected);
    }

    @Test
    void aTokenTransferAndTheBalancesTable() {
        Contract token = ContractKit.of(client).load(Name.from("eosio.token")).block(TIMEOUT);
        Session alice = session(DEVNET.devnet(), "alice");
        Mono<Asset> balance = token.table("accounts", "dave").all().next().map(r -> Asset.from(r.get("balance").asText()));
        Asset before = balance.block(TIMEOUT);
        Asset sent = Asset.of(25_000, before.symbol());
        StepVerifier.create(alice.transact(token.action("transfer",
                Map.of("from", "alice", "to", "dave", "quantity", sent.toString(), "memo", "kit"))))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(balance).expectNext(Asset.of(before.units() + sent.units(), before.symbol()))
                .expectComplete().verify(TIMEOUT);
    }
}
