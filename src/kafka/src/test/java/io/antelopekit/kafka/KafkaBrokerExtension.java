package io.antelopekit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link KafkaBroker} for a test class: started on a log directory of its own before the class's
 * {@code @BeforeAll} methods, stopped and deleted after the class.
 * <pre>{@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();}</pre>
 */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private KafkaBroker broker;

    /** The running broker. */
    KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker starts before the class's @BeforeAll methods");
        }
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("antelopekit-kafka-");
        broker = KafkaBroker.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (broker != null) {
                broker.stop();
            }
        } finally {
            broker = null;
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
