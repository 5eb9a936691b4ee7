package io.antelopekit.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.TimePointSec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AbiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    static Abi vectorAbi(String name) {
        try {
            return Abi.fromJson(Files.readString(AbiDefinitionTest.vectors().resolve("abis").resolve(name + ".json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Abi TOKEN = vectorAbi("eosio.token");
    static final Abi TEST = vectorAbi("vectors.test");

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Abi abi(String version, String body) {
        return Abi.fromJson("{\"version\":\"eosio::abi/" + version + "\"," + body + "}");
    }

    record Transfer(Name from, Name to, Asset quantity, String memo) {
    }

    record Open(Name owner, Symbol symbol, Name ramPayer) {
    }

    /** The row of abi_encode.jsonl for eosio.token transfer. */
    static final String TRANSFER_JSON = "{\"from\":\"hgmbqj5nds\",\"to\":\"otmol444wf\",\"quantity\":\"99096637.491233 KYEU\","
            + "\"memo\":\"tab\\tnewline\\n\"}";
    static final String TRANSFER_HEX = "00004eb33c7b246b00c0e284904865a62148e0bb205a0000064b5945550000000c746162096e65776c696e650a";

    static Transfer transferRecord() {
        return new Transfer(Name.from("hgmbqj5nds"), Name.from("otmol444wf"), Asset.from("99096637.491233 KYEU"), "tab\tnewline\n");
    }

    @Nested
    class Records {

        @Test
        void aTransferRecordEncodesLikeItsJson() {
            assertThat(HEX.formatHex(TOKEN.encode("transfer", json(TRANSFER_JSON)))).isEqualTo(TRANSFER_HEX);
            assertThat(HEX.formatHex(TOKEN.encode("transfer", transferRecord()))).isEqualTo(TRANSFER_HEX);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("from", "hgmbqj5nds");
            map.put("to", Name.from("otmol444wf"));
            map.put("quantity", "99096637.491233 KYEU");
            map.put("memo", "tab\tnewline\n");
            assertThat(HEX.formatHex(TOKEN.encode("transfer", map))).isEqualTo(TRANSFER_HEX);
            assertThat(HEX.formatHex(TOKEN.encode("transfer", List.of("hgmbqj5nds", "otmol444wf", "99096637.491233 KYEU",
                    "tab\tnewline\n")))).as("array form of a struct without base").isEqualTo(TRANSFER_HEX);
        }

        @Test
        void decodesIntoARecord() {
            Transfer t = TOKEN.decode("transfer", HEX.parseHex(TRANSFER_HEX), Transfer.class);
            assertThat(t).isEqualTo(transferRecord());
        }

        @Test
        void camelCaseComponentsMatchSnakeCaseFields() {
            Open open = new Open(Name.from("alice"), Symbol.from("4,EOS"), Name.from("bob"));
            byte[] bytes = TOKEN.encode("open", open);
            assertThat(TOKEN.decode("open", bytes).toString())
                    .isEqualTo("{\"owner\":\"alice\",\"symbol\":\"4,EOS\",\"ram_payer\":\"bob\"}");
            assertThat(TOKEN.decode("open", bytes, Open.class)).isEqualTo(open);
            assertThat(TOKEN.encode("open", Map.of("owner", "alice", "symbol", "4,EOS", "ramPayer", "bob"))).isEqualTo(bytes);
        }

        @Test
        void aRecordWithoutAComponentNamesIt() {
            record NoMemo(Name from, Name to, Asset quantity) {
            }
            assertThatThrownBy(() -> TOKEN.encode("transfer", new NoMemo(Name.from("a"), Name.from("b"), Asset.from("1.0000 EOS"))))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("transfer.memo")
                    .hasMessageContaining("NoMemo has no component memo");
        }

        @Test
        void theHotPathAllocatesOnlyTheOutputAndSmallConstantGarbage() {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            if (!(bean instanceof com.sun.management.ThreadMXBean)) {
                return;
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
            AbiType transfer = TOKEN.type("transfer");
            Transfer t = transferRecord();
            BinaryWriter out = new BinaryWriter(256);
            for (int i = 0; i < 200_000; i++) {
                out.reset();
                transfer.encode(t, out);
                transfer.encode(t);
            }
            int n = 100_000;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                out.reset();
                transfer.encode(t, out);
            }
            long streaming = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                transfer.encode(t);
            }
            long perArray = (threads.getCurrentThreadAllocatedBytes() - before) / n;
            assertThat(streaming).as("bytes allocated per encode into a reused writer").isLessThan(32);
            // the 45-byte output array (56 bytes with its header), nothing else
            assertThat(perArray).as("bytes allocated per encode to a new array").isLessThan(100);
        }
    }

    @Nested
    class ErrorPaths {

        @Test
        void aBadAssetNamesTheFieldPathAndTheValue() {
            Map<String, Object> bad = Map.of("from", "alice", "to", "bob", "quantity", "1.0 eos", "memo", "");
            assertThatThrownBy(() -> TOKEN.encode("transfer", bad))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("transfer.quantity")
                    .hasMessageContaining("\"1.0 eos\"")
                    .hasMessageContaining("asset")
                    .satisfies(e -> assertThat(((AbiSerializationException) e).path()).isEqualTo("transfer.quantity"));
        }

        @Test
        void aDeepPathThroughArrays() {
            JsonNode v = everything();
            ((com.fasterxml.jackson.databind.node.ObjectNode) v.get("ct").get("arr_s").get(2)).put("id", "-1");
            assertThatThrownBy(() -> TEST.encode("everything", v))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("everything.ct.arr_s[2].id")
                    .hasMessageContaining("uint64 value \"-1\" is out of range");
        }

        @Test
        void integersAreRangeCheckedNotClamped() {
            Map<String, Object> ints = new LinkedHashMap<>(intsValue());
            ints.put("f_int8", 300);
            assertThatThrownBy(() -> TEST.encode("ints", ints))
                    .hasMessageContaining("ints.f_int8")
                    .hasMessageContaining("int8 value 300 is out of range -128..127");
            ints.put("f_int8", 1);
            ints.put("f_uint64", -1L);
            assertThatThrownBy(() -> TEST.encode("ints", ints)).hasMessageContaining("ints.f_uint64");
            ints.put("f_uint64", "18446744073709551616");
            assertThatThrownBy(() -> TEST.encode("ints", ints)).hasMessageContaining("out of range 0..18446744073709551615");
            ints.put("f_uint64", new BigInteger("18446744073709551615"));
            ints.put("f_int16", 1.5);
            assertThatThrownBy(() -> TEST.encode("ints", ints)).hasMessageContaining("ints.f_int16")
                    .hasMessageContaining("not an integer");
            ints.put("f_int16", 2.0);
            ints.put("f_varuint32", 4294967296L);
            assertThatThrownBy(() -> TEST.encode("ints", ints)).hasMessageContaining("ints.f_varuint32");
            ints.put("f_varuint32", 4294967295L);
            ints.put("f_int128", new BigInteger("-170141183460469231731687303715884105729"));
            assertThatThrownBy(() -> TEST.encode("ints", ints)).hasMessageContaining("ints.f_int128");
            ints.put("f_int128", new BigInteger("-170141183460469231731687303715884105728"));
            ints.put("f_uint128", "340282366920938463463374607431768211455");
            JsonNode back = TEST.decode("ints", TEST.encode("ints", ints));
            assertThat(back.get("f_uint64").asText()).isEqualTo("18446744073709551615");
            assertThat(back.get("f_int16").asInt()).isEqualTo(2);
            assertThat(back.get("f_varuint32").asLong()).isEqualTo(4294967295L);
            assertThat(back.get("f_int128").asText()).isEqualTo("-170141183460469231731687303715884105728");
            assertThat(back.get("f_uint128").asText()).isEqualTo("340282366920938463463374607431768211455");
        }

        @Test
        void missingFieldsAndWrongShapes() {
            assertThatThrownBy(() -> TOKEN.encode("transfer", Map.of("from", "a", "to", "b", "quantity", "1.0000 EOS")))
                    .hasMessageContaining("at transfer.memo: missing field of type string");
            assertThatThrownBy(() -> TOKEN.encode("transfer", "alice"))
                    .hasMessageContaining("expected an object for struct transfer");
            assertThatThrownBy(() -> TEST.encode("name_list", List.of("alice", 5)))
                    .hasMessageContaining("name_list[1]")
                    .hasMessageContaining("expected name as a string or Name, got Integer 5");
            assertThatThrownBy(() -> TEST.encode("my_variant", List.of("uint64", 1)))
                    .hasMessageContaining("unknown variant type \"uint64\"")
                    .hasMessageContaining("uint8, string, base_s, name[], asset");
            assertThatThrownBy(() -> TEST.encode("my_variant", List.of("base_s", Map.of("id", 1))))
                    .hasMessageContaining("my_variant<base_s>.owner: missing field");
            assertThatThrownBy(() -> TEST.encode("checksum256", "abcd"))
                    .hasMessageContaining("expected 32 bytes (64 hex digits), got 4");
            assertThatThrownBy(() -> TEST.encode("bytes", "abc")).hasMessageContaining("odd number of hex digits");
            assertThatThrownBy(() -> TEST.encode("string", "\ud800x")).hasMessageContaining("unpaired surrogate");
        }

        @Test
        void unknownTypesAreReportedWhenCompilingWithWhereTheyAreUsed() {
            assertThatThrownBy(() -> abi("1.2", "\"structs\":[{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"f\",\"type\":\"nope\"}]}]"))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("unknown type nope")
                    .hasMessageContaining("struct s field f");
            assertThatThrownBy(() -> abi("1.2", "\"actions\":[{\"name\":\"go\",\"type\":\"missing\",\"ricardian_contract\":\"\"}]"))
                    .hasMessageContaining("unknown type missing (used by action go)");
            assertThatThrownBy(() -> abi("1.2", "\"variants\":[{\"name\":\"v\",\"types\":[\"uint8\",\"zzz[]\"]}]"))
                    .hasMessageContaining("unknown type zzz in zzz[] (used by variant v)");
            assertThatThrownBy(() -> TEST.type("nonexistent")).hasMessageContaining("unknown type nonexistent");
            assertThatThrownBy(() -> abi("2.0", "\"types\":[]")).hasMessageContaining("unsupported ABI version");
            assertThatThrownBy(() -> abi("1.2", "\"structs\":[{\"name\":\"s\",\"fields\":[]},{\"name\":\"s\",\"fields\":[]}]"))
                    .hasMessageContaining("duplicate struct definition s");
            assertThatThrownBy(() -> abi("1.2", "\"types\":[{\"new_type_name\":\"name\",\"type\":\"uint64\"}]"))
                    .hasMessageContaining("a type named name already exists");
        }

        @Test
        void circularAliasesAndBasesAreRefused() {
            assertThatThrownBy(() -> abi("1.2", "\"types\":[{\"new_type_name\":\"a\",\"type\":\"b\"},{\"new_type_name\":\"b\",\"type\":\"a\"}]"))
                    .hasMessageContaining("circular type alias");
            assertThatThrownBy(() -> abi("1.2", "\"types\":[{\"new_type_name\":\"a\",\"type\":\"a[]\"}]"))
                    .hasMessageContaining("circular type alias");
            assertThatThrownBy(() -> abi("1.2", "\"structs\":[{\"name\":\"x\",\"base\":\"y\",\"fields\":[]},"
                    + "{\"name\":\"y\",\"base\":\"x\",\"fields\":[]}]"))
                    .hasMessageContaining("circular base");
            assertThatThrownBy(() -> abi("1.2", "\"structs\":[{\"name\":\"x\",\"base\":\"uint8\",\"fields\":[]}]"))
                    .hasMessageContaining("base uint8 of struct x is not a struct");
        }
    }

    @Nested
    class TypeExpressions {

        @Test
        void aTypeTakesOneSuffixAndNestsThroughAliases() {
            assertThatThrownBy(() -> TEST.type("string?[]")).hasMessageContaining("unknown type string?");
            assertThatThrownBy(() -> TEST.type("uint16[][]")).hasMessageContaining("unknown type uint16[]");
            Abi nested = abi("1.2", "\"types\":[{\"new_type_name\":\"opt_str\",\"type\":\"string?\"},"
                    + "{\"new_type_name\":\"u16s\",\"type\":\"uint16[]\"}]");
            List<String> withNull = new ArrayList<>(Arrays.asList("a", null));
            assertThat(HEX.formatHex(nested.encode("opt_str[]", withNull))).isEqualTo("0201016100");
            assertThat(nested.decode("opt_str[]", HEX.parseHex("0201016100")).toString()).isEqualTo("[\"a\",null]");
            assertThat(HEX.formatHex(nested.encode("u16s[]", List.of(List.of(1, 2), List.of(3))))).isEqualTo("02020100020001030000".substring(0, 2)
                    + "0201000200" + "010300");
            assertThat(nested.decode("u16s?", HEX.parseHex("00")).isNull()).isTrue();
        }

        @Test
        void fixedSizeArraysAreAnAbi13FeatureWrittenWithoutALength() {
            assertThatThrownBy(() -> TEST.encode("uint8[2]", List.of(1, 2)))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("needs ABI version eosio::abi/1.3");
            Abi v13 = abi("1.3", "\"types\":[{\"new_type_name\":\"pair\",\"type\":\"uint8[2]\"}],"
                    + "\"structs\":[{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"k\",\"type\":\"checksum160[2]\"},"
                    + "{\"name\":\"p\",\"type\":\"pair[]\"}]}]");
            assertThat(HEX.formatHex(v13.encode("uint8[2]", List.of(1, 2)))).isEqualTo("0102");
            assertThat(v13.decode("uint8[2]", HEX.parseHex("0102")).toString()).isEqualTo("[1,2]");
            assertThatThrownBy(() -> v13.encode("uint8[2]", List.of(1, 2, 3)))
                    .hasMessageContaining("needs exactly 2 items, got 3");
            assertThatThrownBy(() -> v13.decode("uint8[2]", HEX.parseHex("01")))
                    .hasMessageContaining("needs at least 2 bytes");
            byte[] s = v13.encode("s", json("{\"k\":[\"" + "00".repeat(20) + "\",\"" + "11".repeat(20) + "\"],\"p\":[[1,2],[3,4]]}"));
            assertThat(HEX.formatHex(s)).isEqualTo("00".repeat(20) + "11".repeat(20) + "02" + "0102" + "0304");
            assertThat(v13.decode("s", s).get("p").toString()).isEqualTo("[[1,2],[3,4]]");
            assertThatThrownBy(() -> abi("1.3", "\"types\":[{\"new_type_name\":\"z\",\"type\":\"uint8[0]\"}]"))
                    .hasMessageContaining("invalid fixed-size array type uint8[0]");
            assertThatThrownBy(() -> abi("1.3", "\"types\":[{\"new_type_name\":\"z\",\"type\":\"uint8[01]\"}]"))
                    .hasMessageContaining("without leading zeros");
        }

        @Test
        void expressionsOfDeclaredTypesResolveOnceAndAreShared() {
            AbiType a = TEST.type("base_s[]");
            assertThat(TEST.type("base_s[]")).isSameAs(a);
            assertThat(TEST.type("transfer_unknown_but_ok".substring(0, 0) + "name_list")).isSameAs(TEST.type("name_list"));
            assertThat(a.decode(HEX.parseHex("00")).toString()).isEqualTo("[]");
        }
    }

    @Nested
    class BinaryExtensions {

        @Test
        void trailingExtensionsMayBeLeftOutOrNull() {
            assertThat(HEX.formatHex(TEST.encode("with_ext", Map.of("a", 1)))).isEqualTo("01000000");
            Map<String, Object> nulls = new LinkedHashMap<>();
            nulls.put("a", 1);
            nulls.put("b", null);
            nulls.put("c", null);
            assertThat(HEX.formatHex(TEST.encode("with_ext", nulls))).isEqualTo("01000000");
            assertThat(TEST.decode("with_ext", HEX.parseHex("01000000")).toString()).isEqualTo("{\"a\":1,\"b\":null,\"c\":null}");
            assertThat(TEST.decode("with_ext", HEX.parseHex("010000000178")).toString()).isEqualTo("{\"a\":1,\"b\":\"x\",\"c\":null}");
        }

        @Test
        void aLaterExtensionCannotBeGivenAfterALeftOutOne() {
            assertThatThrownBy(() -> TEST.encode("with_ext", Map.of("a", 1, "c", "1.0000 EOS")))
                    .hasMessageContaining("with_ext.c")
                    .hasMessageContaining("binary extension field b before it is left out");
        }

        @Test
        void extensionsCannotBeLeftOutInsideArrays() {
            Abi a = abi("1.2", "\"structs\":[{\"name\":\"e\",\"base\":\"\",\"fields\":[{\"name\":\"x\",\"type\":\"uint8\"},"
                    + "{\"name\":\"y\",\"type\":\"uint8$\"}]}]");
            assertThat(HEX.formatHex(a.encode("e", Map.of("x", 1)))).isEqualTo("01");
            assertThatThrownBy(() -> a.encode("e[]", List.of(Map.of("x", 1))))
                    .hasMessageContaining("e[][0].y")
                    .hasMessageContaining("binary extensions may only be left out at the end");
            assertThat(HEX.formatHex(a.encode("e[]", List.of(Map.of("x", 1, "y", 2))))).isEqualTo("010102");
        }
    }

    @Nested
    class NodeBehaviour {

        /** The reference refuses this ("Found undefined for non-optional type"); a node packs it. */
        @Test
        void aTrailingBinaryExtensionOfTheOutermostStructMayBeLeftOut() {
            Abi eosio = vectorAbi("eosio");
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("owner", "alice");
            info.put("total_votes", 1.5);
            info.put("producer_key", "PUB_K1_66BTYUEGvd6gYfgGqvoFDLz9cfsZjf8iJMryaRxd7C2rvoGDbq");
            info.put("is_active", true);
            info.put("url", "");
            info.put("unpaid_blocks", 0);
            info.put("last_claim_time", "2020-01-01T00:00:00.000");
            info.put("location", 0);
            byte[] bytes = eosio.encode("producer_info", info);
            JsonNode back = eosio.decode("producer_info", bytes);
            assertThat(back.get("producer_authority").isNull()).isTrue();
            assertThat(back.get("total_votes").asText()).isEqualTo("1.5");
            assertThat(eosio.encode("producer_info", back)).isEqualTo(bytes);
        }

        @Test
        void extendedAssetFromARecordOrAnObject() {
            record Ext(String quantity, Name contract) {
            }
            byte[] a = TEST.encode("extended_asset", new Ext("1.0000 EOS", Name.from("eosio.token")));
            byte[] b = TEST.encode("extended_asset", Map.of("quantity", "1.0000 EOS", "contract", "eosio.token"));
            byte[] c = TEST.encode("extended_asset", new io.antelopekit.chain.ExtendedAsset(Asset.from("1.0000 EOS"),
                    Name.from("eosio.token")));
            assertThat(a).isEqualTo(b).isEqualTo(c);
            assertThat(TEST.decode("extended_asset", a).toString()).isEqualTo("{\"quantity\":\"1.0000 EOS\",\"contract\":\"eosio.token\"}");
            assertThatThrownBy(() -> TEST.encode("extended_asset", Map.of("quantity", "1.0000 EOS", "contract", "BAD")))
                    .hasMessageContaining("extended_asset.contract");
        }
    }

    @Nested
    class Floats {

        @Test
        void float32DecodesToTextThatReadsBackExactly() {
            Map<String, Object> v = Map.of("f32", -0.0001220703125, "f64", 1.1);
            byte[] bytes = TEST.encode("floats", v);
            JsonNode back = TEST.decode("floats", bytes);
            assertThat(back.get("f32").asText()).isNotEqualTo("-0.0001221").isEqualTo("-0.00012207031");
            assertThat(TEST.encode("floats", back)).isEqualTo(bytes);
            assertThat(back.get("f64").asText()).isEqualTo("1.1");
        }

        @Test
        void referenceTextWhereItIsExact() {
            assertThat(JsNumbers.float32(3.140625f)).isEqualTo("3.1406250");
            assertThat(JsNumbers.float32(1e10f)).isEqualTo("10000000000.0000000");
            assertThat(JsNumbers.float32(-49.23828125f)).isEqualTo("-49.2382813");
            assertThat(JsNumbers.float32(1e-10f)).isEqualTo("1e-10");
            assertThat(JsNumbers.float32(Float.MAX_VALUE)).as("toFixed of 1e21 and above is String(x)").isEqualTo("3.4028234663852886e+38");
            assertThat(JsNumbers.float32(-0.0f)).isEqualTo("-0");
            assertThat(JsNumbers.float32(Float.NaN)).isEqualTo("NaN");
            assertThat(JsNumbers.float64(0)).isEqualTo("0");
            assertThat(JsNumbers.float64(5e-324)).isEqualTo("5e-324");
            assertThat(JsNumbers.float64(-3.3e-10)).isEqualTo("-3.3e-10");
            assertThat(JsNumbers.float64(123456.789)).isEqualTo("123456.789");
            assertThat(JsNumbers.float64(1e21)).isEqualTo("1e+21");
            assertThat(JsNumbers.float64(1e20)).isEqualTo("100000000000000000000");
            assertThat(JsNumbers.float64(0.000001)).isEqualTo("0.000001");
            assertThat(JsNumbers.float64(1e-7)).isEqualTo("1e-7");
            assertThat(JsNumbers.float64(9007199254740991.0)).isEqualTo("9007199254740991");
            assertThat(JsNumbers.float64(2e-323)).isEqualTo("2e-323");
            assertThat(JsNumbers.float64(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        }

        @Test
        void float32OverflowIsAnErrorAndMalformedTextIsRefused() {
            assertThatThrownBy(() -> TEST.encode("float32", 1e39)).hasMessageContaining("out of range");
            assertThatThrownBy(() -> TEST.encode("float64", "1.5f")).hasMessageContaining("is not a number");
            assertThat(HEX.formatHex(TEST.encode("float64", "Infinity"))).isEqualTo("000000000000f07f");
        }
    }

    @Nested
    class HostileBytes {

        @Test
        void hugeLengthPrefixesFailFast() {
            assertThatThrownBy(() -> TEST.decode("string", HEX.parseHex("ffffffff0f61")))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("4294967295");
            assertThatThrownBy(() -> TEST.decode("bytes", HEX.parseHex("ffffffff0f"))).hasMessageContaining("4294967295");
            assertThatThrownBy(() -> TEST.decode("name_list", HEX.parseHex("ffffffff0f00"))).hasMessageContaining("4294967295");
            Abi empty = abi("1.2", "\"structs\":[{\"name\":\"nothing\",\"base\":\"\",\"fields\":[]}]");
            assertThatThrownBy(() -> empty.decode("nothing[]", HEX.parseHex("ffffffff0f")))
                    .hasMessageContaining("declares 4294967295 items");
            assertThat(empty.decode("nothing[]", HEX.parseHex("03")).toString()).isEqualTo("[{},{},{}]");
        }

        @Test
        void truncatedInputNamesThePathAndOffset() {
            byte[] bytes = HEX.parseHex(TRANSFER_HEX);
            assertThatThrownBy(() -> TOKEN.decode("transfer", Arrays.copyOf(bytes, 20)))
                    .isInstanceOf(AbiSerializationException.class)
                    .hasMessageContaining("transfer.quantity")
                    .hasMessageContaining("offset 16");
            assertThatThrownBy(() -> TOKEN.decode("transfer", Arrays.copyOf(bytes, 32)))
                    .hasMessageContaining("transfer.memo")
                    .hasMessageContaining("input ends at offset 32 before field memo");
        }

        @Test
        void trailingBytesAreAnErrorUnlessStreaming() {
            byte[] bytes = Arrays.copyOf(HEX.parseHex(TRANSFER_HEX), 46);
            assertThatThrownBy(() -> TOKEN.decode("transfer", bytes)).hasMessageContaining("1 unexpected bytes after the value");
            BinaryReader in = new BinaryReader(bytes);
            assertThat(TOKEN.decode("transfer", in).get("memo").asText()).isEqualTo("tab\tnewline\n");
            assertThat(in.remaining()).isEqualTo(1);
        }

        @Test
        void nonCanonicalFlagsAndTags() {
            assertThatThrownBy(() -> TEST.decode("uint32?", HEX.parseHex("0201000000"))).hasMessageContaining("expected 0 or 1");
            assertThatThrownBy(() -> TEST.decode("bool", HEX.parseHex("02"))).hasMessageContaining("expected 0 or 1");
            assertThatThrownBy(() -> TEST.decode("my_variant", HEX.parseHex("0500"))).hasMessageContaining("index 5");
            assertThatThrownBy(() -> TEST.decode("string", HEX.parseHex("02c328"))).hasMessageContaining("UTF-8");
        }

        @Test
        void recursiveTypesWorkAndDeepNestingIsBounded() {
            Abi list = abi("1.2", "\"structs\":[{\"name\":\"node\",\"base\":\"\",\"fields\":[{\"name\":\"v\",\"type\":\"uint8\"},"
                    + "{\"name\":\"next\",\"type\":\"node?\"}]},{\"name\":\"loop\",\"base\":\"\",\"fields\":[{\"name\":\"l\",\"type\":\"loop\"}]}]");
            assertThat(list.decode("node", HEX.parseHex("0101020103010400")).toString())
                    .isEqualTo("{\"v\":1,\"next\":{\"v\":2,\"next\":{\"v\":3,\"next\":{\"v\":4,\"next\":null}}}}");
            byte[] deep = new byte[2 * 200];
            for (int i = 0; i < deep.length; i++) {
                deep[i] = 1;
            }
            assertThatThrownBy(() -> list.decode("node", deep)).hasMessageContaining("deeper than 64 levels");
            assertThatThrownBy(() -> list.decode("loop", new byte[] {1})).hasMessageContaining("deeper than 64 levels");
            Map<String, Object> cyclic = new java.util.HashMap<>();
            cyclic.put("v", 1);
            cyclic.put("next", cyclic);
            assertThatThrownBy(() -> list.encode("node", cyclic)).hasMessageContaining("deeper than 64 levels");
        }
    }

    @Nested
    class Api {

        @Test
        void actionTablesAndResultTypes() {
            assertThat(TOKEN.actionType(Name.from("transfer"))).contains("transfer");
            assertThat(TOKEN.actionType(Name.from("nope"))).isEmpty();
            assertThat(TOKEN.tableType(Name.from("accounts"))).contains("account");
            Abi r = abi("1.2", "\"actions\":[{\"name\":\"get\",\"type\":\"uint8\",\"ricardian_contract\":\"\"}],"
                    + "\"action_results\":[{\"name\":\"get\",\"result_type\":\"string\"}]");
            assertThat(r.actionResultType(Name.from("get"))).isEqualTo(Optional.of("string"));
        }

        @Test
        void streamingThroughAResolvedHandle() {
            AbiType transfer = TOKEN.type("transfer");
            BinaryWriter out = new BinaryWriter();
            transfer.encode(json(TRANSFER_JSON), out);
            transfer.encode(transferRecord(), out);
            BinaryReader in = new BinaryReader(out.toByteArray());
            assertThat(transfer.decode(in)).isEqualTo(json(TRANSFER_JSON));
            assertThat(transfer.decode(in, Transfer.class)).isEqualTo(transferRecord());
            assertThat(in.hasRemaining()).isFalse();
        }

        @Test
        void timesFromInstantsAndValueTypes() {
            Map<String, Object> times = Map.of("tp", Instant.parse("2011-04-12T12:40:37.060Z"),
                    "tps", TimePointSec.from("2065-08-01T12:32:41"), "bts", "2012-01-04T01:43:59.000");
            assertThat(TEST.decode("times", TEST.encode("times", times)).toString())
                    .isEqualTo("{\"tp\":\"2011-04-12T12:40:37.060\",\"tps\":\"2065-08-01T12:32:41\",\"bts\":\"2012-01-04T01:43:59.000\"}");
        }

        @Test
        void compiledAbisAreSharedSafelyBetweenThreads() throws Exception {
            byte[] expected = HEX.parseHex(TRANSFER_HEX);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            if (!Arrays.equals(TOKEN.encode("transfer", transferRecord()), expected)
                                    || !TOKEN.decode("transfer", expected).equals(json(TRANSFER_JSON))
                                    || TEST.type("asset[]" + "?".repeat(0)).decode(HEX.parseHex("00")).size() != 0) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static Map<String, Object> intsValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f_bool", true);
        m.put("f_int8", -1);
        m.put("f_uint8", 255);
        m.put("f_int16", -2);
        m.put("f_uint16", 65535);
        m.put("f_int32", -3);
        m.put("f_uint32", 4294967295L);
        m.put("f_int64", Long.MIN_VALUE);
        m.put("f_uint64", "18446744073709551615");
        m.put("f_int128", "-1");
        m.put("f_uint128", BigInteger.TEN);
        m.put("f_varint32", -5);
        m.put("f_varuint32", 300);
        return m;
    }

    static JsonNode everything() {
        try {
            for (String line : Files.readAllLines(AbiDefinitionTest.vectors().resolve("abi_encode.jsonl"))) {
                JsonNode row = JSON.readTree(line);
                if (row.get("type").asText().equals("everything") && row.has("json_value")
                        && row.get("json_value").get("ct").get("arr_s").size() >= 3) {
                    return row.get("json_value").deepCopy();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no everything row with three arr_s items");
    }
}
