package io.antelopekit.api.model;

import java.util.List;

/**
 * A chain exception in a node's error answer.
 *
 * @param code the exception code, such as {@code 3100002} (int64)
 * @param name the exception name, such as {@code unknown_block_exception}
 * @param what its description, such as {@code "Unknown block"}
 * @param details messages and where they came from
 */
public record ChainError(@Int64 long code, String name, String what, List<ChainErrorDetail> details) {

    /** Copies the list. */
    public ChainError {
        details = Models.copy(details);
    }
}
