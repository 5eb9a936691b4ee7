package io.antelopekit.codegen.internal;

import java.util.List;

/**
 * A struct of the ABI as a record: its fields with the base's first, each with its Java name
 * and resolved type. Made empty, then filled, so that fields can refer to the struct itself.
 */
final class StructModel {

    /** One record component. */
    record Field(String abiName, String javaName, String abiType, JType type, boolean extension) {
    }

    final String abiName;
    final String javaName;
    private List<Field> fields = List.of();
    private int minSize = -1;
    private boolean sizing;

    StructModel(String abiName, String javaName) {
        this.abiName = abiName;
        this.javaName = javaName;
    }

    List<Field> fields() {
        return fields;
    }

    void fields(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** The smallest binary size: the sum over the fields that are not extensions (0 while recursing). */
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
            if (!f.extension()) {
                total += f.type().minSize();
            }
        }
        sizing = false;
        minSize = (int) Math.min(Integer.MAX_VALUE, total);
        return minSize;
    }
}
