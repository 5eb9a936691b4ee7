package io.antelopekit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.transaction.PackedTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A signed transaction from the conformance vectors, to send to the mock nodes. */
final class Fixtures {

    /** The expiration of {@link #packed()}. */
    static final String EXPIRATION;
    private static final JsonNode ROW;

    static {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"), "transactions.jsonl");
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            ROW = new ObjectMapper().readTree(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EXPIRATION = ROW.at("/transaction_json/expiration").asText();
    }

    private Fixtures() {
    }

    /** The first transaction of {@code transactions.jsonl}, packed and signed. */
    static PackedTransaction packed() {
        try {
            return ChainJson.mapper().treeToValue(ROW.get("packed_transaction"), PackedTransaction.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its id as the reference implementation computed it. */
    static String transactionId() {
        return ROW.get("transaction_id").asText();
    }
}
