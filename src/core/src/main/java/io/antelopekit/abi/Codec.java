package io.antelopekit.abi;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;

/**
 * One resolved type of a compiled ABI: a node of the codec tree that {@link Abi} builds once.
 * Codecs are immutable after compilation and shared between threads.
 *
 * <p>Failures are thrown as {@link PathException}; composite codecs prepend their path segment
 * (struct field, array index, variant alternative) as the exception unwinds.
 */
abstract class Codec {

    /** Values nested deeper than this (structs, arrays, optionals, variants) are refused. */
    static final int MAX_DEPTH = 64;

    /** Most items an array may declare, as a node's {@code fc} library allows. */
    static final int MAX_ARRAY_ITEMS = 1024 * 1024;

    final String name;

    Codec(String name) {
        this.name = name;
    }

    /**
     * Writes {@code value}.
     *
     * @param depth nesting level of this value (0 at the root)
     * @param extensionsAllowed whether trailing binary extension fields may be omitted here
     */
    abstract void encode(Object value, BinaryWriter out, int depth, boolean extensionsAllowed);

    /** Reads one value in the node's JSON conventions. */
    abstract JsonNode decode(BinaryReader in, int depth);

    /** The smallest number of bytes a value of this type takes. */
    abstract int minSize();

    static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new PathException("value nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    static void checkDepth(int depth, BinaryReader in) {
        if (depth >= MAX_DEPTH) {
            throw new PathException("data nests deeper than " + MAX_DEPTH + " levels at offset " + in.position());
        }
    }

    /** Turns any failure below a path segment into a {@link PathException} carrying it. */
    static PathException at(RuntimeException e, String segment) {
        PathException p = e instanceof PathException ? (PathException) e : new PathException(message(e), e);
        return p.at(segment);
    }

    static PathException wrap(RuntimeException e) {
        return e instanceof PathException ? (PathException) e : new PathException(message(e), e);
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return name;
    }
}
