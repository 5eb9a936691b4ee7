package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Name;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** get_table_rows: one page, every page following next_key, rows decoded by the node or through the ABI. */
@ExtendWith(NonBlocking.class)
class ChainClientTableTest {

    static final String HEX_PAGE_1 = "antelope/9fd73a708eb2c824f36aed1e811004e42e9b468f.json";
    static final String HEX_PAGE_2 = "antelope/ab127b874ca1e9c25c5d7e39c9484708fb52ea1d.json";
    static final String STAT = "antelope/27c4016d845e7536d18be19ea8712f95e26b1381.json";
    static final String STAT_WITH_PAYER = "antelope/f0106008013b62a558774617ef77a690a2507ae0.json";

    /** A row of eosio.token's accounts table. */
    record Account(Asset balance) {
    }

    /** A row of eosio.token's stat table, as the ABI decodes it (fields matched in camelCase). */
    record Stat(Asset supply, Asset maxSupply, Name issuer) {
    }

    /** The same row read from the node's JSON with Jackson. */
    record StatJson(Asset supply, @JsonProperty("max_supply") Asset maxSupply, Name issuer) {
    }

    static Abi token;
    private MockNode node;
    private ChainClient client;

    @BeforeAll
    static void abi() throws IOException {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"), "abis", "eosio.token.json");
        token = Abi.fromJson(Files.readString(file));
    }

    @BeforeEach
    void start() {
        node = MockNode.start();
        client = Clients.fast(node).build();
    }

    @AfterEach
    void stop() {
        client.dispose();
        node.close();
    }

    static String accountHex(String balance) {
        ObjectNode row = ChainJson.mapper().createObjectNode().put("balance", balance);
        return HexFormat.of().formatHex(token.encode("account", row));
    }

    static String page(boolean more, String nextKey, String... hexRows) {
        ObjectNode page = ChainJson.mapper().createObjectNode();
        ArrayNode rows = page.putArray("rows");
        for (String r : hexRows) {
            rows.add(r);
        }
        page.put("more", more);
        page.put("next_key", nextKey);
        return page.toString();
    }

    /** Serves accounts in pages of two keyed 100, 200, 300, by lower_bound (or upper_bound when reversed). */
    private void serveAccounts() {
        String one = accountHex("1.0000 EOS");
        String two = accountHex("2.0000 EOS");
        String three = accountHex("3.0000 EOS");
        node.chain("get_table_rows", MockNode.dynamic(r -> {
            JsonNode q = r.json();
            boolean reverse = q.path("reverse").asBoolean(false);
            String bound = reverse ? q.path("upper_bound").asText("") : q.path("lower_bound").asText("");
            if (reverse) {
                return MockNode.json(200, bound.isEmpty() ? page(true, "100", three, two) : page(false, "", one));
            }
            return MockNode.json(200, bound.isEmpty() ? page(true, "300", one, two) : page(false, "", three));
        }));
    }

    @Test
    void rowsFollowNextKeyAndDecodeThroughTheAbi() {
        serveAccounts();
        TableQuery q = TableQuery.of("eosio.token", "alice", "accounts").limit(2);
        StepVerifier.create(client.tableRows(q, token, Account.class).map(a -> a.balance().toString()))
                .expectNext("1.0000 EOS", "2.0000 EOS", "3.0000 EOS")
                .expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> sent = node.requests("get_table_rows");
        assertThat(sent).hasSize(2);
        JsonNode first = sent.get(0).json();
        assertThat(first.get("code").asText()).isEqualTo("eosio.token");
        assertThat(first.get("scope").asText()).isEqualTo("alice");
        assertThat(first.get("table").asText()).isEqualTo("accounts");
        assertThat(first.get("json").asBoolean()).as("binary rows for the ABI").isFalse();
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(first.has("lower_bound")).isFalse();
        assertThat(sent.get(1).json().get("lower_bound").asText()).isEqualTo("300");
    }

