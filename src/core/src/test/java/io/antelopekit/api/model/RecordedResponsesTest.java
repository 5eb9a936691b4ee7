package io.antelopekit.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.model.MockData.Endpoint;
import io.antelopekit.api.model.MockData.Recording;
import io.antelopekit.crypto.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded node response whose endpoint has a model parses into that model without loss:
 * written back with {@link ChainJson#mapper()}, each top-level field the model exposes equals the
 * node's JSON, nested fields included, and no top-level field of the node's answer is left out.
 *
 * <p>Equality is exact (same JSON types, same strings, same numbers, 64-bit integers written as
 * strings exactly where the node wrote strings) except for two documented normalisations:
 * <ul>
 *   <li>a field that is absent equals a field that is {@code null} (the models read both as
 *       {@code null} and do not write nulls);</li>
 *   <li>a public key in legacy form ({@code EOS...}, {@code FIO...}) equals its
 *       {@code PUB_K1_...} form when both parse to the same {@link PublicKey}: the models hold
 *       keys as {@code PublicKey}, which writes the canonical form.</li>
 * </ul>
 */
class RecordedResponsesTest {

    private static final ObjectMapper MAPPER = ChainJson.mapper();
    /** Writes nulls too, to list every property a model exposes. */
    private static final ObjectMapper ALL_PROPERTIES = ChainJson.newMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);

    @TestFactory
    Stream<DynamicTest> everyModelledRecordingParsesWithoutLoss() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Recording r : MockData.all()) {
            Endpoint endpoint = MockData.classify(r, readTree(r.body()));
            if (endpoint.modelled()) {
                tests.add(DynamicTest.dynamicTest(endpoint + " " + r.file(), () -> checkNoLoss(r, endpoint)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyRecordingIsIdentifiedAndTheModelledOnesAreCounted() throws Exception {
        List<Recording> all = MockData.all();
        Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
        int parsed = 0;
        for (Recording r : all) {
            Endpoint endpoint = MockData.classify(r, readTree(r.body()));
            counts.merge(endpoint, 1, Integer::sum);
            if (endpoint.modelled()) {
                assertThat(MAPPER.readValue(r.body(), endpoint.model)).as(r.file()).isNotNull();
                parsed++;
            }
        }
        System.out.println("recorded responses: " + all.size() + ", parsed into models: " + parsed + ", by endpoint: "
                + counts);
        assertThat(parsed).as("recordings parsed into a model").isPositive();
        // the endpoints the chain client depends on must each be covered by a recording
        assertThat(counts).containsKeys(Endpoint.GET_INFO, Endpoint.GET_ACCOUNT, Endpoint.GET_ABI,
                Endpoint.GET_RAW_ABI, Endpoint.GET_BLOCK, Endpoint.GET_TABLE_ROWS, Endpoint.TRANSACTION,
                Endpoint.ERROR);
    }

    private static void checkNoLoss(Recording r, Endpoint endpoint) throws Exception {
        JsonNode original = readTree(r.body());
        Object model = MAPPER.readValue(r.body(), endpoint.model);
        JsonNode written = MAPPER.valueToTree(model);
        if (!original.isObject() || model instanceof Map) {
            String d = diff("$", original, written);
            assertThat(d).as(r.file() + " written back differs").isNull();
            return;
        }
        Set<String> exposed = new TreeSet<>(MockData.fieldNames(ALL_PROPERTIES.valueToTree(model)));
        Set<String> notExposed = new LinkedHashSet<>();
        List<String> diffs = new ArrayList<>();
        for (Iterator<String> it = original.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!exposed.contains(key)) {
                notExposed.add(key);
                continue;
            }
            String d = diff("$." + key, original.get(key), written.get(key));
            if (d != null) {
                diffs.add(d);
            }
        }
        assertThat(diffs).as(r.file() + ": fields that differ when written back").isEmpty();
        assertThat(notExposed).as(r.file() + ": fields of the node's answer that " + endpoint.model.getSimpleName()
                + " drops").isEmpty();
        // nothing invented: every field written back was in the node's answer
        for (Iterator<String> it = written.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            assertThat(original.has(key)).as(r.file() + ": " + endpoint.model.getSimpleName() + " wrote " + key
                    + " that the node did not send").isTrue();
        }
    }

    /** The first difference between the node's JSON and the written-back JSON, or null if equal. */
    static String diff(String path, JsonNode expected, JsonNode actual) {
        boolean expectedAbsent = expected == null || expected.isMissingNode() || expected.isNull();
        boolean actualAbsent = actual == null || actual.isMissingNode() || actual.isNull();
        if (expectedAbsent || actualAbsent) {
            return expectedAbsent == actualAbsent ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return path + ": expected " + expected.getNodeType() + " " + expected + " but was "
                    + actual.getNodeType() + " " + actual;
        }
        if (expected.isObject()) {
            Set<String> keys = new LinkedHashSet<>(MockData.fieldNames(expected));
            keys.addAll(MockData.fieldNames(actual));
            for (String k : keys) {
                String d = diff(path + "." + k, expected.get(k), actual.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": expected " + expected.size() + " elements but was " + actual.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = diff(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isNumber()) {
            boolean same = expected.isIntegralNumber() && actual.isIntegralNumber()
                    ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
                    : expected.decimalValue().equals(actual.decimalValue());
            return same ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected.isTextual()) {
            String e = expected.textValue();
            String a = actual.textValue();
            if (e.equals(a) || sameKey(e, a)) {
                return null;
            }
            return path + ": expected \"" + e + "\" but was \"" + a + "\"";
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
    }

    private static boolean sameKey(String legacy, String canonical) {
        if (!canonical.startsWith("PUB_")) {
            return false;
        }
        try {
            return PublicKey.from(legacy).equals(PublicKey.from(canonical));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("recorded body is not JSON: " + e.getMessage(), e);
        }
    }

    @Test
    void theComparisonItselfCatchesLoss() {
        JsonNode original = readTree("{\"a\":{\"b\":[1,\"4294967296\",true]},\"k\":\"x\"}");
        assertThat(diff("$", original, readTree("{\"a\":{\"b\":[1,\"4294967296\",true]},\"k\":\"x\"}"))).isNull();
        assertThat(diff("$", original, readTree("{\"a\":{\"b\":[1,4294967296,true]},\"k\":\"x\"}")))
                .contains("$.a.b[1]");
        assertThat(diff("$", original, readTree("{\"a\":{\"b\":[1,\"4294967296\"]},\"k\":\"x\"}")))
                .contains("$.a.b");
        assertThat(diff("$", original, readTree("{\"a\":{\"b\":[1,\"4294967296\",true],\"c\":1},\"k\":\"x\"}")))
                .contains("$.a.c");
        assertThat(diff("$", readTree("{\"a\":null}"), readTree("{}"))).isNull();
        assertThat(diff("$", readTree("{\"a\":1.50}"), readTree("{\"a\":1.5}"))).contains("$.a");
        assertThat(diff("$", readTree("{\"a\":1}"), readTree("{\"a\":1}"))).isNull();
    }
}
