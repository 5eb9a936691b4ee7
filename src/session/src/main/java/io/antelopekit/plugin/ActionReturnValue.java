package io.antelopekit.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.Name;

import java.util.Objects;

/**
 * A value an action returned (ABI 1.2 {@code action_results}), read from the node's action trace
 * ({@code return_value_hex_data}) and decoded through the contract's ABI.
 *
 * <pre>{@code
 * for (ActionReturnValue v : result.returns()) {
 *     System.out.println(v.contract() + "::" + v.action() + " returned " + v.data());
 * }
 * }</pre>
 *
 * @param actionOrdinal the action trace's 1-based ordinal in the transaction
 * @param contract the contract ({@code act.account})
 * @param action the action ({@code act.name})
 * @param hex the returned bytes in hex, as the node sent them
 * @param resultType the type the ABI declares for the action's result, or {@code null} when it
 *     declares none (or the ABI could not be had)
 * @param data the decoded value in the node's JSON conventions; the node's own
 *     {@code return_value_data} when the ABI declares no result type; {@code null} when neither is
 *     known or the bytes do not decode as {@code resultType}
 */
public record ActionReturnValue(long actionOrdinal, Name contract, Name action, String hex, String resultType,
        JsonNode data) {

    /** Checks the values. */
    public ActionReturnValue {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(hex, "hex");
    }

    /**
     * Whether the value was decoded.
     *
     * @return true when {@link #data()} is set
     */
    public boolean decoded() {
        return data != null;
    }
}