    @Test
    void rowsDecodeToJson() {
        serveAccounts();
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "alice", "accounts"), token))
                .expectNext(ChainJson.mapper().createObjectNode().put("balance", "1.0000 EOS"))
                .expectNextCount(2)
                .expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void reversedPagingUsesTheUpperBound() {
        serveAccounts();
        TableQuery q = TableQuery.of("eosio.token", "alice", "accounts").reverse(true);
        StepVerifier.create(client.tableRows(q, token, Account.class).map(a -> a.balance().toString()))
                .expectNext("3.0000 EOS", "2.0000 EOS", "1.0000 EOS")
                .expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> sent = node.requests("get_table_rows");
        assertThat(sent.get(1).json().get("upper_bound").asText()).isEqualTo("100");
        assertThat(sent.get(1).json().get("reverse").asBoolean()).isTrue();
    }

    @Test
    void pagesAreFetchedOnDemand() {
        serveAccounts();
        TableQuery q = TableQuery.of("eosio.token", "alice", "accounts").limit(2);
        // one connection: a next page asked for ahead of demand would hold it before the probe below,
        // so once the probe has its answer, such a request would have reached the node
        ChainClient single = Clients.fast(node).maxConnections(1).build();
        try {
            StepVerifier.create(single.tableRows(q, token, Account.class), 0)
                    .thenRequest(1)
                    .expectNextCount(1)
                    .then(() -> single.getInfo().onErrorResume(e -> Mono.empty()).block(Clients.TIMEOUT))
                    .then(() -> assertThat(node.requests("get_info")).as("the probe").hasSize(1))
                    .then(() -> assertThat(node.requests("get_table_rows")).hasSize(1))
                    .thenCancel()
                    .verify(Clients.VERIFY);
        } finally {
            single.dispose();
        }
    }

    @Test
    void recordedPagesReplay() {
        JsonNode p1 = Recorded.of(HEX_PAGE_1).json();
        JsonNode p2 = Recorded.of(HEX_PAGE_2).json();
        node.chain("get_table_rows", MockNode.recorded(HEX_PAGE_1), MockNode.recorded(HEX_PAGE_2), MockNode.recorded(STAT));
        TableQuery q = TableQuery.of("eosio", "eosio", "producers").json(false);
        StepVerifier.create(client.tableRowsPages(q).map(page -> page.rows().size()))
                .expectNext(p1.get("rows").size(), p2.get("rows").size(), 1)
                .expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> sent = node.requests("get_table_rows");
        assertThat(sent.get(1).json().get("lower_bound").asText()).isEqualTo(p1.get("next_key").asText());
        assertThat(sent.get(2).json().get("lower_bound").asText()).isEqualTo(p2.get("next_key").asText());
        node.chain("get_table_rows", MockNode.recorded(HEX_PAGE_1));
        StepVerifier.create(client.tableRows(q).take(1))
                .assertNext(row -> assertThat(row.isTextual()).isTrue())
                .expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void nodeDecodedRowsMapToRecords() {
        JsonNode recorded = Recorded.of(STAT).json().get("rows").get(0);
        node.chain("get_table_rows", MockNode.recorded(STAT));
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "EOS", "stat"), StatJson.class))
                .assertNext(s -> {
                    assertThat(s.maxSupply().toString()).isEqualTo(recorded.get("max_supply").asText());
                    assertThat(s.issuer().toString()).isEqualTo(recorded.get("issuer").asText());
                })
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_table_rows").get(0).json().get("json").asBoolean()).isTrue();
    }

    @Test
    void payerIsKeptInRawRowsAndDroppedInRecords() {
        node.chain("get_table_rows", MockNode.recorded(STAT_WITH_PAYER));
        TableQuery q = TableQuery.of("eosio.token", "EOS", "stat").showPayer(true);
        StepVerifier.create(client.tableRows(q))
                .assertNext(row -> assertThat(row.get("payer").asText()).isEqualTo("eosio.token"))
                .expectComplete().verify(Clients.VERIFY);
        StepVerifier.create(client.tableRows(q, StatJson.class))
                .assertNext(s -> assertThat(s.supply().toString()).isEqualTo("1163425144.7960 EOS"))
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_table_rows").get(0).json().get("show_payer").asBoolean()).isTrue();
    }

    @Test
    void theAbiDecodesIntoRecordsWithCamelCaseFields() {
        ObjectNode stat = ChainJson.mapper().createObjectNode().put("supply", "10.0000 EOS")
                .put("max_supply", "100.0000 EOS").put("issuer", "eosio");
        String hex = HexFormat.of().formatHex(token.encode("currency_stats", stat));
        node.chain("get_table_rows", MockNode.json(200, page(false, "", hex)));
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "EOS", "stat"), token, Stat.class))
                .expectNext(new Stat(Asset.from("10.0000 EOS"), Asset.from("100.0000 EOS"), Name.from("eosio")))
                .expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void moreWithoutNextKeyIsMalformed() {
        node.chain("get_table_rows", MockNode.json(200, page(true, "", accountHex("1.0000 EOS"))));
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "alice", "accounts"), token))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("no next_key"))
                .verify(Clients.VERIFY);
    }

    @Test
    void aNextKeyThatDoesNotMoveIsMalformed() {
        node.chain("get_table_rows", MockNode.json(200, page(true, "5", accountHex("1.0000 EOS"))));
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "alice", "accounts").lowerBound("5"), token))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("where the page began, and no new row"))
                .verify(Clients.VERIFY);
        assertThat(node.count()).as("the page, then once more asking for more rows").isEqualTo(2);
    }

    @Test
    void aRowThatDoesNotDecodeIsNamed() {
        node.chain("get_table_rows", MockNode.json(200, page(false, "", accountHex("1.0000 EOS"), "0102")));
        StepVerifier.create(client.tableRows(TableQuery.of("eosio.token", "alice", "accounts"), token, Account.class))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("row 1").hasMessageContaining("account"))
                .verify(Clients.VERIFY);
    }

    @Test
    void aTableTheAbiDoesNotDeclareIsRefusedAtOnce() {
        assertThatThrownBy(() -> client.tableRows(TableQuery.of("eosio.token", "alice", "nothere"), token))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothere");
    }

    @Test
    void everyQuerySettingIsSent() {
        node.chain("get_table_rows", MockNode.json(200, page(false, "")));
        TableQuery q = TableQuery.of("eosio", "eosio", "voters").index(2, "name").encodeType("dec")
                .lowerBound("alice").upperBound("bob").limit(50).json(true).reverse(false).showPayer(false);
        StepVerifier.create(client.getTableRows(q))
                .assertNext(page -> assertThat(page.rows()).isEmpty())
                .expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("get_table_rows").get(0).json();
        assertThat(body.get("index_position").asText()).isEqualTo("secondary");
        assertThat(body.get("key_type").asText()).isEqualTo("name");
        assertThat(body.get("encode_type").asText()).isEqualTo("dec");
        assertThat(body.get("lower_bound").asText()).isEqualTo("alice");
        assertThat(body.get("upper_bound").asText()).isEqualTo("bob");
        assertThat(body.get("limit").asInt()).isEqualTo(50);
        assertThat(body.get("reverse").asBoolean()).isFalse();
        assertThat(body.get("show_payer").asBoolean()).isFalse();
        assertThat(q.toString()).contains("eosio/eosio/voters").contains("limit=50");
        assertThat(q).isEqualTo(TableQuery.of(Name.from("eosio"), "eosio", Name.from("voters")).index(2, "name")
                .encodeType("dec").lowerBound("alice").upperBound("bob").limit(50).json(true).reverse(false)
                .showPayer(false));
    }

    @Test
    void badQuerySettingsAreRefused() {
        TableQuery q = TableQuery.of("eosio", "eosio", "voters");
        assertThatThrownBy(() -> q.limit(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> q.index(11, "i64")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11");
        assertThatThrownBy(() -> q.encodeType("oct")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oct");
        assertThatThrownBy(() -> TableQuery.of("EOSIO", "x", "y")).hasMessageContaining("EOSIO");
    }

}
