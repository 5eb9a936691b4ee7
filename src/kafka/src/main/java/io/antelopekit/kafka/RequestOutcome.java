package io.antelopekit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.chain.Checksum256;
import java.util.Objects;

/**
 * What became of one {@link ActionRequest}, as {@link KafkaToChain} writes it to its outcome topic
 * (keyed by the request's id) in the same Kafka transaction as the request's offset.
 *
 * <h2>The record's value (schema 1)</h2>
 * <pre>{@code
 * {"schema":1, "id":"payout-42", "partition":3, "offset":1017, "status":"EXECUTED",
 *  "transaction_id":"<hex>", "block_num":1234, "recovered":false}
 * {"schema":1, "id":"payout-43", "partition":3, "offset":1018, "status":"FAILED",
 *  "transaction_id":"<hex>", "block_num":0, "recovered":false,
 *  "error":{"name":"eosio_assert_message_exception", "message":"assertion failure with message: overdrawn balance"}}
 * }</pre>
 *
 * @param id            the request's id
 * @param partition     the request topic's partition it was read from
 * @param offset        its offset there
 * @param status        what happened
 * @param transactionId the transaction that carried it (executed, refused, or of unknown fate), or
 *                      {@code null} when none was signed
 * @param blockNum      the block the transaction went into, or 0 when not known
 * @param recovered     whether an earlier owner of the partition had sent it: found on chain when
 *                      the partition was taken over, and so not sent again
 * @param errorName     the chain's error name for a refusal ({@code eosio_assert_message_exception}),
 *                      {@link #EXPIRED_UNANSWERED}, or {@code null}
 * @param errorMessage  why it was not executed, or {@code null} when executed
 */
public record RequestOutcome(String id, int partition, long offset, Status status, Checksum256 transactionId,
        long blockNum, boolean recovered, String errorName, String errorMessage) {

    /** The version of the records' JSON. */
    public static final int SCHEMA = 1;
    /**
     * The {@link #errorName()} of a request whose transaction no node answered for and that then
     * expired without landing: it never ran, and never will.
     */
    public static final String EXPIRED_UNANSWERED = "antelopekit_expired_unanswered";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What happened to a request. */
    public enum Status {
        /** A node executed its transaction (in {@link #blockNum()}; follow it to irreversibility if you need to). */
        EXECUTED,
        /** The chain refused it (see {@link #errorName()}), or it was never sent. */
        FAILED,
        /**
         * Its transaction was signed and sent but no answer said whether a node took it, and
         * looking it up failed too. {@link KafkaToChain} waits until such a transaction has
         * landed or expired and then writes {@code EXECUTED} (with its block) or {@code FAILED}
         * ({@link #EXPIRED_UNANSWERED}), so its outcome topic does not hold this status; it is
         * here for readers of other writers. It is not sent again.
         */
        UNKNOWN
    }

    /** Checks the values. */
    public RequestOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (status == Status.EXECUTED && transactionId == null) {
            throw new IllegalArgumentException("an EXECUTED outcome names its transaction");
        }
    }

    /** Whether the request's action was executed. */
    public boolean isSuccess() {
        return status == Status.EXECUTED;
    }

    /** The record's value (see the class's documentation). */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", SCHEMA).put("id", id).put("partition", partition).put("offset", offset).put("status", status.name());
        if (transactionId != null) {
            n.put("transaction_id", transactionId.toString());
        } else {
            n.putNull("transaction_id");
        }
        n.put("block_num", blockNum).put("recovered", recovered);
        if (errorMessage != null || errorName != null) {
            ObjectNode error = n.putObject("error");
            error.put("name", errorName);
            error.put("message", errorMessage);
        }
        return n.toString();
    }

    /**
     * Reads an outcome record's value.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static RequestOutcome parse(String value) {
        try {
            JsonNode n = JSON.readTree(Objects.requireNonNull(value, "value"));
            JsonNode tx = n.path("transaction_id");
            JsonNode error = n.path("error");
            return new RequestOutcome(n.path("id").asText(), n.path("partition").asInt(), n.path("offset").asLong(),
                    Status.valueOf(n.path("status").asText()), tx.isTextual() ? Checksum256.from(tx.asText()) : null,
                    n.path("block_num").asLong(), n.path("recovered").asBoolean(),
                    error.path("name").isTextual() ? error.path("name").asText() : null,
                    error.path("message").isTextual() ? error.path("message").asText() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an outcome record: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RequestOutcome[" + id + " " + status + (recovered ? " (recovered)" : "") + " at " + partition + "@" + offset
                + (transactionId != null ? " in " + transactionId : "") + (blockNum != 0 ? " block " + blockNum : "")
                + (errorMessage != null ? ", " + (errorName != null ? errorName + ": " : "") + errorMessage : "") + "]";
    }
}
