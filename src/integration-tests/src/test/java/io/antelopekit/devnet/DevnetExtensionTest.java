package io.antelopekit.devnet;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link DevnetExtension}: test classes run through JUnit's engine test kit, which records what
 * the devnet was while they ran; after the run, the devnet must be gone (its port refuses).
 */
class DevnetExtensionTest {

    static final List<String> URLS = new CopyOnWriteArrayList<>();

    @Test
    void aStaticExtensionServesTheWholeClassAndItsNestedClassesThenStops() {
        URLS.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClass.class))
                .execute().testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        // @BeforeAll (by parameter), two tests and a nested test: one devnet, one URL
        assertThat(URLS).hasSize(4).containsOnly(URLS.get(0));
        assertThat(refuses(URLS.get(0))).as("the devnet's port after the class").isTrue();
    }

    @Test
    void anInstanceExtensionGivesEachTestItsOwnDevnet() {
        URLS.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerTest.class))
                .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(URLS).hasSize(2).doesNotHaveDuplicates();
        assertThat(URLS).allSatisfy(url -> assertThat(refuses(url)).as(url + " after its test").isTrue());
    }

    @Test
    void outsideATestItSaysTheDevnetIsNotRunning() {
        DevnetExtension idle = DevnetExtension.of(b -> b.manualBlockProduction());
        assertThatThrownBy(idle::devnet).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
        assertThat(idle.toString()).contains("not running");
    }

    /** Whether nothing listens on the URL's port any more. */
    static boolean refuses(String url) {
        URI uri = URI.create(url);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    /** A chain answer through the devnet at {@code url}: it is really serving. */
    static void answers(String url, Devnet devnet) {
        ChainClient client = ChainClient.create(url);
        try {
            ChainInfo info = client.getInfo().block(Duration.ofSeconds(30));
            assertThat(info).isNotNull();
            assertThat(info.chainId()).isEqualTo(devnet.chainId());
        } finally {
            client.dispose();
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @RegisterExtension
        static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

        @BeforeAll
        static void before(Devnet devnet) {
            assertThat(devnet).isSameAs(DEVNET.devnet());
            URLS.add(devnet.url());
        }

        @Test
        @Order(1)
        void first() {
            URLS.add(DEVNET.url());
            answers(DEVNET.url(), DEVNET.devnet());
        }

        @Test
        @Order(2)
        void second(Devnet devnet) {
            URLS.add(devnet.url());
            assertThat(devnet.chainId()).isEqualTo(DEVNET.chainId());
        }

        @Nested
        class Inner {
            @Test
            void nested() {
                URLS.add(DEVNET.url());
                answers(DEVNET.url(), DEVNET.devnet());
            }
        }
    }

    static class PerTest {
        @RegisterExtension
        final DevnetExtension devnet = DevnetExtension.of(b -> b.manualBlockProduction());

        @Test
        void one() {
            URLS.add(devnet.url());
            answers(devnet.url(), devnet.devnet());
        }

        @Test
        void two(Devnet running) {
            assertThat(running).isSameAs(devnet.devnet());
            URLS.add(running.url());
        }
    }
}
