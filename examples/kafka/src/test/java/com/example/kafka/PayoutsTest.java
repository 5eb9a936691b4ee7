package com.example.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.kafka.RequestOutcome;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The payouts of docs/kafka.md, fewer of them: every request has one EXECUTED outcome, both
 * instances sent some, and each transfer is on chain exactly once, in its outcome's transaction.
 */
class PayoutsTest {

    @Test
    void eachPayoutLandsExactlyOnce() {
        Payouts.Summary s = Payouts.run(300);

        List<String> ids = IntStream.range(0, 300).mapToObj(Payouts::id).toList();
        assertThat(s.outcomes()).containsOnlyKeys(ids);
        assertThat(s.outcomes().values()).extracting(RequestOutcome::status).containsOnly(RequestOutcome.Status.EXECUTED);
        assertThat(s.outcomes().values()).noneMatch(RequestOutcome::recovered);
        assertThat(s.byInstance()).containsOnlyKeys("payouts-1", "payouts-2");
        assertThat(s.byInstance().values()).allMatch(n -> n > 0);
        assertThat(s.byInstance().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(s.onChain()).containsOnlyKeys(ids);
        assertThat(s.problems()).isEmpty();
    }
}
