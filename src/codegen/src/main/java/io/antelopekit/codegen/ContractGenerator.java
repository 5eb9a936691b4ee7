package io.antelopekit.codegen;

import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.abi.AbiSerializationException;
import io.antelopekit.chain.Name;
import io.antelopekit.codegen.internal.ContractWriter;
import io.antelopekit.codegen.internal.GenerationError;
import io.antelopekit.codegen.internal.JavaNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a contract's ABI into the Java source of one class named after the account
 * ({@code eosio.token} → {@code EosioToken}): its actions as methods returning {@code Action},
 * its structs as records, its variants as sealed interfaces, its tables as typed table classes,
 * all nested in it, with binary encoding written out (no reflection). The generated code needs
 * {@code antelopekit-contract} at compile time and run time.
 *
 * <p>Immutable and thread-safe. Generating twice from the same input gives the same text.
 *
 * <pre>{@code
 * ContractGenerator generator = ContractGenerator.builder().packageName("com.example.contracts").build();
 * GeneratedSource source = generator.generate("eosio.token", Files.readString(abiFile));
 * source.writeTo(Path.of("target/generated-sources/antelope"));
 * }</pre>
 */
public final class ContractGenerator {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "_");

    private final String packageName;

    private ContractGenerator(Builder b) {
        this.packageName = b.packageName;
    }

    /**
     * A new builder.
     *
     * @return a builder whose package must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The package the classes are generated in.
     *
     * @return the package name
     */
    public String packageName() {
        return packageName;
    }

    /**
     * The class for the contract at {@code account}, named after it.
     *
     * @param account the contract account, a valid name ({@code eosio.token})
     * @param abiJson the ABI as JSON (a {@code .abi} file, or the {@code abi} of {@code get_abi})
     * @return the source
     * @throws CodegenException if the account is not a valid name, the ABI is invalid, or its names clash in Java
     */
    public GeneratedSource generate(String account, String abiJson) {
        return generate(account, abiJson, null);
    }

    /**
     * The class for the contract at {@code account}, with a name of the caller's choice.
     *
     * @param account the contract account, a valid name
     * @param abiJson the ABI as JSON
     * @param className the simple class name, or {@code null} for the account's
     *        ({@code eosio.token} → {@code EosioToken})
     * @return the source
     * @throws CodegenException if the account or class name is not valid, the ABI is invalid, or names clash
     */
    public GeneratedSource generate(String account, String abiJson, String className) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(abiJson, "abiJson");
        try {
            Name.from(account);
        } catch (RuntimeException e) {
            throw new CodegenException("account \"" + account + "\" is not a valid name: " + e.getMessage(), e);
        }
        String cls;
        if (className == null) {
            try {
                cls = JavaNames.className(account);
            } catch (IllegalArgumentException e) {
                throw new CodegenException("account \"" + account + "\": " + e.getMessage(), e);
            }
        } else {
            if (!isIdentifier(className)) {
                throw new CodegenException("class name \"" + className + "\" is not a Java identifier");
            }
            cls = className;
        }
        AbiDefinition definition;
        try {
            definition = AbiDefinition.fromJson(abiJson);
        } catch (AbiSerializationException e) {
            throw new CodegenException("the ABI of " + account + " does not parse: " + e.getMessage(), e);
        }
        String source;
        try {
            source = ContractWriter.write(definition, account, packageName, cls, sha256(abiJson));
        } catch (GenerationError e) {
            throw new CodegenException("cannot generate " + cls + " from the ABI of " + account + ": " + e.getMessage(), e);
        }
        return new GeneratedSource(packageName, cls, source);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || KEYWORDS.contains(s) || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        return s.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    @Override
    public String toString() {
        return "ContractGenerator[package " + packageName + "]";
    }

    /** Builds a {@link ContractGenerator}. Not thread-safe. */
    public static final class Builder {

        private String packageName;

        private Builder() {
        }

        /**
         * The package of the generated classes (required).
         *
         * @param packageName a Java package name, {@code com.example.contracts}
         * @return this builder
         */
        public Builder packageName(String packageName) {
            this.packageName = Objects.requireNonNull(packageName, "packageName");
            return this;
        }

        /**
         * The generator.
         *
         * @return a new generator
         * @throws IllegalStateException if the package is missing or not a valid package name
         */
        public ContractGenerator build() {
            if (packageName == null) {
                throw new IllegalStateException("packageName is required");
            }
            for (String part : packageName.split("\\.", -1)) {
                if (!isIdentifier(part)) {
                    throw new IllegalStateException("packageName \"" + packageName + "\" is not a Java package name");
                }
            }
            return new ContractGenerator(this);
        }
    }
}
