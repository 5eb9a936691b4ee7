package io.antelopekit.chain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Where a block explorer shows a transaction: its page is {@code prefix + id + suffix}, as in
 * WharfKit's {@code ExplorerDefinition}. Its JSON form is {@code {"prefix": ..., "suffix": ...}}.
 *
 * <pre>{@code
 * ExplorerDefinition bloks = ExplorerDefinition.of("https://bloks.io/transaction/");
 * URI page = URI.create(bloks.url(result.transactionId()));
 * }</pre>
 *
 * @param prefix what comes before the transaction id
 * @param suffix what comes after it ({@code ""} for none)
 */
public record ExplorerDefinition(@JsonProperty("prefix") String prefix, @JsonProperty("suffix") String suffix) {

    public ExplorerDefinition {
        Objects.requireNonNull(prefix, "prefix");
        suffix = suffix == null ? "" : suffix;
    }

    /** An explorer whose transaction pages are {@code prefix + id}. */
    public static ExplorerDefinition of(String prefix) {
        return new ExplorerDefinition(prefix, "");
    }

    /** The page of transaction {@code transactionId}. */
    public String url(Checksum256 transactionId) {
        return url(Objects.requireNonNull(transactionId, "transactionId").toString());
    }

    /** The page of the transaction with id {@code transactionId} (hex). */
    public String url(String transactionId) {
        return prefix + Objects.requireNonNull(transactionId, "transactionId") + suffix;
    }
}
