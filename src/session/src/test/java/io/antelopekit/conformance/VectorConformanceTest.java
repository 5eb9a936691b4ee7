package io.antelopekit.conformance;

/**
 * Runs the reference implementation's conformance vectors, one dynamic test per line.
 *
 * <p>Reads the directory named by {@code -Dantelopekit.vectors=DIR} (default
 * {@code src/conformance/vectors}), so {@code mvn test -Dtest=VectorConformanceTest
 * -Dantelopekit.vectors=DIR} checks any directory of files in the same format. Each file's
 * checks live in a class of this package named after it ({@code NameVectors}, ...).
 */
class VectorConformanceTest {

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> keys() {
        return KeyVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> signatures() {
        return SignatureVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> transactions() {
        return TransactionVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> names() {
        return NameVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> assets() {
        return AssetVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> abiEncode() {
        return AbiVectors.all();
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> esr() {
        return EsrVectors.all();
    }
}
