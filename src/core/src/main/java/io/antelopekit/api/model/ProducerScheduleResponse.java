package io.antelopekit.api.model;

/**
 * The answer of {@code /v1/chain/get_producer_schedule}.
 *
 * @param active the schedule in force
 * @param pending a schedule waiting to become active, or {@code null}
 * @param proposed a proposed schedule, or {@code null}
 */
public record ProducerScheduleResponse(ProducerSchedule active, ProducerSchedule pending, ProducerSchedule proposed) {
}
