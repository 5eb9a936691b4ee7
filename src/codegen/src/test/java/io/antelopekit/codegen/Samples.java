package io.antelopekit.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum160;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Checksum512;
import io.antelopekit.chain.ExtendedAsset;
import io.antelopekit.chain.Float128;
import io.antelopekit.chain.Int128;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.UInt128;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The tests' own reading of an ABI, independent of the generator: random sample values of any
 * type as JSON (what {@code Abi.encode} takes), and the conversion of such JSON into the values
 * of the generated classes, found by reflection (records by their canonical constructor,
 * variants by their permitted subclasses in the ABI's order).
 */
final class Samples {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> NAMES = List.of("alice", "bob.x", "eosio.token", "a1b2c3d4e5", "zzzzzzzzzzzzj", "kittest");
    private static final List<String> STRINGS = List.of("", "hello", "héllo wörld ✓", "日本語テキスト", "a \"quoted\" \\ line\n");
    private static final List<String> KEYS = List.of("PUB_K1_6cF8hv43d89tgJ2Y8rNjFk9KrAtiFaiqa8afe1KaS6sB4w67N3",
            "EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV");
    private static final String SIGNATURE = "SIG_K1_K4yx9KpcK4SsPkvh3Tq8DGcRLiDe2uPdeqMrbWarYFhqH2sYMJSk2htAmVh5vctYKPDQiDwYWfZp52JDjhrB2b7KPvbkSu";

    private final AbiDefinition abi;
    private final Map<String, String> typedefs = new HashMap<>();
    private final Map<String, AbiDefinition.StructDef> structs = new HashMap<>();
    private final Map<String, AbiDefinition.VariantDef> variants = new HashMap<>();
    private final Set<String> builtins = Set.of("bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
            "uint64", "int128", "uint128", "varint32", "varuint32", "float32", "float64", "float128", "time_point",
            "time_point_sec", "block_timestamp_type", "name", "bytes", "string", "checksum160", "checksum256",
            "checksum512", "public_key", "signature", "symbol", "symbol_code", "asset", "extended_asset");

    Samples(AbiDefinition abi) {
        this.abi = abi;
        abi.types().forEach(t -> typedefs.put(t.newTypeName(), t.type()));
        abi.structs().forEach(s -> structs.put(s.name(), s));
        abi.variants().forEach(v -> variants.put(v.name(), v));
    }

    /** The structs that become records: those no alias, built-in or variant of the same name hides. */
    List<String> recordStructs() {
        List<String> out = new ArrayList<>();
        for (AbiDefinition.StructDef s : abi.structs()) {
            if (!builtins.contains(s.name()) && !typedefs.containsKey(s.name()) && !variants.containsKey(s.name())) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** The fields of a struct, its bases' first. */
    List<AbiDefinition.FieldDef> fields(String struct) {
        AbiDefinition.StructDef s = structs.get(struct);
        List<AbiDefinition.FieldDef> out = new ArrayList<>();
        if (!s.base().isEmpty()) {
            out.addAll(fields(alias(s.base())));
        }
        out.addAll(s.fields());
        return out;
    }

    private String alias(String type) {
        String t = type;
        while (typedefs.containsKey(t)) {
            t = typedefs.get(t);
        }
        return t;
    }

    boolean isStruct(String type) {
        return structs.containsKey(alias(type)) && !builtins.contains(alias(type)) && !variants.containsKey(alias(type));
    }

    // ------------------------------------------------------------------ samples

    /** A random value of {@code type}; with {@code dropExtensions}, a random tail of the outer struct's extension fields is left out. */
    JsonNode sample(String type, Random rnd, boolean dropExtensions) {
        return sample(type, rnd, 0, dropExtensions);
    }

    private JsonNode sample(String type, Random rnd, int depth, boolean dropExtensions) {
        if (typedefs.containsKey(type)) {
            return sample(typedefs.get(type), rnd, depth, dropExtensions);
        }
        if (builtins.contains(type)) {
            return builtin(type, rnd);
        }
        if (variants.containsKey(type)) {
            List<String> types = variants.get(type).types();
            String alt = types.get(rnd.nextInt(types.size()));
            ArrayNode pair = JSON.arrayNode();
            pair.add(alt);
            pair.add(sample(alt, rnd, depth + 1, false));
            return pair;
        }
        if (structs.containsKey(type)) {
            ObjectNode obj = JSON.objectNode();
            List<AbiDefinition.FieldDef> fields = fields(type);
            int keep = fields.size();
            if (dropExtensions) {
                int extensions = 0;
                for (int i = fields.size() - 1; i >= 0 && fields.get(i).type().endsWith("$"); i--) {
                    extensions++;
                }
                keep = fields.size() - (extensions == 0 ? 0 : rnd.nextInt(extensions + 1));
            }
            for (int i = 0; i < keep; i++) {
                AbiDefinition.FieldDef f = fields.get(i);
                String t = f.type().endsWith("$") ? f.type().substring(0, f.type().length() - 1) : f.type();
                obj.set(f.name(), sample(t, rnd, depth + 1, false));
            }
            return obj;
        }
        if (type.endsWith("?")) {
            if (depth > 4 || rnd.nextInt(3) == 0) {
                return JSON.nullNode();
            }
            return sample(type.substring(0, type.length() - 1), rnd, depth + 1, false);
        }
        ArrayNode arr = JSON.arrayNode();
        if (type.endsWith("[]")) {
            String item = type.substring(0, type.length() - 2);
            int n = depth > 4 ? 0 : rnd.nextInt(3);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < n; i++) {
                JsonNode v = sample(item, rnd, depth + 1, false);
                // a pair_ struct's arrays may become maps: keep their keys distinct
                if (isStruct(item) && alias(item).startsWith("pair_") && v.size() == 2
                        && !keys.add(v.elements().next().toString())) {
                    continue;
                }
                arr.add(v);
            }
            return arr;
        }
        int open = type.lastIndexOf('[');
        int n = Integer.parseInt(type.substring(open + 1, type.length() - 1));
        for (int i = 0; i < n; i++) {
            arr.add(sample(type.substring(0, open), rnd, depth + 1, false));
        }
        return arr;
    }

    private static JsonNode builtin(String type, Random rnd) {
        switch (type) {
            case "bool": return JSON.booleanNode(rnd.nextBoolean());
            case "int8": return JSON.numberNode(rnd.nextInt(256) - 128);
            case "uint8": return JSON.numberNode(rnd.nextInt(256));
            case "int16": return JSON.numberNode(rnd.nextInt(65536) - 32768);
            case "uint16": return JSON.numberNode(rnd.nextInt(65536));
            case "int32":
            case "varint32": return JSON.numberNode(rnd.nextInt());
            case "uint32":
            case "varuint32": return JSON.numberNode(rnd.nextInt() & 0xFFFF_FFFFL);
            case "int64": return JSON.textNode(Long.toString(rnd.nextLong()));
            case "uint64": return JSON.textNode(Long.toUnsignedString(rnd.nextLong()));
            case "int128": return JSON.textNode(new BigInteger(127, rnd).subtract(BigInteger.ONE.shiftLeft(126)).toString());
            case "uint128": return JSON.textNode(new BigInteger(128, rnd).toString());
            case "float32": return JSON.numberNode((rnd.nextInt(20001) - 10000) / 8.0);
            case "float64": return JSON.numberNode(rnd.nextDouble() * 1e6 - 5e5);
            case "float128": return JSON.textNode("0x" + hex(rnd, 16));
            case "string": return JSON.textNode(STRINGS.get(rnd.nextInt(STRINGS.size())));
            case "bytes": return JSON.textNode(hex(rnd, rnd.nextInt(9)));
            case "name": return JSON.textNode(NAMES.get(rnd.nextInt(NAMES.size())));
            case "symbol": return JSON.textNode(List.of("4,EOS", "0,ABC", "8,WAX").get(rnd.nextInt(3)));
            case "symbol_code": return JSON.textNode(List.of("EOS", "ABC", "WAXP").get(rnd.nextInt(3)));
            case "asset": return JSON.textNode(List.of("1.0000 EOS", "-3.50 ABC", "0 XYZ").get(rnd.nextInt(3)));
            case "extended_asset": {
                ObjectNode o = JSON.objectNode();
                o.put("quantity", List.of("1.0000 EOS", "2.50 ABC").get(rnd.nextInt(2)));
                o.put("contract", NAMES.get(rnd.nextInt(NAMES.size())));
                return o;
            }
            case "checksum160": return JSON.textNode(hex(rnd, 20));
            case "checksum256": return JSON.textNode(hex(rnd, 32));
            case "checksum512": return JSON.textNode(hex(rnd, 64));
            case "public_key": return JSON.textNode(KEYS.get(rnd.nextInt(KEYS.size())));
            case "signature": return JSON.textNode(SIGNATURE);
            case "time_point": return JSON.textNode(TimePoint.of(1_700_000_000_000_000L + rnd.nextInt(1 << 30)).toString());
            case "time_point_sec": return JSON.textNode(TimePointSec.of(1_700_000_000L + rnd.nextInt(1 << 20)).toString());
            case "block_timestamp_type": return JSON.textNode(BlockTimestamp.of(rnd.nextInt(1 << 30)).toString());
            default: throw new IllegalArgumentException(type);
        }
    }

    private static String hex(Random rnd, int bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            sb.append(String.format("%02x", rnd.nextInt(256)));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ JSON to generated values

    /** The value of the generated Java type {@code javaType} for JSON {@code v} of ABI type {@code type}. */
    Object toJava(String type, JsonNode v, Type javaType) throws ReflectiveOperationException {
        if (typedefs.containsKey(type)) {
            return toJava(typedefs.get(type), v, javaType);
        }
        if (builtins.contains(type)) {
            return builtinToJava(type, v);
        }
        Class<?> raw = raw(javaType);
        if (variants.containsKey(type)) {
            String alt = v.get(0).asText();
            int index = variants.get(type).types().indexOf(alt);
            Class<?> altClass = raw.getPermittedSubclasses()[index];
            RecordComponent c = altClass.getRecordComponents()[0];
            return altClass.getDeclaredConstructor(c.getType()).newInstance(toJava(alt, v.get(1), c.getGenericType()));
        }
        if (structs.containsKey(type)) {
            List<AbiDefinition.FieldDef> fields = fields(type);
            RecordComponent[] components = raw.getRecordComponents();
            if (components.length != fields.size()) {
                throw new AssertionError(raw + " has " + components.length + " components, struct " + type + " has "
                        + fields.size() + " fields");
            }
            Object[] args = new Object[fields.size()];
            Class<?>[] types = new Class<?>[fields.size()];
            for (int i = 0; i < args.length; i++) {
                AbiDefinition.FieldDef f = fields.get(i);
                types[i] = components[i].getType();
                JsonNode fv = v.get(f.name());
                if (f.type().endsWith("$")) {
                    Type inner = typeArgument(components[i].getGenericType(), 0);
                    args[i] = fv == null || fv.isNull() ? Optional.empty()
                            : Optional.of(toJava(f.type().substring(0, f.type().length() - 1), fv, inner));
                } else {
                    args[i] = toJava(f.type(), fv, components[i].getGenericType());
                }
            }
            Constructor<?> ctor = raw.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        }
        if (type.endsWith("?")) {
            return v == null || v.isNull() ? Optional.empty()
                    : Optional.of(toJava(type.substring(0, type.length() - 1), v, typeArgument(javaType, 0)));
        }
        String item = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type.substring(0, type.lastIndexOf('['));
        if (raw == Map.class) {
            String struct = alias(item);
            List<AbiDefinition.FieldDef> kv = fields(struct);
            Map<Object, Object> map = new LinkedHashMap<>();
            for (JsonNode e : v) {
                map.put(toJava(kv.get(0).type(), e.get(kv.get(0).name()), typeArgument(javaType, 0)),
                        toJava(kv.get(1).type(), e.get(kv.get(1).name()), typeArgument(javaType, 1)));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        for (JsonNode e : v) {
            list.add(toJava(item, e, typeArgument(javaType, 0)));
        }
        return list;
    }

    private static Object builtinToJava(String type, JsonNode v) {
        String text = v.asText();
        switch (type) {
            case "bool": return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(text);
            case "int8": return (byte) Integer.parseInt(text);
            case "int16": return (short) Integer.parseInt(text);
            case "uint8":
            case "uint16":
            case "int32":
            case "varint32": return Integer.parseInt(text);
            case "uint32":
            case "varuint32":
            case "int64": return Long.parseLong(text);
            case "uint64": return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
            case "int128": return Int128.from(text);
            case "uint128": return UInt128.from(text);
            case "float32": return (float) Double.parseDouble(text); // as the ABI serializer reads it: a double, then rounded
            case "float64": return Double.parseDouble(text);
            case "float128": return Float128.from(text);
            case "string": return text;
            case "bytes": return Bytes.from(text);
            case "name": return Name.from(text);
            case "symbol": return Symbol.from(text);
            case "symbol_code": return SymbolCode.from(text);
            case "asset": return Asset.from(text);
            case "extended_asset": return new ExtendedAsset(Asset.from(v.get("quantity").asText()), Name.from(v.get("contract").asText()));
            case "checksum160": return Checksum160.from(text);
            case "checksum256": return Checksum256.from(text);
            case "checksum512": return Checksum512.from(text);
            case "public_key": return PublicKey.from(text);
            case "signature": return Signature.from(text);
            case "time_point": return TimePoint.from(text);
            case "time_point_sec": return TimePointSec.from(text);
            case "block_timestamp_type": return BlockTimestamp.from(text);
            default: throw new IllegalArgumentException(type);
        }
    }

    static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    static Type typeArgument(Type t, int i) {
        return ((ParameterizedType) t).getActualTypeArguments()[i];
    }
}
