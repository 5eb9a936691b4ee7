package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TableRowsResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The table pager alone, over a transport to a local node serving canned get_table_rows pages. */
class TablePagerTest {

    static final Duration VERIFY = Duration.ofSeconds(30);

    /** A contract with one table of {@code {id, label}} rows. */
    static final Abi ITEMS = Abi.fromJson("{\"version\":\"eosio::abi/1.1\",\"types\":[],\"structs\":[{\"name\":\"item\","
            + "\"base\":\"\",\"fields\":[{\"name\":\"id\",\"type\":\"uint64\"},{\"name\":\"label\",\"type\":\"string\"}]}],"
            + "\"actions\":[],\"tables\":[{\"name\":\"items\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],"
            + "\"type\":\"item\"}],\"ricardian_clauses\":[],\"error_messages\":[],\"abi_extensions\":[],\"variants\":[]}");

    /** A row as the node decodes it. */
    record Item(long id, String label) {
    }

    private LocalNode node;
    private TablePager pager;

    @BeforeEach
    void start() {
        node = new LocalNode();
        pager = new TablePager(node.transport(), RetryPolicy.none());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    static ObjectNode row(long id) {
        return ChainJson.mapper().createObjectNode().put("id", id).put("label", "item " + id);
    }

    static String page(boolean more, String nextKey, JsonNode... rows) {
        ObjectNode page = ChainJson.mapper().createObjectNode();
        ArrayNode array = page.putArray("rows");
        for (JsonNode r : rows) {
            array.add(r);
        }
        page.put("more", more);
        page.put("next_key", nextKey);
        return page.toString();
    }

    /**
     * Items 1 to 5 in pages by {@code lower_bound}: 1 and 2, then 3 and 4 from "3", then 5 from
     * "5" (the last); reversed, by {@code upper_bound}: 5 and 4, then 3 and 2 from "3", then 1.
     */
    private void serveFiveItems() {
        node.chain("get_table_rows", q -> {
            if (q.path("reverse").asBoolean(false)) {
                return switch (q.path("upper_bound").asText("")) {
                    case "" -> page(true, "3", row(5), row(4));
                    case "3" -> page(true, "1", row(3), row(2));
                    default -> page(false, "", row(1));
                };
            }
            return switch (q.path("lower_bound").asText("")) {
                case "" -> page(true, "3", row(1), row(2));
                case "3" -> page(true, "5", row(3), row(4));
                default -> page(false, "", row(5));
            };
        });
    }

    @Test
    void followsNextKeyAcrossThreePagesAndStops() {
        serveFiveItems();
        TableQuery q = TableQuery.of("shop", "shop", "items").limit(2);
        StepVerifier.create(pager.rows(q).map(r -> r.get("id").asLong()))
                .expectNext(1L, 2L, 3L, 4L, 5L)
                .expectComplete()
                .verify(VERIFY);
        List<JsonNode> sent = node.requests("get_table_rows");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).has("lower_bound")).as("the first page from the query's own bound").isFalse();
        assertThat(sent.get(1).get("lower_bound").asText()).isEqualTo("3");
        assertThat(sent.get(2).get("lower_bound").asText()).isEqualTo("5");
        assertThat(sent).allSatisfy(body -> {
            assertThat(body.get("limit").asInt()).as("each page asks for the query's limit").isEqualTo(2);
            assertThat(body.get("code").asText()).isEqualTo("shop");
            assertThat(body.get("table").asText()).isEqualTo("items");
        });
    }

    @Test
    void pagesAreEmittedAsTheNodeSendsThem() {
        serveFiveItems();
        StepVerifier.create(pager.pages(TableQuery.of("shop", "shop", "items")))
                .assertNext(p -> assertThat(p.nextKey()).isEqualTo("3"))
                .assertNext(p -> assertThat(p.rows()).hasSize(2))
                .assertNext(p -> assertThat(p.more()).isFalse())
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).hasSize(3);
    }

    @Test
    void onePageIsNotFollowed() {
        serveFiveItems();
        StepVerifier.create(pager.page(TableQuery.of("shop", "shop", "items")).map(TableRowsResponse::more))
                .expectNext(true)
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).hasSize(1);
    }

    @Test
    void theNextPageWaitsForDemand() {
        serveFiveItems();
        TableQuery q = TableQuery.of("shop", "shop", "items").limit(2);
        // the transport has one connection: once a probe sent after the first row has its answer,
        // a page fetched ahead of demand would have reached the node before it
        Transport probes = node.transport();
        StepVerifier.create(pager.rows(q).map(r -> r.get("id").asLong()), 0)
                .thenRequest(1)
                .expectNext(1L)
                .then(() -> probe(probes))
                .then(() -> assertThat(node.requests("get_table_rows")).as("one row asked for: page 1 only").hasSize(2))
                .thenRequest(2)
                .expectNext(2L, 3L)
                .then(() -> probe(probes))
                .then(() -> assertThat(node.requests("get_table_rows")).as("row 4 still unread: no page 3").hasSize(4))
                .thenCancel()
                .verify(VERIFY);
    }

    /** A get_table_rows request of its own, answered once every request made before it was. */
    private void probe(Transport probes) {
        new TablePager(probes, RetryPolicy.none()).page(TableQuery.of("probe", "probe", "probe"))
                .onErrorResume(e -> Mono.empty())
                .block(VERIFY);
    }

    @Test
    void takingFewerRowsFetchesFewerPages() {
        serveFiveItems();
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items")).take(2))
                .expectNextCount(2)
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).hasSize(1);
    }

    @Test
    void reversedPagingFollowsTheUpperBound() {
        serveFiveItems();
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").reverse(true)).map(r -> r.get("id").asLong()))
                .expectNext(5L, 4L, 3L, 2L, 1L)
                .expectComplete()
                .verify(VERIFY);
        List<JsonNode> sent = node.requests("get_table_rows");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).get("upper_bound").asText()).isEqualTo("3");
        assertThat(sent.get(2).get("upper_bound").asText()).isEqualTo("1");
        assertThat(sent).allSatisfy(body -> assertThat(body.has("lower_bound")).isFalse());
    }

    @Test
    void rowsMapIntoATypeFromTheNodesJson() {
        serveFiveItems();
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").json(false), Item.class))
                .expectNext(new Item(1, "item 1"), new Item(2, "item 2"), new Item(3, "item 3"), new Item(4, "item 4"),
                        new Item(5, "item 5"))
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).as("asks the node to decode")
                .allSatisfy(body -> assertThat(body.get("json").asBoolean()).isTrue());
    }

    @Test
    void payerIsDroppedWhenMapping() {
        ObjectNode withPayer = ChainJson.mapper().createObjectNode();
        withPayer.set("data", row(7));
        withPayer.put("payer", "alice");
        node.chain("get_table_rows", page(false, "", withPayer));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").showPayer(true), Item.class))
                .expectNext(new Item(7, "item 7"))
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void binaryRowsDecodeThroughTheAbi() {
        String one = HexFormat.of().formatHex(ITEMS.encode("item", row(1)));
        String two = HexFormat.of().formatHex(ITEMS.encode("item", row(2)));
        node.chain("get_table_rows", page(true, "2", ChainJson.mapper().getNodeFactory().textNode(one)),
                page(false, "", ChainJson.mapper().getNodeFactory().textNode(two)));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items"), ITEMS, JsonNode.class))
                .assertNext(r -> assertThat(r.get("label").asText()).isEqualTo("item 1"))
                .assertNext(r -> assertThat(r.get("id").asText()).isEqualTo("2"))
                .expectComplete()
                .verify(VERIFY);
        List<JsonNode> sent = node.requests("get_table_rows");
        assertThat(sent).allSatisfy(body -> assertThat(body.get("json").asBoolean()).as("binary rows").isFalse());
        assertThat(sent.get(1).get("lower_bound").asText()).isEqualTo("2");
    }

    @Test
    void aTableTheAbiDoesNotDeclareIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> pager.rows(TableQuery.of("shop", "shop", "other"), ITEMS, JsonNode.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThat(node.requests("get_table_rows")).isEmpty();
    }

    @Test
    void aRowThatDoesNotDecodeIsNamed() {
        String good = HexFormat.of().formatHex(ITEMS.encode("item", row(1)));
        node.chain("get_table_rows", page(false, "", ChainJson.mapper().getNodeFactory().textNode(good),
                ChainJson.mapper().getNodeFactory().textNode("01")));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items"), ITEMS, JsonNode.class))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("row 1").hasMessageContaining("item"))
                .verify(VERIFY);
    }

    @Test
    void moreWithoutANextKeyEndsWithAnErrorAfterThePagesRows() {
        node.chain("get_table_rows", page(true, "", row(1)));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items")))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("no next_key"))
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).hasSize(1);
    }

    @Test
    void aNextKeyThatDoesNotMoveEndsWithAnError() {
        // a next_key where the page began is a run of equal keys: one request for more rows,
        // then, as nothing new comes, an error
        node.chain("get_table_rows", page(true, "9", row(9)));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").lowerBound("9")))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("where the page began, and no new row"))
                .verify(VERIFY);
        List<JsonNode> sent = node.requests("get_table_rows");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).get("limit").asInt()).as("the node's 10 and the row sent").isEqualTo(11);
    }

    @Test
    void nothingIsSentBeforeSubscription() {
        serveFiveItems();
        pager.rows(TableQuery.of("shop", "shop", "items"));
        pager.pages(TableQuery.of("shop", "shop", "items"));
        pager.page(TableQuery.of("shop", "shop", "items"));
        StepVerifier.create(pager.page(TableQuery.of("shop", "shop", "items"))).expectNextCount(1).expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).as("only the subscribed one").hasSize(1);
    }
    @Test
    void aNameIndexPagesOnWithTheNameOfTheNumberTheNodeSends() {
        // the node writes next_key of a name index as the name's number (bob = 4297917165412646912)
        node.chain("get_table_rows", q -> q.path("lower_bound").asText("").equals("bob")
                ? page(false, "", row(2)) : page(true, Long.toUnsignedString(io.antelopekit.chain.Name.from("bob").value()),
                        row(1)));
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").index(2, "name").limit(1))
                .map(r -> r.get("id").asLong()))
                .expectNext(1L, 2L).expectComplete().verify(VERIFY);
        assertThat(node.requests("get_table_rows").get(1).get("lower_bound").asText()).isEqualTo("bob");
    }

    static ObjectNode scope(String scope, String table) {
        return ChainJson.mapper().createObjectNode().put("code", "shop").put("scope", scope).put("table", table)
                .put("payer", "shop").put("count", 1);
    }

    static String scopes(String more, JsonNode... rows) {
        ObjectNode page = ChainJson.mapper().createObjectNode();
        ArrayNode array = page.putArray("rows");
        for (JsonNode r : rows) {
            array.add(r);
        }
        page.put("more", more);
        return page.toString();
    }

    @Test
    void scopesTheNodeRepeatsAreEmittedOnce() {
        // as a node pages a table filter: "more" names the scope of the next table it did not
        // return, here one of a scope it returned, and the next page starts at that scope again
        node.chain("get_table_by_scope", q -> switch (q.path("lower_bound").asText("")) {
            case "" -> scopes("carol", scope("alice", "items"), scope("bob", "items"), scope("carol", "items"));
            case "carol" -> scopes("erin", scope("carol", "items"), scope("dave", "items"));
            default -> scopes("", scope("erin", "items"));
        });
        StepVerifier.create(pager.scopes(TableScopeQuery.of("shop").table("items").limit(3))
                .map(s -> s.scope().toString()))
                .expectNext("alice", "bob", "carol", "dave", "erin").expectComplete().verify(VERIFY);
        assertThat(node.requests("get_table_by_scope")).hasSize(3);
    }

    @Test
    void aScopePageThatNeverAdvancesIsAnError() {
        node.chain("get_table_by_scope", q -> scopes("carol", scope("carol", "items")));
        StepVerifier.create(pager.scopes(TableScopeQuery.of("shop").table("items").limit(1)))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("gives no new scope"))
                .verify(VERIFY);
    }
    /**
     * A secondary index as a node pages it: rows ordered by a key that several rows share, and a
     * next_key that is only that key, so a page that ends inside a run makes the next one repeat
     * the run's rows sent.
     */
    private void serveRunsOfEqualKeys(String[][] rows) {
        node.chain("get_table_rows", q -> {
            String from = q.path("lower_bound").asText("");
            int limit = q.path("limit").asInt(10);
            List<JsonNode> out = new java.util.ArrayList<>();
            String next = "";
            for (String[] r : rows) {
                if (r[0].compareTo(from) < 0) {
                    continue;
                }
                if (out.size() == limit) {
                    next = r[0];
                    break;
                }
                out.add(row(Long.parseLong(r[1])));
            }
            return page(!next.isEmpty(), next, out.toArray(JsonNode[]::new));
        });
    }

    @Test
    void rowsOfARunThatAPageRepeatsAreDroppedAndLongRunsAreCrossed() {
        serveRunsOfEqualKeys(new String[][] {{"a", "1"}, {"a", "2"}, {"a", "3"}, {"b", "4"}, {"b", "5"}, {"c", "6"},
            {"c", "7"}, {"c", "8"}, {"c", "9"}, {"c", "10"}, {"d", "11"}});
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").index(2, "i64").limit(2))
                .map(r -> r.get("id").asLong()))
                .expectNext(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L)
                .expectComplete()
                .verify(VERIFY);
        assertThat(node.requests("get_table_rows")).allSatisfy(b -> assertThat(b.get("limit").asInt()).isLessThan(20));
    }

    @Test
    void aRunLongerThanTheNodeWillSendIsAnError() {
        // a node that sends at most 3 rows a page, whatever the limit, and a run of 5
        String[][] rows = {{"a", "1"}, {"a", "2"}, {"a", "3"}, {"a", "4"}, {"a", "5"}, {"b", "6"}};
        node.chain("get_table_rows", q -> {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                out.add(row(Long.parseLong(rows[i][1])));
            }
            return page(true, "a", out.toArray(JsonNode[]::new));
        });
        StepVerifier.create(pager.rows(TableQuery.of("shop", "shop", "items").index(2, "i64").limit(2))
                .map(r -> r.get("id").asLong()))
                .expectNext(1L, 2L, 3L)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("no new row"))
                .verify(VERIFY);
    }
}
