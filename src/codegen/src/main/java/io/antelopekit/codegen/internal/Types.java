package io.antelopekit.codegen.internal;

import com.palantir.javapoet.ClassName;

/** The classes of antelopekit, Reactor and the JDK that generated code names. */
final class Types {


    static final ClassName NAME = ClassName.get("io.antelopekit.chain", "Name");
    static final ClassName BINARY_ENCODABLE = ClassName.get("io.antelopekit.chain", "BinaryEncodable");
    static final ClassName BINARY_WRITER = ClassName.get("io.antelopekit.chain", "BinaryWriter");
    static final ClassName BINARY_READER = ClassName.get("io.antelopekit.chain", "BinaryReader");
    static final ClassName BINARY_DECODER = ClassName.get("io.antelopekit.chain", "BinaryDecoder");
    static final ClassName DECODING_EXCEPTION = ClassName.get("io.antelopekit.chain", "DecodingException");
    static final ClassName PERMISSION_LEVEL = ClassName.get("io.antelopekit.chain", "PermissionLevel");
    static final ClassName ACTION = ClassName.get("io.antelopekit.chain.transaction", "Action");
    static final ClassName ABI = ClassName.get("io.antelopekit.abi", "Abi");
    static final ClassName CHAIN_CLIENT = ClassName.get("io.antelopekit.api", "ChainClient");

    static final ClassName CONTRACT = ClassName.get("io.antelopekit.contract", "Contract");
    static final ClassName TABLE = ClassName.get("io.antelopekit.contract", "Table");
    static final ClassName TABLE_CURSOR = ClassName.get("io.antelopekit.contract", "TableCursor");
    static final ClassName INDEX = ClassName.get("io.antelopekit.contract", "Index");
    static final ClassName KEY_TYPE = ClassName.get("io.antelopekit.contract", "KeyType");

    static final ClassName MONO = ClassName.get("reactor.core.publisher", "Mono");
    static final ClassName FLUX = ClassName.get("reactor.core.publisher", "Flux");

    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName MAP = ClassName.get("java.util", "Map");
    static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

    private Types() {
    }

    /** A class of {@code io.antelopekit.chain}. */
    static ClassName chain(String simpleName) {
        return ClassName.get("io.antelopekit.chain", simpleName);
    }

    /** A class of {@code io.antelopekit.crypto}. */
    static ClassName crypto(String simpleName) {
        return ClassName.get("io.antelopekit.crypto", simpleName);
    }
}
