package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.BlockTimestamp;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum160;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Checksum512;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.ExtendedAsset;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The built-in types of the node's {@code abi_serializer}, each a stateless codec shared by
 * every compiled ABI. Integers are range-checked (never clamped); 64-bit and wider integers
 * decode to decimal strings, bytes and checksums to lowercase hex, floats as {@link JsNumbers}.
 */
final class Builtins {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Map<String, Codec> CODECS = new HashMap<>();

    static {
        add(new BoolCodec());
        for (IntKind k : IntKind.values()) {
            add(new IntCodec(k));
        }
        add(new Int128Codec("int128", true));
        add(new Int128Codec("uint128", false));
        add(new Float32Codec());
        add(new Float64Codec());
        add(new Float128Codec());
        add(new StringCodec());
        add(new BytesCodec());
        add(new ChecksumCodec("checksum160", 20, Checksum160.class, Checksum160::encode));
        add(new ChecksumCodec("checksum256", 32, Checksum256.class, Checksum256::encode));
        add(new ChecksumCodec("checksum512", 64, Checksum512.class, Checksum512::encode));
        add(new ValueCodec<>("name", 8, Name.class, Name::from, Name::decode, Name::encode, null) {
            @Override
            void encode(Object value, BinaryWriter out, int depth, boolean ext) {
                if (value instanceof Name) {
                    ((Name) value).encode(out);
                } else {
                    super.encode(value, out, depth, ext);
                }
            }
        });
        add(new ValueCodec<>("symbol", 8, Symbol.class, Symbol::from, Symbol::decode, Symbol::encode, null));
        add(new ValueCodec<>("symbol_code", 8, SymbolCode.class, SymbolCode::from, SymbolCode::decode, SymbolCode::encode, null));
        add(new ValueCodec<>("asset", 16, Asset.class, Asset::from, Asset::decode, Asset::encode, null) {
            @Override
            void encode(Object value, BinaryWriter out, int depth, boolean ext) {
                if (value instanceof Asset) {
                    ((Asset) value).encode(out);
                } else {
                    super.encode(value, out, depth, ext);
                }
            }
        });
        add(new ValueCodec<>("time_point", 8, TimePoint.class, TimePoint::from, TimePoint::decode, TimePoint::encode,
                TimePoint::fromInstant));
        add(new ValueCodec<>("time_point_sec", 4, TimePointSec.class, TimePointSec::from, TimePointSec::decode,
                TimePointSec::encode, TimePointSec::fromInstant));
        add(new ValueCodec<>("block_timestamp_type", 4, BlockTimestamp.class, BlockTimestamp::from, BlockTimestamp::decode,
                BlockTimestamp::encode, BlockTimestamp::fromInstant));
        add(new ValueCodec<>("public_key", 34, PublicKey.class, PublicKey::from, PublicKey::decode, PublicKey::encode, null));
        add(new ValueCodec<>("signature", 66, Signature.class, Signature::from, Signature::decode, Signature::encode, null));
        add(new ExtendedAssetCodec());
    }

    private static void add(Codec c) {
        CODECS.put(c.name, c);
    }

    private Builtins() {
    }

    /** The built-in codec of that exact name, or {@code null}. */
    static Codec get(String name) {
        return CODECS.get(name);
    }

    static Set<String> names() {
        return CODECS.keySet();
    }

    /** Whether {@code v} is an instance of the SDK class {@code className} (no compile-time link). */
    private static boolean isClass(Object v, String className) {
        return v instanceof BinaryEncodable && v.getClass().getName().equals(className);
    }

    private static PathException invalid(Object v, String type, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PathException(Values.describe(v) + " is not a valid " + type + ": " + why, e);
    }

    // ------------------------------------------------------------------ bool

