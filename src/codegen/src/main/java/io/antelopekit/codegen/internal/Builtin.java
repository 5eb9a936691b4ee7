package io.antelopekit.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.HashMap;
import java.util.Map;

/**
 * The ABI's built-in types: the Java type each maps to, how it is written and read
 * ({@code $W} stands for the writer, {@code $V} for the value, {@code $R} for the reader), and
 * the smallest size of its binary form (for the length checks of arrays).
 */
enum Builtin {
    BOOL("bool", TypeName.BOOLEAN, "$W.writeBoolean($V)", "$R.readBoolean()", 1, null),
    INT8("int8", TypeName.BYTE, "$W.writeByte($V)", "$R.readInt8()", 1, null),
    UINT8("uint8", TypeName.INT, "$W.writeByte(Codecs.uint8($V))", "$R.readUInt8()", 1, "uint8"),
    INT16("int16", TypeName.SHORT, "$W.writeInt16($V)", "$R.readInt16()", 2, null),
    UINT16("uint16", TypeName.INT, "$W.writeInt16(Codecs.uint16($V))", "$R.readUInt16()", 2, "uint16"),
    INT32("int32", TypeName.INT, "$W.writeInt32($V)", "$R.readInt32()", 4, null),
    UINT32("uint32", TypeName.LONG, "$W.writeInt32(Codecs.uint32($V))", "$R.readUInt32()", 4, "uint32"),
    INT64("int64", TypeName.LONG, "$W.writeInt64($V)", "$R.readInt64()", 8, null),
    UINT64("uint64", TypeName.LONG, "$W.writeInt64($V)", "$R.readInt64()", 8, null),
    VARINT32("varint32", TypeName.INT, "$W.writeVarInt32($V)", "$R.readVarInt32()", 1, null),
    VARUINT32("varuint32", TypeName.LONG, "$W.writeVarUInt32($V)", "$R.readVarUInt32()", 1, "uint32"),
    INT128("int128", Types.chain("Int128"), 16),
    UINT128("uint128", Types.chain("UInt128"), 16),
    FLOAT32("float32", TypeName.FLOAT, "$W.writeFloat32($V)", "$R.readFloat32()", 4, null),
    FLOAT64("float64", TypeName.DOUBLE, "$W.writeFloat64($V)", "$R.readFloat64()", 8, null),
    FLOAT128("float128", Types.chain("Float128"), 16),
    STRING("string", ClassName.get(String.class), "$W.writeString($V)", "$R.readString()", 1, null),
    BYTES("bytes", Types.chain("Bytes"), 1),
    NAME("name", Types.NAME, 8),
    SYMBOL("symbol", Types.chain("Symbol"), 8),
    SYMBOL_CODE("symbol_code", Types.chain("SymbolCode"), 8),
    ASSET("asset", Types.chain("Asset"), 16),
    EXTENDED_ASSET("extended_asset", Types.chain("ExtendedAsset"), 24),
    CHECKSUM160("checksum160", Types.chain("Checksum160"), 20),
    CHECKSUM256("checksum256", Types.chain("Checksum256"), 32),
    CHECKSUM512("checksum512", Types.chain("Checksum512"), 64),
    PUBLIC_KEY("public_key", Types.crypto("PublicKey"), 34),
    SIGNATURE("signature", Types.crypto("Signature"), 66),
    TIME_POINT("time_point", Types.chain("TimePoint"), 8),
    TIME_POINT_SEC("time_point_sec", Types.chain("TimePointSec"), 4),
    BLOCK_TIMESTAMP("block_timestamp_type", Types.chain("BlockTimestamp"), 4);

    private static final Map<String, Builtin> BY_NAME = new HashMap<>();

    static {
        for (Builtin b : values()) {
            BY_NAME.put(b.abiName, b);
        }
    }

    final String abiName;
    final TypeName type;
    final String write;
    final String read;
    final int minSize;
    /** The range check of {@code Codecs} a field of this type needs in the record's constructor, or {@code null}. */
    final String check;

    Builtin(String abiName, TypeName type, String write, String read, int minSize, String check) {
        this.abiName = abiName;
        this.type = type;
        this.write = write;
        this.read = read;
        this.minSize = minSize;
        this.check = check;
    }

    /** A value class of antelopekit: {@code value.encode(out)}, {@code Type.decode(in)}. */
    Builtin(String abiName, ClassName type, int minSize) {
        this(abiName, type, "$V.encode($W)", null, minSize, null);
    }

    boolean isValueClass() {
        return read == null;
    }

    /** The built-in type named {@code name}, or {@code null}. */
    static Builtin of(String name) {
        return BY_NAME.get(name);
    }
}
