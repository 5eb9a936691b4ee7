package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The devnet's answers have the keys, in the order, of real nodes' answers recorded in
 * {@code src/conformance/mock-data} (system property {@code antelopekit.mockData}).
 */
class DevnetShapeTest {

    static Devnet devnet;
    static DevnetHttp node;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
    }

    @AfterAll
    static void stop() {
    }

    /** The body of the first recording of {@code endpoint} answered with {@code status}. */
    static JsonNode recorded(String endpoint, String status) throws IOException {
        Path dir = Path.of(System.getProperty("antelopekit.mockData", "../conformance/mock-data"));
        for (String line : Files.readAllLines(dir.resolve("index.tsv"))) {
            String[] f = line.split("\t");
            if (f.length > 3 && f[3].equals(endpoint) && f[2].equals(status)) {
                return DevnetHttp.MAPPER.readTree(dir.resolve(f[0]).toFile()).get("json");
            }
        }
        throw new IllegalStateException("no recording of " + endpoint);
    }

    static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void getInfoGetAccountAndGetBlockHaveTheNodesKeys() throws IOException {
        assertThat(keys(node.info())).containsExactlyElementsOf(keys(recorded("get_info", "200")));
        assertThat(keys(node.call("/v1/chain/get_account", Map.of("account_name", "alice")).body()))
                .containsExactlyElementsOf(keys(recorded("get_account", "200")));
        JsonNode block = node.call("/v1/chain/get_block", Map.of("block_num_or_id", 1)).body();
        assertThat(keys(block)).containsExactlyElementsOf(keys(recorded("get_block", "200")));
        assertThat(keys(node.call("/v1/chain/get_raw_abi", Map.of("account_name", "eosio.token")).body()))
                .containsExactlyElementsOf(keys(recorded("get_raw_abi", "200")));
    }

    @Test
    void pushAnswersAndErrorsHaveTheNodesKeys() throws IOException {
        JsonNode real = recorded("send/push_transaction", "202");
        JsonNode mine = node.send(node.transfer("alice", "bob", "0.0001 EOS", "shape",
                DevAccount.of("alice").privateKey())).body();
        assertThat(keys(mine)).containsExactlyElementsOf(keys(real));
        assertThat(keys(mine.get("processed"))).containsExactlyElementsOf(keys(real.get("processed")));
        List<String> realTrace = keys(real.get("processed").get("action_traces").get(0));
        realTrace.removeAll(List.of("return_value_data"));
        assertThat(keys(mine.get("processed").get("action_traces").get(0))).containsExactlyElementsOf(realTrace);
        JsonNode realError = recorded("error", "400");
        JsonNode error = node.call("/v1/chain/get_block", Map.of("block_num_or_id", 999)).body();
        assertThat(keys(error)).containsExactlyElementsOf(keys(realError));
        assertThat(keys(error.get("error"))).containsExactlyElementsOf(keys(realError.get("error")));
        assertThat(keys(error.get("error").get("details").get(0)))
                .containsExactlyElementsOf(keys(realError.get("error").get("details").get(0)));
    }
}
