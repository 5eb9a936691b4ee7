package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ABI written to hit every rule of the generator at once: a variant of structs, optionals
 * nested through a type alias, a struct with a base, binary extensions, reserved words, dotted
 * names and a leading digit, pair maps, a fixed array, a struct named like {@code java.lang}
 * classes, a table with secondary indices, read-only actions; then ABIs whose names clash.
 */
class TrickyAbiTest {

    static final String TRICKY = """
            {
              "version": "eosio::abi/1.3",
              "types": [
                {"new_type_name": "opt_name", "type": "name?"},
                {"new_type_name": "balances", "type": "pair_name_uint64[]"},
                {"new_type_name": "shape_alias", "type": "shape"}
              ],
              "structs": [
                {"name": "point", "base": "", "fields": [{"name": "x", "type": "int32"}, {"name": "y", "type": "int32"}]},
                {"name": "point3", "base": "point", "fields": [{"name": "z", "type": "int32"}]},
                {"name": "circle", "base": "", "fields": [{"name": "center", "type": "point"}, {"name": "radius", "type": "uint32"}]},
                {"name": "pair_name_uint64", "base": "", "fields": [{"name": "first", "type": "name"}, {"name": "second", "type": "uint64"}]},
                {"name": "pair_string_point", "base": "", "fields": [{"name": "key", "type": "string"}, {"name": "value", "type": "point"}]},
                {"name": "pair_odd", "base": "", "fields": [{"name": "a", "type": "name"}, {"name": "b", "type": "uint8"}]},
                {"name": "set.item", "base": "", "fields": [
                  {"name": "new", "type": "string"},
                  {"name": "class", "type": "uint8"},
                  {"name": "default", "type": "bool"},
                  {"name": "record", "type": "int16"},
                  {"name": "maybe", "type": "opt_name?"},
                  {"name": "bal", "type": "balances"},
                  {"name": "places", "type": "pair_string_point[]"},
                  {"name": "odds", "type": "pair_odd[]"},
                  {"name": "rgba", "type": "uint8[4]"},
                  {"name": "shapes", "type": "shape_alias[]"},
                  {"name": "1st", "type": "uint16"},
                  {"name": "hash_code", "type": "float32"},
                  {"name": "memo", "type": "string$"},
                  {"name": "tip", "type": "asset$"}
                ]},
                {"name": "object", "base": "", "fields": [{"name": "to_string", "type": "string"}, {"name": "wait", "type": "varuint32"}]},
                {"name": "override", "base": "point3", "fields": [{"name": "list", "type": "string[]"}, {"name": "optional", "type": "int8?"}]},
                {"name": "empty", "base": "", "fields": []},
                {"name": "row", "base": "", "fields": [
                  {"name": "id", "type": "uint64"}, {"name": "owner", "type": "name"}, {"name": "rank", "type": "uint128"},
                  {"name": "price", "type": "float64"}, {"name": "big", "type": "float128"}, {"name": "hash", "type": "checksum256"}
                ]}
              ],
              "variants": [
                {"name": "shape", "types": ["point", "point3", "circle", "string", "uint8[2]", "name[]", "opt_name", "object"]}
              ],
              "actions": [
                {"name": "set.item", "type": "set.item", "ricardian_contract": "---\\nspec_version: \\"0.2.0\\"\\ntitle: Set */ an @item <b>&\\nsummary: 'It''s a \\\\u002a/ trap'\\n---\\n\\nFirst paragraph.\\n\\nSecond */ paragraph {@code x}."},
                {"name": "new", "type": "point", "ricardian_contract": ""},
                {"name": "noop", "type": "empty", "ricardian_contract": ""},
                {"name": "draw", "type": "shape", "ricardian_contract": ""},
                {"name": "rows", "type": "row", "ricardian_contract": ""}
              ],
              "tables": [
                {"name": "rows", "index_type": "i64", "key_names": ["id", "owner", "rank", "price", "big", "hash"],
                 "key_types": ["i64", "name", "i128", "float64", "float128", "sha256"], "type": "row"},
                {"name": "shapes.x", "index_type": "i64", "key_names": [], "key_types": [], "type": "circle"}
              ],
              "ricardian_clauses": [{"id": "Rule */ one", "body": "No <script> & no @tags."}],
              "action_results": [
                {"name": "new", "result_type": "point?"},
                {"name": "noop", "result_type": "bool"},
                {"name": "rows", "result_type": "balances"}
              ]
            }
            """;