    static final class BoolCodec extends Codec {
        BoolCodec() {
            super("bool");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            boolean b;
            if (v instanceof Boolean) {
                b = (Boolean) v;
            } else if (v instanceof JsonNode && ((JsonNode) v).isBoolean()) {
                b = ((JsonNode) v).booleanValue();
            } else if ("true".equals(Values.text(v))) {
                b = true;
            } else if ("false".equals(Values.text(v))) {
                b = false;
            } else if (v instanceof Number || (v instanceof JsonNode && ((JsonNode) v).isNumber())) {
                BigInteger i = Values.integer(v, name);
                if (i.signum() < 0 || i.compareTo(BigInteger.ONE) > 0) {
                    throw new PathException("bool value " + Values.describe(v) + " is not 0 or 1");
                }
                b = i.signum() == 1;
            } else {
                throw new PathException("expected a boolean for bool, got " + Values.kind(v) + " " + Values.describe(v));
            }
            out.writeBoolean(b);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.booleanNode(in.readBoolean());
        }

        @Override
        int minSize() {
            return 1;
        }
    }

    // ------------------------------------------------------------------ integers

    enum IntKind {
        INT8("int8", -128, 127),
        UINT8("uint8", 0, 255),
        INT16("int16", Short.MIN_VALUE, Short.MAX_VALUE),
        UINT16("uint16", 0, 0xFFFF),
        INT32("int32", Integer.MIN_VALUE, Integer.MAX_VALUE),
        UINT32("uint32", 0, 0xFFFF_FFFFL),
        INT64("int64", Long.MIN_VALUE, Long.MAX_VALUE),
        UINT64("uint64", 0, -1),
        VARINT32("varint32", Integer.MIN_VALUE, Integer.MAX_VALUE),
        VARUINT32("varuint32", 0, 0xFFFF_FFFFL);

        final String abiName;
        final long min;
        final long max;

        IntKind(String abiName, long min, long max) {
            this.abiName = abiName;
            this.min = min;
            this.max = max;
        }
    }

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static final class IntCodec extends Codec {
        private final IntKind kind;
        private final String valueClass;

        IntCodec(IntKind kind) {
            super(kind.abiName);
            this.kind = kind;
            this.valueClass = kind == IntKind.VARUINT32 ? "io.antelopekit.chain.VarUInt32"
                    : kind == IntKind.VARINT32 ? "io.antelopekit.chain.VarInt32" : null;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            long x;
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                x = ((Number) v).longValue();
                if (kind == IntKind.UINT64 ? x < 0 : (x < kind.min || x > kind.max)) {
                    throw outOfRange(v);
                }
            } else if (v instanceof JsonNode && ((JsonNode) v).isIntegralNumber() && ((JsonNode) v).canConvertToLong()) {
                x = ((JsonNode) v).longValue();
                if (kind == IntKind.UINT64 ? x < 0 : (x < kind.min || x > kind.max)) {
                    throw outOfRange(v);
                }
            } else if ((x = Values.smallDecimal(v)) != Long.MIN_VALUE) {
                if (kind == IntKind.UINT64 ? x < 0 : (x < kind.min || x > kind.max)) {
                    throw outOfRange(v);
                }
            } else if (valueClass != null && isClass(v, valueClass)) {
                ((BinaryEncodable) v).encode(out);
                return;
            } else {
                BigInteger b = Values.integer(v, name);
                if (kind == IntKind.UINT64) {
                    if (b.signum() < 0 || b.compareTo(UINT64_MAX) > 0) {
                        throw outOfRange(v);
                    }
                } else if (b.bitLength() > 63 || b.longValue() < kind.min || b.longValue() > kind.max) {
                    throw outOfRange(v);
                }
                x = b.longValue();
            }
            switch (kind) {
                case INT8:
                case UINT8:
                    out.writeByte((int) x);
                    break;
                case INT16:
                case UINT16:
                    out.writeInt16((int) x);
                    break;
                case INT32:
                case UINT32:
                    out.writeInt32((int) x);
                    break;
                case VARINT32:
                    out.writeVarInt32((int) x);
                    break;
                case VARUINT32:
                    out.writeVarUInt32(x);
                    break;
                default:
                    out.writeInt64(x);
            }
        }

