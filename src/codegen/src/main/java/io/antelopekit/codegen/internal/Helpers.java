package io.antelopekit.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import javax.lang.model.element.Modifier;

/**
 * The static methods of the generated {@code Codecs} class, by name: range checks of unsigned
 * integers kept in wider Java types, and the binary forms of optionals, arrays, fixed arrays
 * and maps. Each contract class carries only the ones it uses.
 */
final class Helpers {

    private static final TypeVariableName T = TypeVariableName.get("T");
    private static final TypeVariableName K = TypeVariableName.get("K");
    private static final TypeVariableName V = TypeVariableName.get("V");
    private static final ClassName BI_CONSUMER = ClassName.get("java.util.function", "BiConsumer");
    private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    private static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");
    private static final ClassName COLLECTIONS = ClassName.get("java.util", "Collections");

    private Helpers() {
    }

    private static MethodSpec.Builder method(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC).returns(returns);
    }

    private static TypeName writer(TypeName t) {
        return ParameterizedTypeName.get(BI_CONSUMER, Types.BINARY_WRITER, t);
    }

    private static TypeName decoder(TypeName t) {
        return ParameterizedTypeName.get(Types.BINARY_DECODER, t);
    }

    private static TypeName list(TypeName t) {
        return ParameterizedTypeName.get(Types.LIST, t);
    }

    static MethodSpec method(String name) {
        switch (name) {
            case "uint8":
            case "uint16": {
                int max = name.equals("uint8") ? 0xFF : 0xFFFF;
                return method(name, TypeName.INT)
                        .addParameter(TypeName.INT, "value")
                        .beginControlFlow("if (value < 0 || value > $L)", max)
                        .addStatement("throw new $T($S + value)", IllegalArgumentException.class,
                                name + " out of range 0.." + max + ": ")
                        .endControlFlow()
                        .addStatement("return value")
                        .build();
            }
            case "uint32":
                return method(name, TypeName.INT)
                        .addParameter(TypeName.LONG, "value")
                        .beginControlFlow("if (value < 0 || value > 0xFFFF_FFFFL)")
                        .addStatement("throw new $T($S + value)", IllegalArgumentException.class,
                                "uint32 out of range 0..4294967295: ")
                        .endControlFlow()
                        .addStatement("return (int) value")
                        .build();
            case "fixed":
                return method(name, list(T)).addTypeVariable(T)
                        .addParameter(list(T), "list")
                        .addParameter(TypeName.INT, "size")
                        .addParameter(String.class, "what")
                        .addStatement("$T<$T> copy = $T.copyOf($T.requireNonNull(list, what))", Types.LIST, T, Types.LIST,
                                Types.OBJECTS)
                        .beginControlFlow("if (copy.size() != size)")
                        .addStatement("throw new $T(what + $S + size + $S + copy.size())", IllegalArgumentException.class,
                                " must have exactly ", " items, not ")
                        .endControlFlow()
                        .addStatement("return copy")
                        .build();
            case "copyMap":
                return method(name, ParameterizedTypeName.get(Types.MAP, K, V)).addTypeVariable(K).addTypeVariable(V)
                        .addParameter(ParameterizedTypeName.get(Types.MAP, K, V), "map")
                        .addParameter(String.class, "what")
                        .addStatement("$T<$T, $T> copy = new $T<>()", Types.MAP, K, V, LINKED_HASH_MAP)
                        .beginControlFlow("for ($T.Entry<$T, $T> e : $T.requireNonNull(map, what).entrySet())",
                                Types.MAP, K, V, Types.OBJECTS)
                        .addStatement("copy.put($T.requireNonNull(e.getKey(), what), $T.requireNonNull(e.getValue(), what))",
                                Types.OBJECTS, Types.OBJECTS)
                        .endControlFlow()
                        .addStatement("return $T.unmodifiableMap(copy)", COLLECTIONS)
                        .build();
            case "writeOptional":
                return method(name, TypeName.VOID).addTypeVariable(T)
                        .addParameter(Types.BINARY_WRITER, "out")
                        .addParameter(ParameterizedTypeName.get(Types.OPTIONAL, T), "value")
                        .addParameter(writer(T), "item")
                        .beginControlFlow("if (value.isPresent())")
                        .addStatement("out.writeByte(1)")
                        .addStatement("item.accept(out, value.get())")
                        .nextControlFlow("else")
                        .addStatement("out.writeByte(0)")
                        .endControlFlow()
                        .build();
            case "writeList":
                return method(name, TypeName.VOID).addTypeVariable(T)
                        .addParameter(Types.BINARY_WRITER, "out")
                        .addParameter(list(T), "list")
                        .addParameter(writer(T), "item")
                        .addStatement("out.writeVarUInt32(list.size())")
                        .beginControlFlow("for ($T value : list)", T)
                        .addStatement("item.accept(out, value)")
                        .endControlFlow()
                        .build();
            case "writeFixed":
                return method(name, TypeName.VOID).addTypeVariable(T)
                        .addParameter(Types.BINARY_WRITER, "out")
                        .addParameter(list(T), "list")
                        .addParameter(TypeName.INT, "size")
                        .addParameter(writer(T), "item")
                        .beginControlFlow("if (list.size() != size)")
                        .addStatement("throw new $T($S + size + $S + list.size())", IllegalArgumentException.class,
                                "a fixed-size array needs exactly ", " items, not ")
                        .endControlFlow()
                        .beginControlFlow("for ($T value : list)", T)
                        .addStatement("item.accept(out, value)")
                        .endControlFlow()
                        .build();
            case "writeMap":
                return method(name, TypeName.VOID).addTypeVariable(K).addTypeVariable(V)
                        .addParameter(Types.BINARY_WRITER, "out")
                        .addParameter(ParameterizedTypeName.get(Types.MAP, K, V), "map")
                        .addParameter(writer(K), "key")
                        .addParameter(writer(V), "value")
                        .addStatement("out.writeVarUInt32(map.size())")
                        .beginControlFlow("for ($T.Entry<$T, $T> e : map.entrySet())", Types.MAP, K, V)
                        .addStatement("key.accept(out, e.getKey())")
                        .addStatement("value.accept(out, e.getValue())")
                        .endControlFlow()
                        .build();
            case "readOptional":
                return method(name, ParameterizedTypeName.get(Types.OPTIONAL, T)).addTypeVariable(T)
                        .addParameter(Types.BINARY_READER, "in")
                        .addParameter(String.class, "what")
                        .addParameter(decoder(T), "item")
                        .addStatement("int at = in.position()")
                        .addStatement("int flag = in.readUInt8()")
                        .beginControlFlow("if (flag == 0)")
                        .addStatement("return $T.empty()", Types.OPTIONAL)
                        .endControlFlow()
                        .beginControlFlow("if (flag != 1)")
                        .addStatement("throw new $T(what + $S + at + $S + flag + $S)", Types.DECODING_EXCEPTION,
                                " at offset ", " has presence flag ", ", expected 0 or 1")
                        .endControlFlow()
                        .addStatement("return $T.of(item.decode(in))", Types.OPTIONAL)
                        .build();
            case "readList":
                return method(name, list(T)).addTypeVariable(T)
                        .addParameter(Types.BINARY_READER, "in")
                        .addParameter(String.class, "what")
                        .addParameter(TypeName.INT, "minItemSize")
                        .addParameter(decoder(T), "item")
                        .addStatement("int n = in.readLength(what, minItemSize)")
                        .addStatement("$T<$T> list = new $T<>($T.min(n, 1024))", Types.LIST, T, ARRAY_LIST, Math.class)
                        .beginControlFlow("for (int i = 0; i < n; i++)")
                        .addStatement("list.add(item.decode(in))")
                        .endControlFlow()
                        .addStatement("return $T.copyOf(list)", Types.LIST)
                        .build();
            case "readFixed":
                return method(name, list(T)).addTypeVariable(T)
                        .addParameter(Types.BINARY_READER, "in")
                        .addParameter(String.class, "what")
                        .addParameter(TypeName.INT, "size")
                        .addParameter(TypeName.INT, "minItemSize")
                        .addParameter(decoder(T), "item")
                        .beginControlFlow("if ((long) size * minItemSize > in.remaining())")
                        .addStatement("throw new $T(what + $S + in.position() + $S + size + $S + in.remaining() + $S)",
                                Types.DECODING_EXCEPTION, " at offset ", " needs ", " items but only ", " bytes remain")
                        .endControlFlow()
                        .addStatement("$T<$T> list = new $T<>($T.min(size, 1024))", Types.LIST, T, ARRAY_LIST, Math.class)
                        .beginControlFlow("for (int i = 0; i < size; i++)")
                        .addStatement("list.add(item.decode(in))")
                        .endControlFlow()
                        .addStatement("return $T.copyOf(list)", Types.LIST)
                        .build();
            case "readMap":
                return method(name, ParameterizedTypeName.get(Types.MAP, K, V)).addTypeVariable(K).addTypeVariable(V)
                        .addParameter(Types.BINARY_READER, "in")
                        .addParameter(String.class, "what")
                        .addParameter(TypeName.INT, "minItemSize")
                        .addParameter(decoder(K), "key")
                        .addParameter(decoder(V), "value")
                        .addStatement("int n = in.readLength(what, minItemSize)")
                        .addStatement("$T<$T, $T> map = new $T<>()", Types.MAP, K, V, LINKED_HASH_MAP)
                        .beginControlFlow("for (int i = 0; i < n; i++)")
                        .addStatement("int at = in.position()")
                        .addStatement("$T k = key.decode(in)", K)
                        .beginControlFlow("if (map.put(k, value.decode(in)) != null)")
                        .addStatement("throw new $T(what + $S + at + $S + k)", Types.DECODING_EXCEPTION,
                                " at offset ", " repeats the key ")
                        .endControlFlow()
                        .endControlFlow()
                        .addStatement("return $T.unmodifiableMap(map)", COLLECTIONS)
                        .build();
            default:
                throw new IllegalArgumentException("no helper " + name);
        }
    }
}
