package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Status and billed resources of a transaction.
 *
 * @param status {@code executed}, {@code soft_fail}, {@code hard_fail}, {@code delayed} or
 *     {@code expired}
 * @param cpuUsageUs CPU billed, in microseconds (uint32)
 * @param netUsageWords NET billed, in 8-byte words (uint32)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionReceiptHeader(String status, long cpuUsageUs, long netUsageWords) {
}
