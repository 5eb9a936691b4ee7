package io.antelopekit.spring;

import io.antelopekit.AntelopeException;

import java.util.List;

/**
 * The {@code antelopekit.*} properties, or what they point at (an environment variable, a port),
 * cannot make the beans of {@link AntelopeKitAutoConfiguration}: thrown at startup, so the
 * application does not start. The message names every property at fault and what is wrong; it
 * never holds a private key, only the names of the environment variables meant to hold one.
 *
 * <pre>{@code
 * antelopekit configuration is invalid: antelopekit.chains[0].id is not a chain id: checksum256
 * "abc" has 3 hex digits, expected 64; antelopekit.storage.type 'disk' is unknown: use memory,
 * file or redis
 * }</pre>
 */
public class AntelopeKitConfigurationException extends AntelopeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One problem. */
    public AntelopeKitConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** One problem and what caused it (a failed bind, for instance); the cause never holds a key either. */
    public AntelopeKitConfigurationException(String problem, Throwable cause) {
        super("antelopekit configuration is invalid: " + problem, cause);
        this.problems = List.of(problem);
    }

    /** Several problems, each naming its property. */
    public AntelopeKitConfigurationException(List<String> problems) {
        super("antelopekit configuration is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming its property. */
    public List<String> problems() {
        return problems;
    }
}
