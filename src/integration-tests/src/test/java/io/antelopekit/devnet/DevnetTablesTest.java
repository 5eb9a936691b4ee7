package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.TableQuery;
import io.antelopekit.api.model.TableByScopeResponse;
import io.antelopekit.api.model.TableScope;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * get_table_rows and get_table_by_scope over the devnet's generic tables, on the items of the
 * built-in {@code kittest} contract: every index and key type, bounds in each form the node
 * reads, reverse, paging by next_key, show_payer, binary rows, and the node's errors.
 */
class DevnetTablesTest {

    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Ranks above 64 bits for items 2 and 5 (the others as given). */
    static final Map<Long, BigInteger> BIG_RANKS = Map.of(2L, TWO_64.add(BigInteger.valueOf(7)),
            5L, BigInteger.ONE.shiftLeft(127));

    /** The items of scope {@code shop}: prices, hashes and ranks all distinct. */
    static final List<KitTest.Item> SHOP = List.of(
            item("shop", 1, "alice", 10.5, 5),
            item("shop", 2, "bob", 2.25, 0),
            item("shop", 3, "alice", 10.25, 6),
            item("shop", 4, "carol", -3.0, 0),
            item("shop", 5, "alice", 99.0, 0),
            item("shop", 6, "bob", 0.0, 1),
            item("shop", 7, "dave", 1e300, 12),
            item("shop", 8, "carol", 7.75, 123456789));

