package io.antelopekit.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A read-only action that the node ran and that failed: an assertion of the contract, a write
 * refused in a read-only transaction, ... The node answers such a call with a trace that holds
 * the failure ({@code except}), not with an HTTP error; this carries it.
 */
public class ReadOnlyException extends ContractException {

    private static final long serialVersionUID = 1L;

    private final transient JsonNode except;

    /**
     * The failure of a read-only call.
     *
     * @param message what failed, with the node's words
     * @param except the trace's {@code except}: code, name, message and stack
     */
    public ReadOnlyException(String message, JsonNode except) {
        super(message);
        this.except = except;
    }

    /** @return the node's {@code except}: {@code code}, {@code name}, {@code message}, {@code stack} */
    public JsonNode except() {
        return except;
    }

    /** @return the chain's error code, such as 3050003 for a contract's assertion, or 0 if none */
    public long code() {
        return except == null ? 0 : except.path("code").asLong(0);
    }

    /** @return the chain's error name, such as {@code eosio_assert_message_exception}, or empty */
    public String name() {
        return except == null ? "" : except.path("name").asText("");
    }
}
