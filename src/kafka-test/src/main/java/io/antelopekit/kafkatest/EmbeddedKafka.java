package io.antelopekit.kafkatest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in this JVM, for tests and demos: one KRaft node, broker and controller in
 * one ({@link KafkaRaftServer}, as {@code kafka-server-start} runs it), on free ports of 127.0.0.1,
 * its log directory formatted as {@code kafka-storage format --standalone} would. The internal
 * topics of transactions and offsets have one replica and one partition, so transactions and
 * consumer groups work on this single node.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     String servers = kafka.bootstrapServers();      // 127.0.0.1:<port>
 *     ...
 * }
 * }</pre>
 *
 * {@link #stopBroker()} then {@link #startBroker()} bring it back on the same ports and log
 * directory, with its topics, offsets and transactions: a broker restart in the middle of a test.
 * Every call here blocks (the broker's own start and stop do): call them from a test's or
 * {@code main}'s thread, not from a Reactor or Netty thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(60);

    private final Path logDir;
    private final boolean ownsDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, boolean ownsDir) {
        this.logDir = logDir;
        this.ownsDir = ownsDir;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** Starts a broker on a new temporary log directory, deleted by {@link #close()}. */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("antelopekit-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Formats a new log directory in {@code dir} (kept after {@link #close()}) and starts a broker on it. */
    public static EmbeddedKafka start(Path dir) {
        return start(dir, false);
    }

    private static EmbeddedKafka start(Path dir, boolean ownsDir) {
        EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kraft"), ownsDir);
        kafka.format();
        kafka.startBroker();
        return kafka;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's log directory ({@code kraft} in the directory it was started in). */
    public Path logDirectory() {
        return logDir;
    }

    /** Whether the broker is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Starts the broker (again, after {@link #stopBroker()}) and waits until it answers.
     *
     * @throws IllegalStateException if it is running, or does not answer within 60 s
     */
    public synchronized void startBroker() {
        if (server != null) {
            throw new IllegalStateException("the broker at " + bootstrapServers() + " is running");
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(config(), false), Time.SYSTEM);
        server.startup();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the broker at " + bootstrapServers(), e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker at " + bootstrapServers() + " did not answer within " + READY, e);
        }
    }

    /** Stops the broker; its ports and log directory stay for {@link #startBroker()}. */
    public synchronized void stopBroker() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Stops the broker, and deletes its log directory if {@link #start()} made it. */
    @Override
    public void close() {
        stopBroker();
        if (ownsDir) {
            delete(logDir.getParent());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + (isRunning() ? "" : ", stopped") + "]";
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // a crashed producer's open transaction is aborted soon after its transaction.timeout.ms
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        return p;
    }

    private void format() {
        try {
            Files.createDirectories(logDir);
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("formatting " + logDir + " failed", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
