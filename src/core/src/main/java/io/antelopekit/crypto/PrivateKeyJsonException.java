package io.antelopekit.crypto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Jackson could not read a {@link PrivateKey}: the JSON value is not a string or not a valid key.
 * The message names where the value stood (a JSON pointer such as {@code /wallet/key}) and what
 * was wrong with it, never the value itself; the cause, when there is one, is the
 * {@link InvalidKeyException} of {@link PrivateKey#from(String)}, whose message has the same
 * guarantee.
 *
 * <pre>{@code
 * try {
 *     mapper.readValue(json, BotConfig.class);
 * } catch (PrivateKeyJsonException e) {
 *     log.error("bad key in config at {}", e.pointer());   // safe to log
 * }
 * }</pre>
 */
public final class PrivateKeyJsonException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    private final String pointer;

    PrivateKeyJsonException(JsonParser parser, String pointer, String message, Throwable cause) {
        super(parser, message, cause);
        this.pointer = pointer;
    }

    /**
     * Where the value stood in the document read, as a JSON pointer ({@code ""} for the root).
     *
     * @return the JSON pointer
     */
    public String pointer() {
        return pointer;
    }
}