        private PathException outOfRange(Object v) {
            String range = kind == IntKind.UINT64 ? "0.." + UINT64_MAX : kind.min + ".." + kind.max;
            return new PathException(name + " value " + Values.describe(v) + " is out of range " + range);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            switch (kind) {
                case INT8:
                    return JSON.numberNode((int) in.readInt8());
                case UINT8:
                    return JSON.numberNode(in.readUInt8());
                case INT16:
                    return JSON.numberNode((int) in.readInt16());
                case UINT16:
                    return JSON.numberNode(in.readUInt16());
                case INT32:
                    return JSON.numberNode(in.readInt32());
                case UINT32:
                    return number(in.readUInt32());
                case VARINT32:
                    return JSON.numberNode(in.readVarInt32());
                case VARUINT32:
                    return number(in.readVarUInt32());
                case INT64:
                    return JSON.textNode(Long.toString(in.readInt64()));
                default:
                    return JSON.textNode(Long.toUnsignedString(in.readInt64()));
            }
        }

        private static JsonNode number(long v) {
            return v <= Integer.MAX_VALUE ? JSON.numberNode((int) v) : JSON.numberNode(v);
        }

        @Override
        int minSize() {
            switch (kind) {
                case INT8:
                case UINT8:
                case VARINT32:
                case VARUINT32:
                    return 1;
                case INT16:
                case UINT16:
                    return 2;
                case INT32:
                case UINT32:
                    return 4;
                default:
                    return 8;
            }
        }
    }

    static final class Int128Codec extends Codec {
        private static final BigInteger SIGNED_MIN = BigInteger.ONE.shiftLeft(127).negate();
        private static final BigInteger SIGNED_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

        private final boolean signed;
        private final String valueClass;

        Int128Codec(String name, boolean signed) {
            super(name);
            this.signed = signed;
            this.valueClass = signed ? "io.antelopekit.chain.Int128" : "io.antelopekit.chain.UInt128";
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                long x = ((Number) v).longValue();
                if (!signed && x < 0) {
                    throw outOfRange(v);
                }
                out.writeInt64(x).writeInt64(x < 0 ? -1L : 0L);
                return;
            }
            if (isClass(v, valueClass)) {
                ((BinaryEncodable) v).encode(out);
                return;
            }
            BigInteger b = Values.integer(v, name);
            if (signed ? b.compareTo(SIGNED_MIN) < 0 || b.compareTo(SIGNED_MAX) > 0 : b.signum() < 0 || b.compareTo(UNSIGNED_MAX) > 0) {
                throw outOfRange(v);
            }
            out.writeInt64(b.longValue()).writeInt64(b.shiftRight(64).longValue());
        }

        private PathException outOfRange(Object v) {
            return new PathException(name + " value " + Values.describe(v) + " is out of range "
                    + (signed ? SIGNED_MIN + ".." + SIGNED_MAX : "0.." + UNSIGNED_MAX));
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            long lo = in.readInt64();
            long hi = in.readInt64();
            BigInteger low = lo >= 0 ? BigInteger.valueOf(lo) : BigInteger.valueOf(lo).add(TWO_64);
            BigInteger high = signed || hi >= 0 ? BigInteger.valueOf(hi) : BigInteger.valueOf(hi).add(TWO_64);
            return JSON.textNode(high.shiftLeft(64).add(low).toString());
        }

        @Override
        int minSize() {
            return 16;
        }
    }

    // ------------------------------------------------------------------ floats

    static final class Float32Codec extends Codec {
        Float32Codec() {
            super("float32");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            float f;
            if (v instanceof Float) {
                f = (Float) v;
            } else {
                double d = Values.real(v, name);
                f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw new PathException("float32 value " + Values.describe(v) + " is out of range (max "
                            + Float.MAX_VALUE + ")");
                }
            }
            out.writeFloat32(f);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(JsNumbers.float32(in.readFloat32()));
        }

        @Override
        int minSize() {
            return 4;
        }
    }

    static final class Float64Codec extends Codec {
        Float64Codec() {
            super("float64");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            out.writeFloat64(Values.real(Values.unwrap(value), name));
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(JsNumbers.float64(in.readFloat64()));
        }

        @Override
        int minSize() {
            return 8;
        }
    }

    /** float128: 16 raw bytes; JSON {@code "0x"} and 32 hex digits, as the reference writes it. */
    static final class Float128Codec extends Codec {
        Float128Codec() {
            super("float128");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            if (isClass(v, "io.antelopekit.chain.Float128")) {
                ((BinaryEncodable) v).encode(out);
                return;
            }
            out.writeBytes(fixedBytes(v, name, 16, true));
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode("0x" + Hex.encode(in.readBytes(16)));
        }

        @Override
        int minSize() {
            return 16;
        }
    }

    /** Bytes of a fixed size from hex text (optionally {@code 0x}-prefixed) or a byte array. */
    static byte[] fixedBytes(Object v, String type, int size, boolean allowPrefix) {
        if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            if (b.length != size) {
                throw new PathException(type + " needs " + size + " bytes, got byte[" + b.length + "]");
            }
            return b;
        }
        String s = Values.text(v);
        if (s == null) {
            throw new PathException("expected " + (size * 2) + " hex digits for " + type + ", got " + Values.kind(v) + " "
                    + Values.describe(v));
        }
        String hex = allowPrefix && (s.startsWith("0x") || s.startsWith("0X")) ? s.substring(2) : s;
        if (hex.length() != size * 2) {
            throw new PathException(Values.describe(v) + " is not a valid " + type + ": expected " + size + " bytes ("
                    + (size * 2) + " hex digits), got " + hex.length() + " hex digits");
        }
        return hex(v, hex, type);
    }

    private static byte[] hex(Object v, String hex, String type) {
        try {
            return Hex.decode(type, hex);
        } catch (InvalidValueException e) {
            throw new PathException(Values.describe(v) + " is not a valid " + type + ": not hex", e);
        }
    }

    // ------------------------------------------------------------------ strings and bytes

    static final class StringCodec extends Codec {
        StringCodec() {
            super("string");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            String s = Values.requireText(Values.unwrap(value), name);
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                    } else {
                        throw new PathException("string " + Values.describe(s) + " has an unpaired surrogate at index " + i
                                + ", which UTF-8 cannot encode");
                    }
                }
            }
            out.writeString(s);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(in.readString());
        }

        @Override
        int minSize() {
            return 1;
        }
    }

    static final class BytesCodec extends Codec {
        BytesCodec() {
            super("bytes");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            if (v instanceof Bytes) {
                ((Bytes) v).encode(out);
                return;
            }
            if (v instanceof byte[]) {
                out.writeBytesWithLength((byte[]) v);
                return;
            }
            String s = Values.text(v);
            if (s == null) {
                throw new PathException("expected hex text or byte[] for bytes, got " + Values.kind(v) + " " + Values.describe(v));
            }
            if (s.length() % 2 != 0) {
                throw new PathException(Values.describe(v) + " is not valid bytes: odd number of hex digits (" + s.length() + ")");
            }
            out.writeBytesWithLength(hex(v, s, name));
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(Hex.encode(in.readBytesWithLength()));
        }

        @Override
        int minSize() {
            return 1;
        }
    }

    static final class ChecksumCodec extends Codec {
        private final int size;
        private final Class<?> valueClass;
        private final BiConsumer<Object, BinaryWriter> write;

        @SuppressWarnings("unchecked")
        <T> ChecksumCodec(String name, int size, Class<T> valueClass, BiConsumer<T, BinaryWriter> write) {
            super(name);
            this.size = size;
            this.valueClass = valueClass;
            this.write = (BiConsumer<Object, BinaryWriter>) write;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            if (valueClass.isInstance(v)) {
                write.accept(v, out);
                return;
            }
            out.writeBytes(fixedBytes(v, name, size, false));
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(Hex.encode(in.readBytes(size)));
        }

        @Override
        int minSize() {
            return size;
        }
    }

    // ------------------------------------------------------------------ chain value types

    /** A built-in backed by a chain value class: parsed from its string form, written by the class. */
    static class ValueCodec<T> extends Codec {
        private final int minSize;
        private final Class<T> valueClass;
        private final Function<String, T> parse;
        private final Function<BinaryReader, T> read;
        private final BiConsumer<T, BinaryWriter> write;
        private final Function<Instant, T> fromInstant;

        ValueCodec(String name, int minSize, Class<T> valueClass, Function<String, T> parse, Function<BinaryReader, T> read,
                BiConsumer<T, BinaryWriter> write, Function<Instant, T> fromInstant) {
            super(name);
            this.minSize = minSize;
            this.valueClass = valueClass;
            this.parse = parse;
            this.read = read;
            this.write = write;
            this.fromInstant = fromInstant;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            write.accept(value(value), out);
        }

        T value(Object value) {
            Object v = Values.unwrap(value);
            if (valueClass.isInstance(v)) {
                return valueClass.cast(v);
            }
            if (fromInstant != null && v instanceof Instant) {
                try {
                    return fromInstant.apply((Instant) v);
                } catch (RuntimeException e) {
                    throw invalid(v, name, e);
                }
            }
            String s = Values.text(v);
            if (s == null) {
                throw new PathException("expected " + name + " as a string or " + valueClass.getSimpleName() + ", got "
                        + Values.kind(v) + " " + Values.describe(v));
            }
            try {
                return parse.apply(s);
            } catch (RuntimeException e) {
                throw invalid(v, name, e);
            }
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            return JSON.textNode(read.apply(in).toString());
        }

        @Override
        int minSize() {
            return minSize;
        }
    }

    /** extended_asset: an asset and its contract; JSON {@code {"quantity": ..., "contract": ...}}. */
    static final class ExtendedAssetCodec extends Codec {
        @SuppressWarnings("unchecked")
        private final ValueCodec<Asset> assetCodec = (ValueCodec<Asset>) CODECS.get("asset");
        @SuppressWarnings("unchecked")
        private final ValueCodec<Name> nameCodec = (ValueCodec<Name>) CODECS.get("name");

        ExtendedAssetCodec() {
            super("extended_asset");
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            Object v = Values.unwrap(value);
            if (v instanceof ExtendedAsset) {
                ((ExtendedAsset) v).encode(out);
                return;
            }
            Object quantity;
            Object contract;
            if (v != null && !(v instanceof JsonNode) && !(v instanceof Map) && !(v instanceof CharSequence)
                    && !(v instanceof Number) && !(v instanceof Boolean)) {
                try {
                    v = AbiJson.RECORDS.valueToTree(v);
                } catch (IllegalArgumentException e) {
                    throw new PathException("cannot read " + Values.kind(v) + " as extended_asset: " + e.getMessage(), e);
                }
            }
            if (v instanceof JsonNode && ((JsonNode) v).isObject()) {
                quantity = ((JsonNode) v).get("quantity");
                contract = ((JsonNode) v).get("contract");
            } else if (v instanceof Map) {
                quantity = ((Map<?, ?>) v).get("quantity");
                contract = ((Map<?, ?>) v).get("contract");
            } else {
                throw new PathException("expected {\"quantity\": ..., \"contract\": ...} for extended_asset, got "
                        + Values.kind(v) + " " + Values.describe(v));
            }
            Asset q;
            Name c;
            try {
                q = assetCodec.value(require(quantity, "quantity"));
            } catch (RuntimeException e) {
                throw at(e, ".quantity");
            }
            try {
                c = nameCodec.value(require(contract, "contract"));
            } catch (RuntimeException e) {
                throw at(e, ".contract");
            }
            q.encode(out);
            c.encode(out);
        }

        private static Object require(Object v, String field) {
            if (Values.isNull(v)) {
                throw new PathException("missing field " + field + " of extended_asset");
            }
            return v;
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            ObjectNode obj = JSON.objectNode();
            obj.put("quantity", Asset.decode(in).toString());
            obj.put("contract", Name.decode(in).toString());
            return obj;
        }

        @Override
        int minSize() {
            return 24;
        }
    }
}
