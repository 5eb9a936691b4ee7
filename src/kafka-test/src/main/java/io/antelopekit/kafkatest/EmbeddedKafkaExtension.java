package io.antelopekit.kafkatest;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EmbeddedKafka} for a test class: started on a temporary log directory before the
 * class's {@code @BeforeAll} methods, stopped and deleted after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 *
 * @Test
 * void writes() {
 *     String servers = KAFKA.kafka().bootstrapServers();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafka kafka;

    /** An extension; the broker starts with the test class. */
    public EmbeddedKafkaExtension() {
    }

    /**
     * The running broker.
     *
     * @throws IllegalStateException before the class's {@code @BeforeAll} methods or after the class
     */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("the broker runs from before the class's @BeforeAll methods to after the class");
        }
        return kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = EmbeddedKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            try {
                kafka.close();
            } finally {
                kafka = null;
            }
        }
    }
}
