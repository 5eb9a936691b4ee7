package io.antelopekit.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.BinaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AbiDefinitionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Path vectors() {
        return Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"));
    }

    static Path mockData() {
        return Path.of(System.getProperty("antelopekit.mockData", "../conformance/mock-data"));
    }

    static List<Path> abiFiles() throws IOException {
        try (Stream<Path> s = Files.list(vectors().resolve("abis"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorAbiParsesCompilesAndRoundTrips() throws IOException {
        return abiFiles().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            JsonNode original = JSON.readTree(Files.readString(p));
            AbiDefinition def = AbiDefinition.fromJson(original);

            JsonNode written = JSON.readTree(def.toJson());
            for (Iterator<String> it = original.fieldNames(); it.hasNext();) {
                String field = it.next();
                assertThat(written.get(field)).as(field).isEqualTo(original.get(field));
            }
            for (String section : List.of("version", "types", "structs", "actions", "tables", "ricardian_clauses",
                    "error_messages", "abi_extensions", "variants", "action_results")) {
                assertThat(written.has(section)).as(section).isTrue();
            }
            assertThat(AbiDefinition.fromJson(def.toJson())).isEqualTo(def);
            assertThat(AbiDefinition.decode(def.encode())).isEqualTo(def);

            Abi abi = Abi.from(def);
            for (AbiDefinition.ActionDef a : def.actions()) {
                assertThat(abi.actionType(a.name())).contains(a.type());
                assertThat(abi.hasType(a.type())).isTrue();
            }
        }));
    }

    record RawAbi(Path file, String account, byte[] bytes) {
    }

    static List<RawAbi> rawAbis() throws IOException {
        List<RawAbi> out = new ArrayList<>();
        for (String line : Files.readAllLines(mockData().resolve("index.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length > 3 && cols[3].equals("get_raw_abi")) {
                JsonNode body = body(mockData().resolve(cols[0]));
                if (body.path("abi").isTextual() && !body.path("abi").asText().isEmpty()) {
                    out.add(new RawAbi(mockData().resolve(cols[0]), body.get("account_name").asText(),
                            Base64.getDecoder().decode(body.get("abi").asText().replaceFirst("=+$", ""))));
                }
            }
        }
        return out;
    }

    static JsonNode body(Path file) throws IOException {
        JsonNode d = JSON.readTree(Files.readString(file));
        return d.has("json") ? d.get("json") : d;
    }

    /** Every JSON ABI we have, by account: get_abi responses and the vectors' ABI files. */
    static Map<String, List<Map.Entry<String, AbiDefinition>>> jsonAbis() throws IOException {
        Map<String, List<Map.Entry<String, AbiDefinition>>> out = new TreeMap<>();
        for (String line : Files.readAllLines(mockData().resolve("index.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length > 3 && cols[3].equals("get_abi")) {
                JsonNode body = body(mockData().resolve(cols[0]));
                if (body.path("abi").isObject()) {
                    out.computeIfAbsent(body.get("account_name").asText(), k -> new ArrayList<>())
                            .add(Map.entry(cols[0], AbiDefinition.fromJson(body.get("abi"))));
                }
            }
        }
        for (Path p : abiFiles()) {
            String account = p.getFileName().toString().replaceFirst("\\.json$", "");
            out.computeIfAbsent(account, k -> new ArrayList<>())
                    .add(Map.entry("vectors/abis/" + p.getFileName(), AbiDefinition.fromJson(Files.readString(p))));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> getRawAbiResponsesDecodeReencodeAndCompile() throws IOException {
        List<RawAbi> raws = rawAbis();
        assertThat(raws).hasSizeGreaterThanOrEqualTo(7);
        return raws.stream().map(raw -> DynamicTest.dynamicTest(raw.account() + " " + raw.file().getFileName(), () -> {
            AbiDefinition def = AbiDefinition.decode(raw.bytes());
            assertThat(AbiDefinition.decodeBase64(Base64.getEncoder().encodeToString(raw.bytes()) + "=")).isEqualTo(def);
            assertThat(def.version()).startsWith("eosio::abi/1.");
            assertSameUpToEmptyTrailingSections(def.encode(), raw.bytes());
            assertThat(AbiDefinition.fromJson(def.toJson())).isEqualTo(def);
            Abi.from(def);
        }));
    }

    /**
     * A node packs every section; tools that set some of these ABIs left out empty trailing
     * ones (action_results) or added an empty EOSIO 2.1 kv_tables: the bytes agree up to those.
     */
    static void assertSameUpToEmptyTrailingSections(byte[] encoded, byte[] raw) {
        int n = Math.min(encoded.length, raw.length);
        assertThat(java.util.Arrays.copyOf(encoded, n)).as("common prefix").isEqualTo(java.util.Arrays.copyOf(raw, n));
        byte[] tail = java.util.Arrays.copyOfRange(encoded.length > n ? encoded : raw, n, Math.max(encoded.length, raw.length));
        assertThat(tail.length).as("extra empty sections").isLessThanOrEqualTo(2);
        for (byte b : tail) {
            assertThat(b).as("an empty section").isZero();
        }
    }

    /** Which raw ABI equals which JSON ABI of the same contract (same deployment). */
    @Test
    void rawAbisEqualTheJsonAbisOfTheSameDeployment() throws IOException {
        Map<String, List<Map.Entry<String, AbiDefinition>>> json = jsonAbis();
        List<String> matches = new ArrayList<>();
        for (RawAbi raw : rawAbis()) {
            AbiDefinition def = AbiDefinition.decode(raw.bytes());
            for (Map.Entry<String, AbiDefinition> candidate : json.getOrDefault(raw.account(), List.of())) {
                if (candidate.getValue().equals(def)) {
                    matches.add(raw.account() + ": " + raw.file().getFileName() + " = " + candidate.getKey());
                }
            }
        }
        assertThat(matches).containsExactlyInAnyOrder(EXPECTED_MATCHES.toArray(new String[0]));
    }

    static final List<String> EXPECTED_MATCHES = List.of(
            "eosio.token: 36ecb0300faf53a8b5c92d3f78a5b3e7bc5e8ae4.json = antelope/3f3786a2323931bf4cf1f7b363b68bf6ccbe62dd.json",
            "eosio.token: 36ecb0300faf53a8b5c92d3f78a5b3e7bc5e8ae4.json = antelope/913cc45be026af730594f9763c1b4c34170127c7.json",
            "corecorecore: 4ff5cef9a9a86dc04c814699e95b76ba3cb692f6.json = antelope/729bba91d928301d9e5a1a2cf6b91c5369122122.json",
            "todoapp12345: b36a593958cd5c0c43580e88dea78a27c060674b.json = vectors/abis/todoapp12345.json",
            "eosio.evm: d40aa2f3c738b36ed53bfd494df6b7da9594fff5.json = vectors/abis/eosio.evm.json");

    /** The vectors' eosio ABI is jungle4's with the ricardian texts left out. */
    @Test
    void rawEosioAbiIsTheVectorsEosioAbiWithRicardianTexts() throws IOException {
        RawAbi raw = rawAbis().stream().filter(r -> r.account().equals("eosio")).findFirst().orElseThrow();
        AbiDefinition binary = AbiDefinition.decode(raw.bytes());
        AbiDefinition json = AbiDefinition.fromJson(Files.readString(vectors().resolve("abis/eosio.json")));
        assertThat(binary.types()).isEqualTo(json.types());
        assertThat(binary.structs()).isEqualTo(json.structs());
        assertThat(binary.tables()).isEqualTo(json.tables());
        assertThat(binary.variants()).isEqualTo(json.variants());
        assertThat(binary.actions()).extracting(a -> a.name() + ":" + a.type())
                .isEqualTo(json.actions().stream().map(a -> a.name() + ":" + a.type()).collect(Collectors.toList()));
        assertThat(binary.actions().stream().filter(a -> !a.ricardianContract().isEmpty()).count()).isPositive();
    }

    @Test
    void olderBinaryAbisMayLackTheVariantsAndActionResultsSections() {
        AbiDefinition full = AbiDefinition.fromJson("{\"version\":\"eosio::abi/1.0\",\"structs\":[{\"name\":\"s\",\"base\":\"\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"uint8\"}]}],\"actions\":[{\"name\":\"act\",\"type\":\"s\","
                + "\"ricardian_contract\":\"\"}]}");
        byte[] bytes = full.encode();
        // every section up to abi_extensions, as an eosio::abi/1.0 packer wrote it
        byte[] v10 = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        assertThat(AbiDefinition.decode(v10)).isEqualTo(full);
        byte[] v11 = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThat(AbiDefinition.decode(v11)).isEqualTo(full);
        assertThat(Abi.fromBinary(v10).actionType("act")).contains("s");
    }

    @Test
    void hostileBinaryAbisFailFast() {
        BinaryWriter w = new BinaryWriter();
        w.writeString("eosio::abi/1.2").writeVarUInt32(0xFFFF_FFFFL);
        assertThatThrownBy(() -> AbiDefinition.decode(w.toByteArray()))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("types")
                .hasMessageContaining("4294967295");

        byte[] good = AbiDefinition.fromJson("{\"version\":\"eosio::abi/1.2\"}").encode();
        assertThatThrownBy(() -> AbiDefinition.decode(java.util.Arrays.copyOf(good, good.length - 5)))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("binary ABI is invalid");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        trailing[good.length] = 5;
        assertThatThrownBy(() -> AbiDefinition.decode(trailing))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("kv_tables");
        byte[] afterKvTables = java.util.Arrays.copyOf(good, good.length + 2);
        assertThat(AbiDefinition.decode(java.util.Arrays.copyOf(good, good.length + 1)))
                .as("an empty EOSIO 2.1 kv_tables section").isEqualTo(AbiDefinition.decode(good));
        assertThatThrownBy(() -> AbiDefinition.decode(afterKvTables))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("1 unexpected bytes after its last section");
        assertThatThrownBy(() -> AbiDefinition.decode(new byte[0])).isInstanceOf(AbiSerializationException.class);
    }

    @Test
    void jsonWithMissingSectionsReadsAsEmptyAndWritesEverySection() throws IOException {
        AbiDefinition def = AbiDefinition.fromJson("{\"version\":\"eosio::abi/1.1\",\"structs\":[{\"name\":\"x\","
                + "\"fields\":[]}],\"unknown_future_field\":1}");
        assertThat(def.types()).isEmpty();
        assertThat(def.structs().get(0).base()).isEmpty();
        JsonNode written = JSON.readTree(def.toJson());
        assertThat(written.fieldNames()).toIterable().containsExactly("version", "types", "structs", "actions", "tables",
                "ricardian_clauses", "error_messages", "abi_extensions", "variants", "action_results");
    }

    @Test
    void errorMessagesAndExtensionsUseTheNodeJsonForms() throws IOException {
        String json = "{\"version\":\"eosio::abi/1.2\",\"error_messages\":[{\"error_code\":7,\"error_msg\":\"seven\"},"
                + "{\"error_code\":\"18446744073709551615\",\"error_msg\":\"max\"}],\"abi_extensions\":[[1,\"ABCD\"]]}";
        AbiDefinition def = AbiDefinition.fromJson(json);
        assertThat(def.errorMessages().get(0).errorCode()).isEqualTo(7L);
        assertThat(def.errorMessages().get(1).errorCode()).isEqualTo(-1L);
        assertThat(def.abiExtensions().get(0)).isEqualTo(new AbiDefinition.ExtensionDef(1, "abcd"));
        ObjectNode written = (ObjectNode) JSON.readTree(def.toJson());
        assertThat(written.get("error_messages").get(0).get("error_code").isNumber()).isTrue();
        assertThat(written.get("error_messages").get(1).get("error_code").asText()).isEqualTo("18446744073709551615");
        assertThat(written.get("abi_extensions").toString()).isEqualTo("[[1,\"abcd\"]]");
        assertThat(AbiDefinition.decode(def.encode())).isEqualTo(def);
    }

    @Test
    void malformedJsonIsATypedError() {
        assertThatThrownBy(() -> AbiDefinition.fromJson("{not json")).isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> AbiDefinition.fromJson("[1]")).isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("must be an object");
        assertThatThrownBy(() -> AbiDefinition.fromJson("{\"error_messages\":[{\"error_code\":-1}]}"))
                .isInstanceOf(AbiSerializationException.class)
                .hasMessageContaining("error_code -1 is out of range");
    }
}
