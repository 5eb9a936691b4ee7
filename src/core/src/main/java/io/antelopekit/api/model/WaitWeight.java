package io.antelopekit.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A delay and its weight in an {@link Authority}.
 *
 * @param waitSec the delay in seconds (uint32)
 * @param weight its weight (uint16)
 */
public record WaitWeight(@JsonProperty("wait_sec") long waitSec, int weight) {
}
