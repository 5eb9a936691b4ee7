package io.antelopekit.codegen.internal;

/**
 * An ABI type expression resolved to what the generated code uses: type aliases are gone, a
 * suffix became a container, and an array of a {@code pair_<a>_<b>} struct became a map.
 */
sealed interface JType {

    /** The smallest size of the binary form, for the length checks of arrays. */
    int minSize();

    /** A built-in type. */
    record Simple(Builtin builtin) implements JType {
        @Override
        public int minSize() {
            return builtin.minSize;
        }
    }

    /** A struct of the ABI: a nested record. */
    record Struct(StructModel struct) implements JType {
        @Override
        public int minSize() {
            return struct.minSize();
        }
    }

    /** A variant of the ABI: a nested sealed interface. */
    record Variant(VariantModel variant) implements JType {
        @Override
        public int minSize() {
            return 1;
        }
    }

    /** {@code T?}: a presence byte, then the value. */
    record Opt(JType inner) implements JType {
        @Override
        public int minSize() {
            return 1;
        }
    }

    /** {@code T[]}: a varuint32 count, then the items. */
    record Seq(JType item) implements JType {
        @Override
        public int minSize() {
            return 1;
        }
    }

    /** {@code T[N]} (ABI 1.3): exactly N items, no count. */
    record Fixed(JType item, int size) implements JType {
        @Override
        public int minSize() {
            return (int) Math.min(Integer.MAX_VALUE, (long) size * item.minSize());
        }
    }

    /** {@code pair_<a>_<b>[]}: a varuint32 count, then key and value of each entry. */
    record MapOf(JType key, JType value) implements JType {
        @Override
        public int minSize() {
            return 1;
        }
    }
}
