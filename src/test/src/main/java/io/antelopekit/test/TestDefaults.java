package io.antelopekit.test;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.test.StepVerifier;

/**
 * Defaults for every test class, registered through JUnit's extension auto-detection
 * ({@code META-INF/services}): a {@code StepVerifier.verify()} called without a duration waits at
 * most {@link #VERIFY_TIMEOUT}, so a stream that never ends fails its test instead of spinning
 * until the build is killed. After each test, a blocking call that BlockHound recorded instead of
 * throwing ({@link BlockHoundSupport}) fails it.
 */
public final class TestDefaults implements BeforeAllCallback, AfterEachCallback {

    /** The longest a verification without its own duration waits. */
    public static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(90);

    static {
        StepVerifier.setDefaultTimeout(VERIFY_TIMEOUT);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StepVerifier.setDefaultTimeout(VERIFY_TIMEOUT);
    }

    /** Fails the test if BlockHound recorded a blocking call inside a lock during it. */
    @Override
    public void afterEach(ExtensionContext context) {
        BlockHoundSupport.checkDeferred();
    }
}
