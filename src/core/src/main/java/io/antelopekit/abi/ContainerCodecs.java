package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/** Arrays {@code T[]}, fixed arrays {@code T[N]}, optionals {@code T?} and variants. */
final class ContainerCodecs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContainerCodecs() {
    }

    /** The items of an array-like input, or {@code null} if it is not one. */
    static List<?> items(Object v) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        if (v instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) v);
        }
        return null;
    }

    /** Writes the items of an array-like value: a count first, or exactly {@code expected} items if not negative. */
    static void encodeItems(Codec element, String type, Object value, BinaryWriter out, int depth, int expected) {
        Object v = Values.unwrap(value);
        if (v instanceof JsonNode) {
            JsonNode n = (JsonNode) v;
            if (!n.isArray()) {
                throw notArray(type, v);
            }
            int size = n.size();
            header(type, size, expected, out);
            for (int i = 0; i < size; i++) {
                item(element, n.get(i), out, depth, i);
            }
            return;
        }
        if (v instanceof List && v instanceof RandomAccess) {
            List<?> list = (List<?>) v;
            int size = list.size();
            header(type, size, expected, out);
            for (int i = 0; i < size; i++) {
                item(element, list.get(i), out, depth, i);
            }
            return;
        }
        if (v instanceof Collection) {
            Collection<?> c = (Collection<?>) v;
            header(type, c.size(), expected, out);
            int i = 0;
            for (Iterator<?> it = c.iterator(); it.hasNext(); i++) {
                item(element, it.next(), out, depth, i);
            }
            return;
        }
        if (v != null && v.getClass().isArray()) {
            int size = java.lang.reflect.Array.getLength(v);
            header(type, size, expected, out);
            for (int i = 0; i < size; i++) {
                item(element, java.lang.reflect.Array.get(v, i), out, depth, i);
            }
            return;
        }
        throw notArray(type, v);
    }

    private static PathException notArray(String type, Object v) {
        return new PathException("expected an array for " + type + ", got " + Values.kind(v) + " " + Values.describe(v));
    }

    private static void header(String type, int size, int expected, BinaryWriter out) {
        if (expected < 0) {
            if (size > MAX_ITEMS) {
                throw new PathException(type + " has " + size + " items, more than " + MAX_ITEMS);
            }
            out.writeVarUInt32(size);
        } else if (size != expected) {
            throw new PathException("fixed-size array " + type + " needs exactly " + expected + " items, got " + size);
        }
    }

    private static final int MAX_ITEMS = Codec.MAX_ARRAY_ITEMS;

    private static void item(Codec element, Object v, BinaryWriter out, int depth, int i) {
        try {
            element.encode(v, out, depth + 1, false);
        } catch (RuntimeException e) {
            throw Codec.at(e, "[" + i + "]");
        }
    }

    static ArrayNode decodeItems(Codec element, BinaryReader in, int depth, int n) {
        ArrayNode arr = new ArrayNode(JSON, Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            try {
                arr.add(element.decode(in, depth + 1));
            } catch (RuntimeException e) {
                throw Codec.at(e, "[" + i + "]");
            }
        }
        return arr;
    }

    /** {@code T[]}: a varuint32 count, then the items. */
    static final class ArrayCodec extends Codec {
        private final Codec element;

        ArrayCodec(String name, Codec element) {
            super(name);
            this.element = element;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            checkDepth(depth);
            encodeItems(element, name, value, out, depth, -1);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            checkDepth(depth, in);
            int at = in.position();
            int n = in.readLength(name, element.minSize());
            if (n > MAX_ITEMS) {
                throw new PathException(name + " at offset " + at + " declares " + n + " items, more than " + MAX_ITEMS);
            }
            return decodeItems(element, in, depth, n);
        }

        @Override
        int minSize() {
            return 1;
        }
    }

    /** {@code T[N]} (ABI 1.3): exactly N items, no count. */
    static final class FixedArrayCodec extends Codec {
        private final Codec element;
        private final int size;

        FixedArrayCodec(String name, Codec element, int size) {
            super(name);
            this.element = element;
            this.size = size;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            checkDepth(depth);
            encodeItems(element, name, value, out, depth, size);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            checkDepth(depth, in);
            long need = (long) size * element.minSize();
            if (size > MAX_ITEMS || need > in.remaining()) {
                throw new PathException(name + " at offset " + in.position() + " needs at least " + need
                        + " bytes but only " + in.remaining() + " remain");
            }
            return decodeItems(element, in, depth, size);
        }

        @Override
        int minSize() {
            return (int) Math.min(Integer.MAX_VALUE, (long) size * element.minSize());
        }
    }

    /** A type the ABI names but cannot be used: fails on every use with the reason. */
    static final class UnsupportedCodec extends Codec {
        private final String reason;

        UnsupportedCodec(String name, String reason) {
            super(name);
            this.reason = reason;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            throw new PathException(reason);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            throw new PathException(reason);
        }

        @Override
        int minSize() {
            return 0;
        }
    }

    /** {@code T?}: a presence byte (0 or 1), then the value if present. */
    static final class OptionalCodec extends Codec {
        private final Codec inner;

        OptionalCodec(String name, Codec inner) {
            super(name);
            this.inner = inner;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            if (Values.isNull(value)) {
                out.writeByte(0);
                return;
            }
            checkDepth(depth);
            out.writeByte(1);
            inner.encode(Values.unwrap(value), out, depth + 1, ext);
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            checkDepth(depth, in);
            int at = in.position();
            int flag = in.readUInt8();
            if (flag == 0) {
                return JSON.nullNode();
            }
            if (flag != 1) {
                throw new PathException("presence flag of " + name + " at offset " + at + " is " + flag + ", expected 0 or 1");
            }
            return inner.decode(in, depth + 1);
        }

        @Override
        int minSize() {
            return 1;
        }
    }

    /** A variant: a varuint32 index of the alternative, then its value; JSON {@code ["type", value]}. */
    static final class VariantCodec extends Codec {
        private String[] names = new String[0];
        private Codec[] alternatives = new Codec[0];

        VariantCodec(String name) {
            super(name);
        }

        void link(String[] names, Codec[] alternatives) {
            this.names = names;
            this.alternatives = alternatives;
        }

        @Override
        void encode(Object value, BinaryWriter out, int depth, boolean ext) {
            checkDepth(depth);
            Object v = Values.unwrap(value);
            Object tag;
            Object payload;
            if (v instanceof JsonNode && ((JsonNode) v).isArray() && ((JsonNode) v).size() == 2) {
                tag = ((JsonNode) v).get(0);
                payload = ((JsonNode) v).get(1);
            } else {
                List<?> items = items(v);
                if (items == null || items.size() != 2) {
                    throw new PathException("expected [\"type\", value] for variant " + name + ", got " + Values.kind(v) + " "
                            + Values.describe(v));
                }
                tag = items.get(0);
                payload = items.get(1);
            }
            String type = Values.text(tag);
            if (type == null) {
                throw new PathException("the first item of variant " + name + " must be a type name string, got " + Values.describe(tag));
            }
            int index = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(type)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw new PathException("unknown variant type \"" + type + "\" for " + name + ", expected one of "
                        + String.join(", ", names));
            }
            out.writeVarUInt32(index);
            try {
                alternatives[index].encode(payload, out, depth + 1, ext);
            } catch (RuntimeException e) {
                throw Codec.at(e, "<" + type + ">");
            }
        }

        @Override
        JsonNode decode(BinaryReader in, int depth) {
            checkDepth(depth, in);
            int at = in.position();
            long index = in.readVarUInt32();
            if (index >= names.length) {
                throw new PathException("variant " + name + " at offset " + at + " has index " + index + ", but only "
                        + names.length + " types");
            }
            int i = (int) index;
            ArrayNode pair = new ArrayNode(JSON, 2);
            pair.add(names[i]);
            try {
                pair.add(alternatives[i].decode(in, depth + 1));
            } catch (RuntimeException e) {
                throw Codec.at(e, "<" + names[i] + ">");
            }
            return pair;
        }

        @Override
        int minSize() {
            return 1;
        }
    }
}
