package io.antelopekit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void idsAreUrlSafe128BitAndDistinct() {
        RandomIds.warmUp();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = RandomIds.newId();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]{22}");
            assertThat(RandomIds.isId(id)).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
        assertThat(RandomIds.random(32)).hasSize(43);
    }

    @Test
    void isIdRefusesOtherShapes() {
        assertThat(RandomIds.isId(null)).isFalse();
        assertThat(RandomIds.isId("a".repeat(21))).isFalse();
        assertThat(RandomIds.isId("a".repeat(23))).isFalse();
        assertThat(RandomIds.isId("a".repeat(21) + "=")).isFalse();
        assertThat(RandomIds.isId("a".repeat(21) + "/")).isFalse();
    }

    @Test
    void aSeededRandomIsADrbg() {
        SecureRandom random = RandomIds.seededRandom();
        assertThat(random.getAlgorithm()).isEqualTo("DRBG");
        assertThat(random).isNotSameAs(RandomIds.seededRandom());
    }
}