    @TempDir
    static Path dir;
    static GeneratedSource source;
    static ClassLoader loader;

    @BeforeAll
    static void generate() {
        source = ContractGenerator.builder().packageName("gen.tricky").build().generate("tricky.x", TRICKY);
        loader = GeneratedCode.compile(dir, List.of(source));
    }

    private static Class<?> nested(String name) throws ClassNotFoundException {
        return loader.loadClass("gen.tricky.TrickyX$" + name);
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void namesAreJavaSafeAndDeterministic() throws Exception {
        assertThat(source.className()).isEqualTo("TrickyX");
        assertThat(components(nested("SetItem"))).containsExactly("new_", "class_", "default_", "record_", "maybe", "bal",
                "places", "odds", "rgba", "shapes", "_1st", "hashCode_", "memo", "tip");
        assertThat(components(nested("Object"))).containsExactly("toString_", "wait_");
        Class<?> contract = loader.loadClass("gen.tricky.TrickyX");
        assertThat(Arrays.stream(contract.getMethods()).map(Method::getName))
                .contains("setItem", "new_", "new_ReadOnly", "noop", "noopReadOnly", "draw", "rows", "rowsReadOnly", "shapesX");
        assertThat(contract.getField("ACCOUNT").get(null)).isEqualTo(Name.from("tricky.x"));
    }

    @Test
    void containersMapAsTheSpecificationSays() throws Exception {
        Map<String, String> types = new java.util.HashMap<>();
        for (RecordComponent c : nested("SetItem").getRecordComponents()) {
            types.put(c.getName(), c.getGenericType().getTypeName());
        }
        assertThat(types).containsEntry("maybe", "java.util.Optional<java.util.Optional<io.antelopekit.chain.Name>>")
                .containsEntry("bal", "java.util.Map<io.antelopekit.chain.Name, java.lang.Long>")
                .containsEntry("places", "java.util.Map<java.lang.String, gen.tricky.TrickyX$Point>")
                .containsEntry("odds", "java.util.List<gen.tricky.TrickyX$PairOdd>")
                .containsEntry("rgba", "java.util.List<java.lang.Integer>")
                .containsEntry("shapes", "java.util.List<gen.tricky.TrickyX$Shape>")
                .containsEntry("class_", "int")
                .containsEntry("_1st", "int")
                .containsEntry("hashCode_", "float")
                .containsEntry("memo", "java.util.Optional<java.lang.String>")
                .containsEntry("tip", "java.util.Optional<io.antelopekit.chain.Asset>");
        assertThat(components(nested("Point3"))).containsExactly("x", "y", "z");
        assertThat(components(nested("Override"))).containsExactly("x", "y", "z", "list", "optional");
        Class<?> shape = nested("Shape");
        assertThat(shape.isSealed()).isTrue();
        assertThat(Arrays.stream(shape.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactly("Point", "Point3", "Circle", "String", "Uint8Array2", "NameList", "OptName", "Object");
    }

    @Test
    void everyStructAndTheVariantRoundTripThroughTheAbiSerializer() throws Exception {
        AbiDefinition def = AbiDefinition.fromJson(TRICKY);
        Abi abi = Abi.from(def);
        Samples samples = new Samples(def);
        int checked = 0;
        for (String struct : samples.recordStructs()) {
            Class<?> cls = nested(io.antelopekit.codegen.internal.JavaNames.className(struct));
            for (int seed = 0; seed < 40; seed++) {
                roundTrip(abi, samples, struct, cls, samples.sample(struct, new Random(seed), seed % 2 == 0));
                checked++;
            }
        }
        for (int seed = 0; seed < 80; seed++) {
            roundTrip(abi, samples, "shape", nested("Shape"), samples.sample("shape", new Random(seed), false));
            checked++;
        }
        assertThat(checked).isEqualTo(samples.recordStructs().size() * 40 + 80);
    }

    private static void roundTrip(Abi abi, Samples samples, String type, Class<?> cls, JsonNode json) throws Exception {
        byte[] expected = abi.encode(type, json);
        Object value = samples.toJava(type, json, cls);
        assertThat(Hex.encode(((BinaryEncodable) value).toBytes())).as("%s %s", type, json).isEqualTo(Hex.encode(expected));
        BinaryReader in = new BinaryReader(expected);
        assertThat(cls.getMethod("decode", BinaryReader.class).invoke(null, in)).as("%s %s", type, json).isEqualTo(value);
        assertThat(in.remaining()).isZero();
    }

    @Test
    void binaryExtensionsAreWrittenOnlyWhenPresentAndReadAsEmptyAtTheEnd() throws Exception {
        Class<?> cls = nested("SetItem");
        Abi abi = Abi.fromJson(TRICKY);
        Samples samples = new Samples(AbiDefinition.fromJson(TRICKY));
        JsonNode full = samples.sample("set.item", new Random(7), false);
        ((com.fasterxml.jackson.databind.node.ObjectNode) full).remove(List.of("memo", "tip"));
        Object none = samples.toJava("set.item", full, cls);
        byte[] bytes = ((BinaryEncodable) none).toBytes();
        assertThat(Hex.encode(bytes)).isEqualTo(Hex.encode(abi.encode("set.item", full)));
        Object back = cls.getMethod("decode", BinaryReader.class).invoke(null, new BinaryReader(bytes));
        assertThat(back).isEqualTo(none);
        assertThat(cls.getMethod("memo").invoke(back)).isEqualTo(Optional.empty());

        // a present extension after an absent one cannot be written, so the record refuses it
        Object[] args = new Object[cls.getRecordComponents().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = cls.getRecordComponents()[i].getAccessor().invoke(none);
        }
        args[args.length - 1] = Optional.of(io.antelopekit.chain.Asset.from("1.0000 EOS"));
        Constructor<?> ctor = cls.getDeclaredConstructor(Arrays.stream(cls.getRecordComponents())
                .map(RecordComponent::getType).toArray(Class<?>[]::new));
        assertThatThrownBy(() -> ctor.newInstance(args)).isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binary extension field tip is present but memo before it is absent");
    }

    @Test
    void recordsCheckRangesSizesAndCopyTheirContainers() throws Exception {
        Class<?> circle = nested("Circle");
        Constructor<?> ctor = circle.getDeclaredConstructor(nested("Point"), long.class);
        Object center = nested("Point").getDeclaredConstructor(int.class, int.class).newInstance(1, 2);
        assertThatThrownBy(() -> ctor.newInstance(center, 1L << 32)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint32 out of range");
        assertThatThrownBy(() -> ctor.newInstance(null, 1L)).cause().isInstanceOf(NullPointerException.class)
                .hasMessage("center");
        Class<?> alt = nested("Shape$Uint8Array2");
        assertThatThrownBy(() -> alt.getDeclaredConstructor(List.class).newInstance(List.of(1, 2, 3))).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 2 items");
        java.util.ArrayList<Integer> items = new java.util.ArrayList<>(List.of(1, 2));
        Object value = alt.getDeclaredConstructor(List.class).newInstance(items);
        items.set(0, 9);
        assertThat(alt.getMethod("value").invoke(value)).isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> ((BinaryEncodable) alt.getDeclaredConstructor(List.class).newInstance(List.of(1, 256))).toBytes())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint8 out of range");
    }

    @Test
    void aRepeatedMapKeyIsADecodingError() throws Exception {
        // bal: pair_name_uint64[] with "alice" twice
        Class<?> cls = nested("SetItem");
        Abi abi = Abi.fromJson(TRICKY);
        JsonNode value = new Samples(AbiDefinition.fromJson(TRICKY)).sample("set.item", new Random(3), false);
        com.fasterxml.jackson.databind.node.ArrayNode bal = ((com.fasterxml.jackson.databind.node.ObjectNode) value).putArray("bal");
        bal.addObject().put("first", "alice").put("second", "1");
        bal.addObject().put("first", "alice").put("second", "2");
        byte[] bytes = abi.encode("set.item", value);
        assertThatThrownBy(() -> cls.getMethod("decode", BinaryReader.class).invoke(null, new BinaryReader(bytes))).cause()
                .isInstanceOf(io.antelopekit.chain.DecodingException.class).hasMessageContaining("repeats the key alice");
    }

    @Test
    void tablesGetTheirSecondaryIndices() throws Exception {
        Class<?> rows = nested("RowsTable");
        assertThat(Arrays.stream(rows.getDeclaredMethods()).filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .map(m -> m.getName() + ":" + m.getGenericReturnType().getTypeName()).sorted())
                .containsExactly(
                        "all:reactor.core.publisher.Flux<gen.tricky.TrickyX$Row>",
                        "byBig:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, io.antelopekit.chain.Float128>",
                        "byHash:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, io.antelopekit.chain.Checksum256>",
                        "byOwner:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, io.antelopekit.chain.Name>",
                        "byPrice:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, java.lang.Double>",
                        "byRank:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, io.antelopekit.chain.UInt128>",
                        "get:reactor.core.publisher.Mono<gen.tricky.TrickyX$Row>",
                        "query:io.antelopekit.contract.TableCursor<gen.tricky.TrickyX$Row, java.lang.Long>",
                        "table:io.antelopekit.contract.Table<gen.tricky.TrickyX$Row>");
        assertThat(source.source()).contains("table.query(Index.of(2, KeyType.NAME))", "table.query(Index.of(5, KeyType.FLOAT128))",
                "table.query(Index.of(6, KeyType.CHECKSUM256))");
        // the action "rows" and the table "rows" share a name: the table's accessors overload the action's methods
        Class<?> contract = loader.loadClass("gen.tricky.TrickyX");
        assertThat(contract.getMethod("rows").getReturnType()).isEqualTo(rows);
        assertThat(contract.getMethod("rows", Name.class).getReturnType()).isEqualTo(rows);
        assertThat(contract.getMethod("rows", nested("Row")).getReturnType().getSimpleName()).isEqualTo("Action");
        assertThat(contract.getMethod("rowsReadOnly", nested("Row")).getGenericReturnType().getTypeName())
                .isEqualTo("reactor.core.publisher.Mono<java.util.Map<io.antelopekit.chain.Name, java.lang.Long>>");
        assertThat(contract.getMethod("noopReadOnly").getGenericReturnType().getTypeName())
                .isEqualTo("reactor.core.publisher.Mono<java.lang.Boolean>");
        assertThat(contract.getMethod("new_ReadOnly", int.class, int.class).getGenericReturnType().getTypeName())
                .isEqualTo("reactor.core.publisher.Mono<java.util.Optional<gen.tricky.TrickyX$Point>>");
    }

    @Test
    void javadocFromTheAbiIsEscaped() {
        String s = source.source();
        assertThat(s).contains("Set *&#47; an &#64;item &lt;b&gt;&amp;.", "It's a &#92;u002a/ trap", "First paragraph.",
                "<p>Second *&#47; paragraph {&#64;code x}.", "<b>Rule *&#47; one</b>: No &lt;script&gt; &amp; no &#64;tags.");
        // no unicode escape in a comment (javac reads those even there); the embedded ABI's string literal may have one
        assertThat(s.lines().filter(l -> l.strip().startsWith("*"))).noneMatch(l -> l.contains("\\u"));
        assertThat(s).startsWith("// Generated by antelopekit-codegen from the ABI of contract tricky.x\n// (SHA-256 of the ABI: ");
    }

    // ------------------------------------------------------------------ clashes

    private static String abi(String structs, String actions, String tables) {
        return "{\"version\":\"eosio::abi/1.2\",\"structs\":[" + structs + "],\"actions\":[" + actions + "],\"tables\":["
                + tables + "]}";
    }

    private static void assertClash(String abiJson, String... messageParts) {
        ContractGenerator g = ContractGenerator.builder().packageName("gen.clash").build();
        assertThatThrownBy(() -> g.generate("clash", abiJson)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("name clash").hasMessageContainingAll(messageParts);
    }

    @Test
    void twoAbiNamesForOneJavaNameAreAnError() {
        assertClash(abi("{\"name\":\"set_item\",\"base\":\"\",\"fields\":[]},{\"name\":\"set.item\",\"base\":\"\",\"fields\":[]}",
                "", ""), "struct \"set_item\"", "struct \"set.item\"", "class SetItem");
        assertClash(abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"a_b\",\"type\":\"bool\"},{\"name\":\"a.b\",\"type\":\"bool\"}]}",
                "", ""), "field \"a_b\"", "field \"a.b\"", "record component aB");
        assertClash(abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[]}",
                "{\"name\":\"set.x\",\"type\":\"s\"},{\"name\":\"set..x\",\"type\":\"s\"}", ""),
                "action \"set.x\"", "action \"set..x\"", "method setX()");
        assertClash(abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[]}",
                "{\"name\":\"set.x\",\"type\":\"s\"}", "{\"name\":\"set\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],\"type\":\"s\"},"
                        + "{\"name\":\"set..x\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],\"type\":\"s\"}"),
                "action \"set.x\"", "table \"set..x\"", "method setX()");
        // a struct named like the contract class cannot be nested in it
        assertClash(abi("{\"name\":\"clash\",\"base\":\"\",\"fields\":[]}", "", ""), "the contract class Clash", "struct \"clash\"");
        // a table class named like a struct
        assertClash(abi("{\"name\":\"items_table\",\"base\":\"\",\"fields\":[]}", "",
                "{\"name\":\"items\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],\"type\":\"items_table\"}"),
                "struct \"items_table\"", "table \"items\"", "class ItemsTable");
    }

    @Test
    void namesOfGeneratedMembersAreTaken() {
        String s = "{\"name\":\"s\",\"base\":\"\",\"fields\":[]}";
        assertClash(abi(s, "{\"name\":\"abi\",\"type\":\"s\"}", ""), "the generated member abi", "action \"abi\"");
        assertClash(abi(s, "{\"name\":\"contract\",\"type\":\"s\"}", ""), "the generated member contract");
        assertClash(abi(s, "", "{\"name\":\"contract\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],\"type\":\"s\"}"),
                "the generated member contract", "table \"contract\"");
        assertClash(abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"encode\",\"type\":\"bool\"}]}", "", ""),
                "the generated method encode()", "field \"encode\"");
        assertClash(abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"decode\",\"type\":\"bool\"}]}", "", ""),
                "the generated method decode()");
        assertClash(abi("{\"name\":\"abi.holder\",\"base\":\"\",\"fields\":[]}", "", ""), "the generated class AbiHolder");
        assertClash(abi(s, "", "{\"name\":\"t\",\"index_type\":\"i64\",\"key_names\":[\"id\",\"a_b\",\"a.b\"],"
                + "\"key_types\":[\"i64\",\"name\",\"name\"],\"type\":\"s\"}"), "index \"a_b\"", "index \"a.b\"", "method byAB()");
    }

    @Test
    void otherAbiProblemsAreErrorsNamingThePlace() {
        ContractGenerator g = ContractGenerator.builder().packageName("gen.err").build();
        String s = "{\"name\":\"s\",\"base\":\"\",\"fields\":[]}";
        assertThatThrownBy(() -> g.generate("err", abi(s, "", "{\"name\":\"t\",\"index_type\":\"i64\",\"key_names\":[\"id\",\"k\"],"
                + "\"key_types\":[\"i64\",\"i256\"],\"type\":\"s\"}")))
                .isInstanceOf(CodegenException.class).hasMessageContainingAll("table \"t\"", "\"i256\"");
        assertThatThrownBy(() -> g.generate("err", abi("{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"a\",\"type\":\"bool$\"},"
                + "{\"name\":\"b\",\"type\":\"bool\"}]}", "", "")))
                .isInstanceOf(CodegenException.class).hasMessageContainingAll("struct \"s\"", "field \"b\"", "may only come last");
        assertThatThrownBy(() -> g.generate("err", abi(s + ",{\"name\":\"t\",\"base\":\"\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}", "", "")))
                .isInstanceOf(CodegenException.class).hasMessageContainingAll("not valid", "nope");
        assertThatThrownBy(() -> g.generate("Not A Name", abi(s, "", ""))).isInstanceOf(CodegenException.class)
                .hasMessageContaining("not a valid name");
        assertThatThrownBy(() -> g.generate("err", "{not json")).isInstanceOf(CodegenException.class)
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> ContractGenerator.builder().packageName("com.class.x").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a Java package name");
    }
}
