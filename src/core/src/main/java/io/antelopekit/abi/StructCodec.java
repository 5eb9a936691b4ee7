package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;

/**
 * A struct: its base's fields, then its own, in order. Input may be a JSON object, a
 * {@link Map}, a record (components matched by field name or its camelCase), or, for a struct
 * without a base, an array of the field values in order.
 *
 * <p>Binary extension fields ({@code T$}) follow the node: they may be left out only at the end
 * of the outermost value (or of the last field of such a value), never inside arrays or base
 * structs; once one is left out, every later field must be left out too. A {@code null} for an
 * extension field counts as left out. Decoding reads an extension field only while input
 * remains and writes {@code null} for one that is absent.
 */
final class StructCodec extends Codec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Object ABSENT = new Object();

    static final class Field {
        final String name;
        final String camelName;
        final String type;
        final Codec codec;
        final boolean extension;
        final boolean declaredOptional;
        final boolean fromBase;
        final String segment;

        Field(String name, String type, Codec codec, boolean fromBase) {
            this.name = name;
            this.camelName = RecordAccess.camelCase(name);
            this.type = type;
            this.codec = codec;
            this.extension = type.endsWith("$");
            this.declaredOptional = type.endsWith("?");
            this.fromBase = fromBase;
            this.segment = "." + name;
        }

        Field asBase() {
            return new Field(name, type, codec, true);
        }
    }

    private Field[] fields = new Field[0];
    private boolean hasBase;
    private int minSize = -1;
    private boolean sizing;

    private final ClassValue<MethodHandle[]> recordGetters = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            return RecordAccess.getters(type, fields);
        }
    };

    StructCodec(String name) {
        super(name);
    }

    void link(List<Field> all, boolean hasBase) {
        this.fields = all.toArray(new Field[0]);
        this.hasBase = hasBase;
    }

    Field[] fields() {
        return fields;
    }

    @Override
    int minSize() {
        if (minSize >= 0) {
            return minSize;
        }
        if (sizing) {
            return 0;
        }
        sizing = true;
        long total = 0;
        for (Field f : fields) {
            if (!f.extension) {
                total += f.codec.minSize();
            }
        }
        sizing = false;
        minSize = (int) Math.min(Integer.MAX_VALUE, total);
        return minSize;
    }

    // ------------------------------------------------------------------ encode

    @Override
    void encode(Object value, BinaryWriter out, int depth, boolean ext) {
        checkDepth(depth);
        Object v = Values.unwrap(value);
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            if (n.isObject()) {
                encodeFields(n, KIND_JSON, null, out, depth, ext);
                return;
            }
            if (n.isArray()) {
                encodePositional(n, null, n.size(), out, depth, ext);
                return;
            }
        } else if (v instanceof Map) {
            encodeFields(v, KIND_MAP, null, out, depth, ext);
            return;
        } else if (v != null && v.getClass().isRecord()) {
            encodeFields(v, KIND_RECORD, recordGetters.get(v.getClass()), out, depth, ext);
            return;
        } else {
            List<?> items = ContainerCodecs.items(v);
            if (items != null) {
                encodePositional(null, items, items.size(), out, depth, ext);
                return;
            }
            if (v != null && !(v instanceof CharSequence) && !(v instanceof Number) && !(v instanceof Boolean)) {
                JsonNode tree;
                try {
                    tree = AbiJson.RECORDS.valueToTree(v);
                } catch (IllegalArgumentException e) {
                    throw new PathException("cannot read " + Values.kind(v) + " as struct " + name + ": " + e.getMessage(), e);
                }
                if (tree != null && tree.isObject()) {
                    encodeFields(tree, KIND_JSON, null, out, depth, ext);
                    return;
                }
            }
        }
        throw new PathException("expected an object for struct " + name + ", got " + Values.kind(v) + " " + Values.describe(v));
    }

    private static final int KIND_JSON = 0;
    private static final int KIND_MAP = 1;
    private static final int KIND_RECORD = 2;

    private static Object get(Object src, int kind, MethodHandle[] getters, int i, Field f) {
        switch (kind) {
            case KIND_JSON: {
                JsonNode n = ((JsonNode) src).get(f.name);
                return n == null ? ABSENT : n;
            }
            case KIND_MAP: {
                Map<?, ?> m = (Map<?, ?>) src;
                Object x = m.get(f.name);
                if (x != null || m.containsKey(f.name)) {
                    return x;
                }
                x = m.get(f.camelName);
                return x != null || m.containsKey(f.camelName) ? x : ABSENT;
            }
            default: {
                MethodHandle g = getters[i];
                if (g == null) {
                    return ABSENT;
                }
                try {
                    return (Object) g.invokeExact(src);
                } catch (RuntimeException | Error e) {
                    throw new PathException("reading record component for field " + f.name + " failed: " + e, e);
                } catch (Throwable t) {
                    throw new PathException("reading record component for field " + f.name + " failed: " + t, t);
                }
            }
        }
    }

    private void encodeFields(Object src, int kind, MethodHandle[] getters, BinaryWriter out, int depth, boolean ext) {
        Field[] fs = fields;
        int last = fs.length - 1;
        String omitted = null;
        for (int i = 0; i <= last; i++) {
            Field f = fs[i];
            Object fv = get(src, kind, getters, i, f);
            if (f.extension && fv != ABSENT && Values.isNull(fv)) {
                fv = ABSENT;
            }
            if (fv != ABSENT || f.declaredOptional) {
                if (omitted != null) {
                    throw new PathException("field " + f.name + " is given but binary extension field " + omitted
                            + " before it is left out").at(f.segment);
                }
                try {
                    f.codec.encode(fv == ABSENT ? null : fv, out, depth + 1, ext && !f.fromBase && i == last);
                } catch (RuntimeException e) {
                    throw at(e, f.segment);
                }
            } else if (f.extension && ext && !f.fromBase) {
                omitted = f.name;
            } else if (omitted != null) {
                throw new PathException("field " + f.name + " (" + f.type + ") is not a binary extension but follows left-out extension field "
                        + omitted).at(f.segment);
            } else if (kind == KIND_RECORD && getters[i] == null) {
                throw new PathException("missing field: record " + src.getClass().getSimpleName() + " has no component "
                        + f.name + (f.camelName.equals(f.name) ? "" : " or " + f.camelName) + " (" + f.type + ")").at(f.segment);
            } else {
                throw new PathException("missing field of type " + f.type
                        + (f.extension ? " (binary extensions may only be left out at the end of the outermost value)" : ""))
                        .at(f.segment);
            }
        }
    }

    private void encodePositional(JsonNode node, List<?> list, int size, BinaryWriter out, int depth, boolean ext) {
        if (hasBase) {
            throw new PathException("struct " + name + " has a base struct, so its value must be an object, not an array");
        }
        Field[] fs = fields;
        if (size > fs.length) {
            throw new PathException("array input for struct " + name + " has " + size + " items but the struct has "
                    + fs.length + " fields");
        }
        int last = fs.length - 1;
        for (int i = 0; i <= last; i++) {
            Field f = fs[i];
            if (i < size) {
                Object fv = node != null ? node.get(i) : list.get(i);
                try {
                    f.codec.encode(fv, out, depth + 1, ext && i == last);
                } catch (RuntimeException e) {
                    throw at(e, f.segment);
                }
            } else if (f.extension && ext) {
                break;
            } else {
                throw new PathException("array input for struct " + name + " ends before field " + f.name).at(f.segment);
            }
        }
    }

    // ------------------------------------------------------------------ decode

    @Override
    JsonNode decode(BinaryReader in, int depth) {
        checkDepth(depth, in);
        ObjectNode obj = JSON.objectNode();
        boolean sawExtension = false;
        for (Field f : fields) {
            sawExtension |= f.extension;
            if (!in.hasRemaining()) {
                if (f.extension) {
                    obj.putNull(f.name);
                    continue;
                }
                if (sawExtension) {
                    throw new PathException("input ends at offset " + in.position() + " before field " + f.name
                            + ", which is not a binary extension but follows one").at(f.segment);
                }
                throw new PathException("input ends at offset " + in.position() + " before field " + f.name + " (" + f.type + ")")
                        .at(f.segment);
            }
            try {
                obj.set(f.name, f.codec.decode(in, depth + 1));
            } catch (RuntimeException e) {
                throw at(e, f.segment);
            }
        }
        return obj;
    }
}