    static Devnet devnet;
    static DevnetHttp node;
    static KitTest kit;
    static ChainClient client;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    static KitTest.Item item(String scope, long id, String owner, double price, long rank) {
        BigInteger r = BIG_RANKS.containsKey(id) && scope.equals("shop") ? BIG_RANKS.get(id) : BigInteger.valueOf(rank);
        return new KitTest.Item(scope, id, owner, price, KitTest.hash("item " + scope + " " + id), r);
    }

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
        kit = new KitTest(node);
        client = ChainClient.builder().endpoints(devnet.url()).build();
        for (KitTest.Item i : SHOP) {
            kit.set(i);
        }
        kit.set(item("attic", 9, "bob", 1.0, 9));
        kit.set(item("garage", 10, "dave", 2.0, 10));
        kit.set(item("zoo", 11, "carol", 3.0, 11));
        kit.set(item("zoo", 12, "alice", 4.0, 12));
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Map<String, Object> query(String scope) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("code", "kittest");
        q.put("scope", scope);
        q.put("table", "items");
        q.put("json", true);
        return q;
    }

    static Map<String, Object> query(String scope, Object... more) {
        Map<String, Object> q = query(scope);
        for (int i = 0; i < more.length; i += 2) {
            q.put((String) more[i], more[i + 1]);
        }
        return q;
    }

    static JsonNode rows(Map<String, Object> q) {
        DevnetHttp.Resp r = node.call("/v1/chain/get_table_rows", q);
        assertThat(r.status()).as("get_table_rows %s: %s", q, r.body()).isEqualTo(200);
        return r.body();
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        for (JsonNode row : page.get("rows")) {
            out.add((row.has("data") ? row.get("data") : row).get("id").asLong());
        }
        return out;
    }

    static List<Long> idsSortedBy(Comparator<KitTest.Item> order) {
        return SHOP.stream().sorted(order.thenComparing(KitTest.Item::id)).map(KitTest.Item::id).toList();
    }

    static final Comparator<KitTest.Item> BY_OWNER = Comparator.comparing(i -> Name.from(i.owner()).value(),
            Long::compareUnsigned);
    static final Comparator<KitTest.Item> BY_PRICE = Comparator.comparingDouble(KitTest.Item::price);
    static final Comparator<KitTest.Item> BY_HASH = (a, b) -> Arrays.compareUnsigned(Hex.decode(a.hash()),
            Hex.decode(b.hash()));
    static final Comparator<KitTest.Item> BY_RANK = Comparator.comparing(KitTest.Item::rank);

    /** Follows next_key from the first page to the last; fails on a loop. */
    static List<Long> allPages(Map<String, Object> q) {
        boolean reverse = Boolean.TRUE.equals(q.get("reverse"));
        List<Long> out = new ArrayList<>();
        Map<String, Object> page = new LinkedHashMap<>(q);
        for (int n = 0; n < 50; n++) {
            JsonNode body = rows(page);
            out.addAll(ids(body));
            if (!body.get("more").asBoolean()) {
                assertThat(body.get("next_key").asText()).isEmpty();
                return out;
            }
            assertThat(body.get("rows")).as("a page that says more").hasSize(((Number) q.get("limit")).intValue());
            page.put(reverse ? "upper_bound" : "lower_bound", body.get("next_key").asText());
        }
        throw new AssertionError("more than 50 pages: " + out);
    }

    // ------------------------------------------------------------------ the primary index

    @Test
    void thePrimaryIndexGivesTheRowsDecodedByTheAbiInKeyOrder() {
        JsonNode page = rows(query("shop", "limit", 100));
        assertThat(ids(page)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(page.get("more").asBoolean()).isFalse();
        assertThat(page.get("next_key").asText()).isEmpty();
        for (int i = 0; i < SHOP.size(); i++) {
            assertThat(page.get("rows").get(i).toString()).as("row %d as a node writes it", i + 1)
                    .isEqualTo(SHOP.get(i).row().toString());
        }
        assertThat(page.get("rows").get(0).toString()).isEqualTo("{\"id\":1,\"owner\":\"alice\",\"price\":"
                + "\"10.50000000000000000\",\"hash\":\"" + SHOP.get(0).hash() + "\",\"rank\":\"5\",\"label\":\"item 1\","
                + "\"tags\":[\"t0\"],\"note\":null,\"payload\":[\"string\",\"p1\"]}");
        assertThat(page.get("rows").get(2).get("payload").toString()).isEqualTo("[\"uint64\",3000]");
        JsonNode two = page.get("rows").get(1);
        assertThat(two.get("note").asText()).isEqualTo("even 2");
        assertThat(two.get("payload").get(0).asText()).isEqualTo("point3");
        assertThat(two.get("rank").asText()).isEqualTo("18446744073709551623");
    }

    @Test
    void binaryRowsAreTheItemStructsEncoding() {
        JsonNode page = rows(query("shop", "json", false, "limit", 2));
        assertThat(page.get("rows").get(0).asText())
                .isEqualTo(HexFormat.of().formatHex(SHOP.get(0).binary()));
        assertThat(page.get("rows").get(1).isTextual()).isTrue();
    }

    @Test
    void showPayerWrapsEachRowWithItsRamPayer() {
        JsonNode page = rows(query("shop", "show_payer", true, "lower_bound", "3", "upper_bound", "4"));
        assertThat(page.get("rows")).hasSize(2);
        assertThat(page.get("rows").get(0).get("payer").asText()).isEqualTo("alice");
        assertThat(page.get("rows").get(0).get("data").get("id").asLong()).isEqualTo(3);
        assertThat(page.get("rows").get(1).get("payer").asText()).isEqualTo("carol");
        assertThat(page.get("rows").get(1).fieldNames()).toIterable().containsExactly("data", "payer");
    }

    @Test
    void primaryBoundsAreInclusiveAndReverseWalksDown() {
        assertThat(ids(rows(query("shop", "lower_bound", "2", "upper_bound", "5")))).containsExactly(2L, 3L, 4L, 5L);
        assertThat(ids(rows(query("shop", "lower_bound", "2", "upper_bound", "5", "reverse", true))))
                .containsExactly(5L, 4L, 3L, 2L);
        JsonNode firstTwoDown = rows(query("shop", "reverse", true, "limit", 2));
        assertThat(ids(firstTwoDown)).containsExactly(8L, 7L);
        assertThat(firstTwoDown.get("next_key").asText()).isEqualTo("6");
        // upper below lower: nothing, not an error
        JsonNode none = rows(query("shop", "lower_bound", "5", "upper_bound", "2"));
        assertThat(none.toString()).isEqualTo("{\"rows\":[],\"more\":false,\"next_key\":\"\"}");
    }

    @Test
    void primaryPagesFollowNextKeyToTheEndWithoutDuplicatesOrGaps() {
        assertThat(allPages(query("shop", "limit", 3))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(allPages(query("shop", "limit", 3, "reverse", true))).containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        JsonNode page = rows(query("shop", "limit", 3));
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(page.get("next_key").asText()).as("the primary key in decimal").isEqualTo("4");
    }

    @Test
    void theClientFollowsThePagesOfAnIndexReactively() {
        TableQuery q = TableQuery.of("kittest", "shop", "items").json(true).limit(3).index(4, "sha256");
        StepVerifier.create(client.tableRows(q).map(r -> r.get("id").asLong()).collectList())
                .assertNext(ids -> assertThat(ids).isEqualTo(idsSortedBy(BY_HASH)))
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        StepVerifier.create(client.tableRows(TableQuery.of("kittest", "shop", "items").json(true).limit(2).index(5, "i128")
                .reverse(true)).map(r -> r.get("id").asLong()).collectList())
                .assertNext(ids -> assertThat(ids).isEqualTo(idsSortedBy(BY_RANK.reversed())))
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void limitZeroGivesNoRowsButSaysMoreWithTheFirstKey() {
        JsonNode page = rows(query("shop", "limit", 0));
        assertThat(page.get("rows")).isEmpty();
        assertThat(page.get("more").asBoolean()).isTrue();
        assertThat(page.get("next_key").asText()).isEqualTo("1");
    }

    @Test
    void anEmptyScopeOrAMissingTableIsAnEmptyPageEvenWithBadBounds() {
        assertThat(rows(query("nowhere")).toString()).isEqualTo("{\"rows\":[],\"more\":false,\"next_key\":\"\"}");
        // the node converts bounds only once it found the table
        assertThat(rows(query("nowhere", "index_position", "3", "key_type", "float64", "lower_bound", "abc"))
                .get("rows")).isEmpty();
    }

    // ------------------------------------------------------------------ secondary indexes

    @Test
    void theOwnerIndexOrdersByNameThenPrimaryKeyAndTakesNamesAsBounds() {
        assertThat(ids(rows(query("shop", "index_position", "2", "key_type", "name", "limit", 100))))
                .isEqualTo(idsSortedBy(BY_OWNER));
        JsonNode alice = rows(query("shop", "index_position", "secondary", "key_type", "name", "lower_bound", "alice",
                "upper_bound", "alice"));
        assertThat(ids(alice)).containsExactly(1L, 3L, 5L);
        // i64 reads the same index; its bounds may be numbers, names or symbols
        JsonNode bob = rows(query("shop", "index_position", "2", "key_type", "i64", "lower_bound",
                Long.toUnsignedString(Name.from("bob").value()), "upper_bound", "bob"));
        assertThat(ids(bob)).containsExactly(2L, 6L);
        // next_key of an idx64 is the key in decimal, whatever the key type
        JsonNode first = rows(query("shop", "index_position", "2", "key_type", "name", "limit", 3));
        assertThat(first.get("next_key").asText()).isEqualTo(Long.toUnsignedString(Name.from("bob").value()));
        assertThat(ids(rows(query("shop", "index_position", "2", "key_type", "name", "reverse", true,
                "upper_bound", "bob")))).containsExactly(6L, 2L, 5L, 3L, 1L);
    }

    @Test
    void aPageEndingInsideEqualSecondaryKeysStartsTheNextAtTheFirstOfThem() {
        // the node's next_key holds no primary key: alice has three items, pages of two meet her twice
        JsonNode first = rows(query("shop", "index_position", "2", "key_type", "i64", "limit", 2));
        assertThat(ids(first)).containsExactly(1L, 3L);
        String next = first.get("next_key").asText();
        assertThat(next).isEqualTo(Long.toUnsignedString(Name.from("alice").value()));
        assertThat(ids(rows(query("shop", "index_position", "2", "key_type", "i64", "limit", 2, "lower_bound", next))))
                .containsExactly(1L, 3L);
    }

    @Test
    void thePriceIndexTakesDoubleBoundsAndWritesNextKeyAsFcDoes() {
        assertThat(ids(rows(query("shop", "index_position", "third", "key_type", "float64", "limit", 100))))
                .isEqualTo(idsSortedBy(BY_PRICE));
        assertThat(ids(rows(query("shop", "index_position", "3", "key_type", "float64", "lower_bound", "0",
                "upper_bound", "10.5")))).containsExactly(6L, 2L, 8L, 3L, 1L);
        assertThat(ids(rows(query("shop", "index_position", "3", "key_type", "float64", "lower_bound", "-inf",
                "upper_bound", "-1e0")))).containsExactly(4L);
        JsonNode page = rows(query("shop", "index_position", "3", "key_type", "float64", "limit", 1));
        assertThat(ids(page)).containsExactly(4L);
        assertThat(page.get("next_key").asText()).isEqualTo("0.00000000000000000");
        JsonNode next = rows(query("shop", "index_position", "3", "key_type", "float64", "limit", 2,
                "lower_bound", "7.5"));
        assertThat(next.get("next_key").asText()).isEqualTo("10.50000000000000000");
        JsonNode down = rows(query("shop", "index_position", "3", "key_type", "float64", "limit", 1, "reverse", true));
        assertThat(ids(down)).containsExactly(7L);
        assertThat(down.get("next_key").asText()).isEqualTo("99.00000000000000000");
        JsonNode top = rows(query("shop", "index_position", "3", "key_type", "float64", "limit", 7));
        assertThat(top.get("next_key").asText()).as("1e300 in fixed notation")
                .isEqualTo(new java.math.BigDecimal(1e300).setScale(17).toPlainString());
        assertThat(allPages(query("shop", "index_position", "3", "key_type", "float64", "limit", 3)))
                .isEqualTo(idsSortedBy(BY_PRICE));
    }

    @Test
    void theHashIndexReadsSha256AndI256BoundsInTheNodesByteOrders() {
        List<Long> byHash = idsSortedBy(BY_HASH);
        KitTest.Item third = SHOP.get((int) (byHash.get(2) - 1));
        KitTest.Item fourth = SHOP.get((int) (byHash.get(3) - 1));
        assertThat(ids(rows(query("shop", "index_position", "fourth", "key_type", "sha256", "limit", 100))))
                .isEqualTo(byHash);
        JsonNode sha = rows(query("shop", "index_position", "4", "key_type", "sha256", "lower_bound", third.hash(),
                "limit", 1));
        assertThat(ids(sha)).containsExactly(third.id());
        assertThat(sha.get("next_key").asText()).isEqualTo(fourth.hash());
        // i256 in decimal encoding: a number (0x hex here), the hash read as a big-endian integer
        JsonNode i256 = rows(query("shop", "index_position", "4", "key_type", "i256", "lower_bound",
                "0x" + third.hash(), "limit", 1));
        assertThat(ids(i256)).containsExactly(third.id());
        assertThat(i256.get("next_key").asText()).isEqualTo("0x" + fourth.hash());
        String decimal = new BigInteger(third.hash(), 16).toString();
        assertThat(ids(rows(query("shop", "index_position", "4", "key_type", "i256", "lower_bound", decimal,
                "limit", 1)))).containsExactly(third.id());
        // i256 with hex encoding reads and writes as sha256 does
        JsonNode hex = rows(query("shop", "index_position", "4", "key_type", "i256", "encode_type", "hex",
                "lower_bound", third.hash(), "limit", 1));
        assertThat(hex.get("next_key").asText()).isEqualTo(fourth.hash());
        // a short hex bound is padded with zeros: "80" is the middle of the key space
        List<Long> upperHalf = SHOP.stream().filter(i -> Integer.parseInt(i.hash().substring(0, 2), 16) >= 0x80)
                .sorted(BY_HASH).map(KitTest.Item::id).toList();
        assertThat(ids(rows(query("shop", "index_position", "4", "key_type", "sha256", "lower_bound", "80",
                "limit", 100)))).isEqualTo(upperHalf);
        // ripemd160 reads the same index, its keys the first 20 bytes
        JsonNode ripemd = rows(query("shop", "index_position", "4", "key_type", "ripemd160", "limit", 1));
        assertThat(ripemd.get("next_key").asText()).isEqualTo(SHOP.get((int) (byHash.get(1) - 1)).hash()
                .substring(0, 40));
        assertThat(allPages(query("shop", "index_position", "4", "key_type", "sha256", "limit", 3, "reverse", true)))
                .isEqualTo(idsSortedBy(BY_HASH.reversed()));
    }

    @Test
    void theRankIndexReadsUint128InDecimalOrHexAndWritesDecimal() {
        assertThat(ids(rows(query("shop", "index_position", "fifth", "key_type", "i128", "limit", 100))))
                .isEqualTo(idsSortedBy(BY_RANK));
        assertThat(ids(rows(query("shop", "index_position", "5", "key_type", "i128", "lower_bound",
                "18446744073709551616")))).containsExactly(2L, 5L);
        assertThat(ids(rows(query("shop", "index_position", "5", "key_type", "i128", "lower_bound",
                "0x10000000000000000")))).containsExactly(2L, 5L);
        JsonNode page = rows(query("shop", "index_position", "5", "key_type", "i128", "lower_bound", "123456789",
                "limit", 1));
        assertThat(ids(page)).containsExactly(8L);
        assertThat(page.get("next_key").asText()).isEqualTo("18446744073709551623");
        JsonNode last = rows(query("shop", "index_position", "5", "key_type", "i128", "limit", 1, "reverse", true,
                "upper_bound", "18446744073709551623"));
        assertThat(last.get("next_key").asText()).isEqualTo("123456789");
        assertThat(allPages(query("shop", "index_position", "5", "key_type", "i128", "limit", 3)))
                .isEqualTo(idsSortedBy(BY_RANK));
    }

    @Test
    void indexPositionsAreNumbersOrTheNodesWords() {
        for (Map.Entry<String, String> e : Map.of("1", "i64", "one", "i64", "first", "i64", "2", "name",
                "two", "name", "3", "float64", "tertiary", "float64", "4", "sha256", "5", "i128", "fifth", "i128")
                .entrySet()) {
            assertThat(rows(query("shop", "index_position", e.getKey(), "key_type", e.getValue(), "limit", 100))
                    .get("rows")).as("index_position %s", e.getKey()).hasSize(SHOP.size());
        }
        // a key type that is not the index's kind finds no entries there
        assertThat(rows(query("shop", "index_position", "3", "key_type", "i64")).get("rows")).isEmpty();
        assertThat(rows(query("shop", "index_position", "sixth", "key_type", "i64")).get("rows")).isEmpty();
    }

    // ------------------------------------------------------------------ errors

    static DevnetHttp.Resp fails(Map<String, Object> q) {
        DevnetHttp.Resp r = node.call("/v1/chain/get_table_rows", q);
        assertThat(r.status()).as("%s: %s", q, r.body()).isIn(400, 500);
        assertThat(r.body().get("code").asInt()).isEqualTo(r.status());
        return r;
    }

    static List<String> messages(DevnetHttp.Resp r) {
        List<String> out = new ArrayList<>();
        r.body().path("error").path("details").forEach(d -> out.add(d.get("message").asText()));
        return out;
    }

    @Test
    void badBoundsGetTheNodesErrorsPerKeyType() {
        DevnetHttp.Resp d = fails(query("shop", "index_position", "3", "key_type", "float64", "lower_bound", "ten"));
        assertThat(d.errorName()).isEqualTo("parse_error_exception");
        assertThat(d.body().get("error").get("code").asInt()).isEqualTo(4);
        assertThat(messages(d)).containsExactly("Couldn't parse double",
                "Could not convert lower_bound string 'ten' to key type.");
        DevnetHttp.Resp nan = fails(query("shop", "index_position", "3", "key_type", "float64", "upper_bound", "nan"));
        assertThat(nan.errorName()).isEqualTo("contract_table_query_exception");
        assertThat(nan.errorMessage()).isEqualTo("Converted upper_bound string 'nan' to NaN which is not a permitted"
                + " value for the key type");
        DevnetHttp.Resp odd = fails(query("shop", "index_position", "4", "key_type", "sha256", "lower_bound", "abc"));
        assertThat(odd.errorName()).isEqualTo("assert_exception");
        assertThat(messages(odd)).containsExactly("str.size() % 2 == 0: the length of hex string should be even number",
                "Could not convert lower_bound string 'abc' to key type.");
        DevnetHttp.Resp notHex = fails(query("shop", "index_position", "4", "key_type", "sha256", "lower_bound", "zz"));
        assertThat(notHex.errorName()).isEqualTo("exception");
        assertThat(messages(notHex)).containsExactly("Invalid hex character 'z'",
                "Could not convert lower_bound string 'zz' to key type.");
        DevnetHttp.Resp big = fails(query("shop", "index_position", "5", "key_type", "i128", "lower_bound", "12x"));
        assertThat(big.body().get("error").get("code").asInt()).isEqualTo(13);
        assertThat(big.errorMessage()).isEqualTo("Unexpected content found while parsing character string.: Could not"
                + " convert lower_bound string '12x' to key type.");
        DevnetHttp.Resp name = fails(query("shop", "index_position", "2", "key_type", "name", "lower_bound", "Alice"));
        assertThat(name.errorName()).isEqualTo("name_type_exception");
        assertThat(name.errorMessage()).isEqualTo("Name not properly normalized (name: Alice, normalized: .lice) ");
        DevnetHttp.Resp i64 = fails(query("shop", "index_position", "2", "key_type", "i64", "lower_bound", "not a key"));
        assertThat(i64.errorName()).isEqualTo("chain_type_exception");
        assertThat(i64.errorMessage()).startsWith("Could not convert lower_bound string 'not a key' to any of the"
                + " following: uint64_t, valid name, or valid symbol");
    }

    @Test
    void badQueriesGetTheNodesErrors() {
        Map<Map<String, Object>, String> cases = new LinkedHashMap<>();
        cases.put(query("shop", "index_position", "2"), "key type required for non-primary index");
        cases.put(query("shop", "index_position", "2", "key_type", "u64"), "Unsupported secondary index type: u64");
        cases.put(query("shop", "index_position", "x", "key_type", "name"), "Invalid index_position: x");
        cases.put(query("shop", "table", "nothing"), "Table nothing is not specified in the ABI");
        cases.put(query("shop", "table", "items.......1"), "Unsupported table name: items.......1");
        for (Map.Entry<Map<String, Object>, String> c : cases.entrySet()) {
            DevnetHttp.Resp r = fails(c.getKey());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.errorName()).isEqualTo("contract_table_query_exception");
            assertThat(r.errorMessage()).as("%s", c.getKey()).isEqualTo(c.getValue());
        }
        DevnetHttp.Resp unknown = fails(query("shop", "code", "nobody"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorName()).isEqualTo("account_query_exception");
        assertThat(unknown.errorMessage()).isEqualTo("Fail to retrieve account for nobody");
    }

    // ------------------------------------------------------------------ eosio.token on the generic tables

    @Test
    void eosioTokenTablesAnswerAsBefore() {
        JsonNode stat = rows(new LinkedHashMap<>(Map.of("code", "eosio.token", "scope", "EOS", "table", "stat",
                "json", true)));
        assertThat(stat.toString()).isEqualTo("{\"rows\":[{\"supply\":\"4000000.0000 EOS\",\"max_supply\":"
                + "\"10000000000.0000 EOS\",\"issuer\":\"eosio\"}],\"more\":false,\"next_key\":\"\"}");
        JsonNode balance = rows(new LinkedHashMap<>(Map.of("code", "eosio.token", "scope", "dave", "table",
                "accounts", "json", true, "show_payer", true)));
        assertThat(balance.toString()).isEqualTo("{\"rows\":[{\"data\":{\"balance\":\"1000000.0000 EOS\"},\"payer\":"
                + "\"dave\"}],\"more\":false,\"next_key\":\"\"}");
    }

    // ------------------------------------------------------------------ get_table_by_scope

    static JsonNode byScope(Map<String, Object> q) {
        DevnetHttp.Resp r = node.call("/v1/chain/get_table_by_scope", q);
        assertThat(r.status()).as("get_table_by_scope %s: %s", q, r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void byScopeListsEachTableOfTheContractWithPayerAndCount() throws Exception {
        JsonNode zoo = byScope(Map.of("code", "kittest", "lower_bound", "zoo", "upper_bound", "zoo"));
        // the rows' table also holds the first secondary index: two objects per item
        assertThat(zoo.toString()).isEqualTo("{\"rows\":["
                + "{\"code\":\"kittest\",\"scope\":\"zoo\",\"table\":\"items\",\"payer\":\"carol\",\"count\":4},"
                + "{\"code\":\"kittest\",\"scope\":\"zoo\",\"table\":\"items.......1\",\"payer\":\"carol\",\"count\":2},"
                + "{\"code\":\"kittest\",\"scope\":\"zoo\",\"table\":\"items.......2\",\"payer\":\"carol\",\"count\":2},"
                + "{\"code\":\"kittest\",\"scope\":\"zoo\",\"table\":\"items.......3\",\"payer\":\"carol\",\"count\":2}"
                + "],\"more\":\"\"}");
        TableByScopeResponse model = DevnetHttp.MAPPER.treeToValue(zoo, TableByScopeResponse.class);
        assertThat(model.rows().get(0)).isEqualTo(new TableScope(Name.from("kittest"), Name.from("zoo"),
                Name.from("items"), Name.from("carol"), 4));
        assertThat(model.more()).isEmpty();
        JsonNode shop = byScope(Map.of("code", "kittest", "table", "items", "lower_bound", "shop", "upper_bound",
                "shop"));
        assertThat(shop.get("rows")).hasSize(1);
        assertThat(shop.get("rows").get(0).get("count").asInt()).isEqualTo(2 * SHOP.size());
        assertThat(byScope(Map.of("code", "nobody")).toString()).isEqualTo("{\"rows\":[],\"more\":\"\"}");
    }

    /** Follows more from the first page to the last; fails on a loop. */
    static List<String> scopePages(Map<String, Object> q) {
        boolean reverse = Boolean.TRUE.equals(q.get("reverse"));
        List<String> out = new ArrayList<>();
        Map<String, Object> page = new LinkedHashMap<>(q);
        for (int n = 0; n < 50; n++) {
            JsonNode body = byScope(page);
            body.get("rows").forEach(r -> out.add(r.get("scope").asText() + "/" + r.get("table").asText()));
            String more = body.get("more").asText();
            if (more.isEmpty()) {
                return out;
            }
            page.put(reverse ? "upper_bound" : "lower_bound", more);
        }
        throw new AssertionError("more than 50 pages: " + out);
    }

    @Test
    void byScopePagesFollowMoreToTheEnd() {
        // four tables a scope: a page of four is one scope, more the next scope
        JsonNode first = byScope(Map.of("code", "kittest", "table", "items", "limit", 4));
        assertThat(first.get("rows")).hasSize(1);
        assertThat(first.get("more").asText()).isEqualTo("garage");
        assertThat(scopePages(Map.of("code", "kittest", "table", "items", "limit", 4)))
                .containsExactly("attic/items", "garage/items", "shop/items", "zoo/items");
        assertThat(scopePages(Map.of("code", "kittest", "table", "items", "limit", 4, "reverse", true)))
                .containsExactly("zoo/items", "shop/items", "garage/items", "attic/items");
        Function<String, List<String>> all = s -> List.of(s + "/items", s + "/items.......1", s + "/items.......2",
                s + "/items.......3");
        List<String> every = new ArrayList<>();
        for (String s : List.of("attic", "garage", "shop", "zoo")) {
            every.addAll(all.apply(s));
        }
        assertThat(scopePages(Map.of("code", "kittest", "limit", 4))).isEqualTo(every);
        // eosio.token: one accounts table a scope, pages of two
        List<String> holders = scopePages(Map.of("code", "eosio.token", "table", "accounts", "limit", 2));
        assertThat(holders).containsExactly("alice/accounts", "bob/accounts", "carol/accounts", "dave/accounts");
    }

    @Test
    void byScopeCountsTablesOfOtherNamesAgainstTheLimitAsTheNodeDoes() {
        // a page of one with a table filter stops on the next table of the same scope: more is that scope again
        JsonNode page = byScope(Map.of("code", "kittest", "table", "items", "limit", 1, "lower_bound", "shop"));
        assertThat(page.get("rows")).hasSize(1);
        assertThat(page.get("more").asText()).isEqualTo("shop");
        JsonNode two = byScope(Map.of("code", "kittest", "table", "items", "limit", 2, "lower_bound", "shop"));
        assertThat(two.get("rows")).hasSize(1);
        DevnetHttp.Resp bad = node.call("/v1/chain/get_table_by_scope", Map.of("code", "kittest", "lower_bound",
                "Not A Scope"));
        assertThat(bad.status()).isEqualTo(500);
        assertThat(bad.errorName()).isEqualTo("chain_type_exception");
        assertThat(bad.errorMessage()).startsWith("Could not convert lower_bound scope string 'Not A Scope'");
    }
}
