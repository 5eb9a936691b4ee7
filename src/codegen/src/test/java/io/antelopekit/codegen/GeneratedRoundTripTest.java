package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Hex;
import io.antelopekit.codegen.internal.JavaNames;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates the class of every test ABI, compiles it with {@code -Xlint:all -Werror}, and checks
 * the generated binary code against the ABI serializer ({@code Abi.encode}, the oracle) for every
 * struct and variant: with random values, and with the conformance vectors of that ABI.
 */
class GeneratedRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 12;

    /** Accounts for the ABI files whose names are not accounts. */
    private static final Map<String, String> ACCOUNTS = Map.of("esr-test.eosio.token", "esr.token");

    static Stream<Path> abiFiles() {
        return GeneratedCode.abiFiles().stream();
    }

    static String accountOf(Path file) {
        String a = GeneratedCode.account(file);
        return ACCOUNTS.getOrDefault(a, a);
    }

    @ParameterizedTest
    @MethodSource("abiFiles")
    void generatedCodeIsByteExactWithTheAbiSerializer(Path file, @TempDir Path dir) throws Exception {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        String account = accountOf(file);
        String pkg = "gen." + account.replace('.', '_');
        GeneratedSource source = ContractGenerator.builder().packageName(pkg).build().generate(account, json);
        ClassLoader loader = GeneratedCode.compile(dir, List.of(source));
        AbiDefinition def = AbiDefinition.fromJson(json);
        Abi abi = Abi.from(def);
        Samples samples = new Samples(def);
        String outer = source.qualifiedName();

        assertThat(loader.loadClass(outer).getMethod("abi").invoke(null)).as("the embedded ABI")
                .extracting(a -> ((Abi) a).definition()).isEqualTo(def);

        int checked = 0;
        for (String struct : samples.recordStructs()) {
            Class<?> cls = loader.loadClass(outer + "$" + JavaNames.className(struct));
            assertThat(cls.isRecord()).as(cls + " is a record").isTrue();
            for (int seed = 0; seed < SAMPLES; seed++) {
                Random rnd = new Random(struct.hashCode() * 31L + seed);
                roundTrip(abi, samples, struct, cls, samples.sample(struct, rnd, seed % 2 == 1));
                checked++;
            }
        }
        for (AbiDefinition.VariantDef v : def.variants()) {
            Class<?> iface = loader.loadClass(outer + "$" + JavaNames.className(v.name()));
            assertThat(iface.isSealed()).as(iface + " is sealed").isTrue();
            assertThat(iface.getPermittedSubclasses()).hasSize(v.types().size());
            for (int seed = 0; seed < SAMPLES * 2; seed++) {
                roundTrip(abi, samples, v.name(), iface, samples.sample(v.name(), new Random(seed), false));
                checked++;
            }
        }
        for (JsonNode vector : vectors(GeneratedCode.account(file))) {
            String type = vector.get("type").asText();
            if (!samples.isStruct(type)) {
                continue;
            }
            Class<?> cls = loader.loadClass(outer + "$" + JavaNames.className(type));
            // the node's JSON, unless the vector says it does not encode back to the same bytes (a float32 printed
            // with fewer digits): then the value the bytes were made from
            JsonNode value = vector.path("reencode_matches").asBoolean(true) ? vector.get("json_value") : vector.get("input_value");
            byte[] bytes = roundTrip(abi, samples, type, cls, value);
            assertThat(Hex.encode(bytes)).as("vector %s", vector.get("type")).isEqualTo(vector.get("hex").asText());
            checked++;
        }
        assertThat(checked).as("values checked").isPositive();
    }

    /** Encodes {@code json} with the ABI and with the generated class; both must agree, and decode back to the same value. */
    private static byte[] roundTrip(Abi abi, Samples samples, String type, Class<?> cls, JsonNode json) throws Exception {
        byte[] expected = abi.encode(type, json);
        Object value = samples.toJava(type, json, cls);
        byte[] actual = ((BinaryEncodable) value).toBytes();
        assertThat(Hex.encode(actual)).as("generated encode of %s %s", type, json).isEqualTo(Hex.encode(expected));
        Method decode = cls.getMethod("decode", BinaryReader.class);
        BinaryReader in = new BinaryReader(expected);
        Object decoded = decode.invoke(null, in);
        assertThat(in.remaining()).as("bytes left after decoding %s", type).isZero();
        assertThat(decoded).as("generated decode of %s %s", type, json).isEqualTo(value);
        return expected;
    }

    private static List<JsonNode> vectors(String abiName) throws IOException {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"), "abi_encode.jsonl");
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode v = JSON.readTree(line);
                if (v.get("abi_name").asText().equals(abiName) && v.has("hex") && v.has("json_value")) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
