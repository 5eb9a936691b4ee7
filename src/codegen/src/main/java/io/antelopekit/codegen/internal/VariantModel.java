package io.antelopekit.codegen.internal;

import java.util.List;

/** A variant of the ABI as a sealed interface, with one record per alternative, in the ABI's order. */
final class VariantModel {

    /** One alternative: the ABI type as written, the record's name, the resolved type. */
    record Alternative(String abiType, String javaName, JType type) {
    }

    final String abiName;
    final String javaName;
    private List<Alternative> alternatives = List.of();

    VariantModel(String abiName, String javaName) {
        this.abiName = abiName;
        this.javaName = javaName;
    }

    List<Alternative> alternatives() {
        return alternatives;
    }

    void alternatives(List<Alternative> alternatives) {
        this.alternatives = List.copyOf(alternatives);
    }
}
