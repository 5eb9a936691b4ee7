package io.antelopekit.example.webapp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * This application's class path has no Micrometer, an optional dependency of the SDK (a Spring
 * Boot application on the starter alone has none): so {@link WebAppBrowserTest} and
 * {@link WebAppAbuseTest}, which start the whole application, prove that the auto-configuration,
 * the session kit and the chain clients work without it. Add Micrometer here and this fails:
 * keep that proof somewhere else first.
 */
class WithoutMicrometerTest {

    @Test
    void micrometerIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
