package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed in this JVM and does catch blocking calls, so the other tests, which
 * run the client on Netty and Reactor threads, prove that it never blocks.
 */
@ExtendWith(NonBlocking.class)
class BlockHoundTest {

    private MockNode node;
    private ChainClient client;

    @BeforeEach
    void start() {
        node = MockNode.start().chain("get_info", MockNode.recorded("antelope/41d2b5db1ef387ee364f1115e0dc4bdec9800993.json"));
        client = Clients.fast(node).build();
    }

    @AfterEach
    void stop() {
        client.dispose();
        node.close();
    }

    @Test
    void sleepingOnAParallelThreadIsCaught() {
        StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext(x -> sleep()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Thread.sleep"))
                .verify(Clients.VERIFY);
    }

    @Test
    void sleepingInsideAClientChainIsCaught() {
        StepVerifier.create(client.getInfo().doOnNext(info -> sleep()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class))
                .verify(Clients.VERIFY);
    }

    @Test
    void theClientItselfDoesNotBlock() {
        StepVerifier.create(client.getInfo().repeat(20).then())
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.count()).isEqualTo(21);
    }

    @Test
    void aFailedExpectationOnAnEventLoopIsReportedAsItself() {
        // the verifier formats its failure on the thread that delivers the signal (an event loop):
        // the test tooling's own lock there must not turn the assertion into a BlockingOperationError
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StepVerifier.create(client.getInfo())
                        .assertNext(info -> assertThat(info.headBlockNum()).isZero())
                        .expectComplete().verify(Clients.VERIFY))
                .isInstanceOf(AssertionError.class)
                .isNotInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("90841411");
    }

    /** The blocking call BlockHound must catch: this sleep is what the tests are about. */
    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
