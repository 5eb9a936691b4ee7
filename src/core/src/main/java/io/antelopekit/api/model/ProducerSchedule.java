package io.antelopekit.api.model;

import java.util.List;

/**
 * A producer schedule: in a block header ({@code new_producers}) or from
 * {@code get_producer_schedule}.
 *
 * @param version schedule version (uint32)
 * @param producers the producers in order
 */
public record ProducerSchedule(long version, List<ScheduledProducer> producers) {

    /** Copies the list. */
    public ProducerSchedule {
        producers = Models.copy(producers);
    }
}
