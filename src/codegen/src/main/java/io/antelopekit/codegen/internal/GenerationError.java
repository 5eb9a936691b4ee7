package io.antelopekit.codegen.internal;

/**
 * An ABI the generator cannot turn into Java (a name clash, a type it does not know, ...), with
 * what and where; {@code ContractGenerator} reports it as a {@code GenerationError}.
 */
public final class GenerationError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GenerationError(String message) {
        super(message);
    }

    GenerationError(String message, Throwable cause) {
        super(message, cause);
    }
}
