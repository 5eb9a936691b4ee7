package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.ChainTransportException;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.api.model.BlockResponse;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.api.model.TransactionStatus;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.test.BlockHoundSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * One chain on several HTTP endpoints: each serves the same chain, can be stopped (a real
 * outage: refused and reset connections) and started again on its URL, and can lag behind the
 * head as a node catching up does.
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetEndpointsTest {

    static final Duration TIMEOUT = DevnetHttp.TIMEOUT;
    static final String UNKNOWN_BLOCK = "unknown_block_exception";

    static Devnet devnet;
    static DevnetHttp node;
    /** Clients of endpoint 0 and endpoint 1 alone, without retries: a failure is seen as it is. */
    static ChainClient client0;
    static ChainClient client1;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2).endpoints(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
        client0 = single(devnet.urls().get(0));
        client1 = single(devnet.urls().get(1));
        StepVerifier.create(devnet.produceBlocks(6)).expectNextCount(1).expectComplete().verify(TIMEOUT);
    }

    static ChainClient single(String url) {
        return ChainClient.builder().endpoint(url).readRetry(RetryPolicy.none()).broadcastRetry(RetryPolicy.none())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void restore() {
        devnet.lagEndpoint(1, 0);
        StepVerifier.create(devnet.startEndpoint(1)).expectComplete().verify(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client0.dispose();
        client1.dispose();
    }

    static ChainInfo info(ChainClient client) {
        return client.getInfo().block(TIMEOUT);
    }

    @Test
    void everyEndpointServesTheSameChain() {
        assertThat(devnet.urls()).hasSize(2).doesNotHaveDuplicates();
        assertThat(devnet.url()).isEqualTo(devnet.urls().get(0)).endsWith(":" + devnet.port());
        assertThat(devnet.toString()).contains(devnet.urls().get(0), devnet.urls().get(1), devnet.chainId().toString());
        assertThat(devnet.isEndpointRunning(0)).isTrue();
        assertThat(devnet.isEndpointRunning(1)).isTrue();

        ChainInfo a = info(client0);
        ChainInfo b = info(client1);
        assertThat(a.chainId()).isEqualTo(devnet.chainId());
        assertThat(b.chainId()).isEqualTo(devnet.chainId());
        assertThat(b.headBlockNum()).isEqualTo(a.headBlockNum());
        assertThat(b.headBlockId()).isEqualTo(a.headBlockId());
        for (long num : new long[] {1, a.headBlockNum()}) {
            BlockResponse x = client0.getBlock(num).block(TIMEOUT);
            BlockResponse y = client1.getBlock(num).block(TIMEOUT);
            assertThat(y.id()).isEqualTo(x.id());
            assertThat(y.previous()).isEqualTo(x.previous());
        }
    }

    @Test
    void aTransactionSentThroughOneEndpointIsSeenThroughTheOther() {
        PackedTransaction trx = node.transfer("alice", "bob", "0.0100 EOS", "via endpoint 1",
                DevAccount.of("alice").privateKey());
        StepVerifier.create(client1.sendTransaction(trx))
                .assertNext(r -> assertThat(r.transactionId()).isEqualTo(trx.id()))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client0.getTransactionStatus(trx.id()))
                .assertNext(s -> assertThat(s.state()).isEqualTo("LOCALLY_APPLIED"))
                .expectComplete()
                .verify(TIMEOUT);
        long num = devnet.produceBlock().block(TIMEOUT);
        TransactionStatus s = client0.getTransactionStatus(trx.id()).block(TIMEOUT);
        assertThat(s.state()).isEqualTo("IN_BLOCK");
        assertThat(s.blockNumber()).isEqualTo(num);
        assertThat(client1.getBlock(num).block(TIMEOUT).transactions())
                .anySatisfy(t -> assertThat(t.trx().id()).isEqualTo(trx.id()));
    }

    @Test
    void aStoppedEndpointRefusesConnectionsWhileTheOtherServesAndItComesBackOnItsUrl() {
        String url = devnet.urls().get(1);
        StepVerifier.create(devnet.stopEndpoint(1)).expectComplete().verify(TIMEOUT);
        assertThat(devnet.isEndpointRunning(1)).isFalse();
        assertThat(devnet.isEndpointRunning(0)).isTrue();
        StepVerifier.create(devnet.stopEndpoint(1)).expectComplete().verify(TIMEOUT); // twice: nothing more

        StepVerifier.create(client1.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainTransportException.class))
                .verify(TIMEOUT);
        StepVerifier.create(client0.getInfo())
                .assertNext(i -> assertThat(i.chainId()).isEqualTo(devnet.chainId()))
                .expectComplete()
                .verify(TIMEOUT);

        // the stopped endpoint first: every read fails over to the other
        ChainClient both = ChainClient.builder().endpoints(url, devnet.urls().get(0))
                .readRetry(RetryPolicy.backoff(3, Duration.ofMillis(10), Duration.ofMillis(100))).build();
        try {
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(both.getInfo())
                        .assertNext(info -> assertThat(info.chainId()).isEqualTo(devnet.chainId()))
                        .expectComplete()
                        .verify(TIMEOUT);
            }
        } finally {
            both.dispose();
        }
        // the chain goes on meanwhile
        long head = info(client0).headBlockNum();
        StepVerifier.create(devnet.produceBlock()).expectNext(head + 1).expectComplete().verify(TIMEOUT);

        StepVerifier.create(devnet.startEndpoint(1)).expectComplete().verify(TIMEOUT);
        StepVerifier.create(devnet.startEndpoint(1)).expectComplete().verify(TIMEOUT); // twice: a no-op
        assertThat(devnet.isEndpointRunning(1)).isTrue();
        assertThat(devnet.urls().get(1)).isEqualTo(url);
        StepVerifier.create(client1.getInfo())
                .assertNext(i -> assertThat(i.headBlockNum()).isEqualTo(head + 1))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void stopAndStartAgainSeveralTimesWithoutBlockingANonBlockingThread() {
        for (int i = 0; i < 3; i++) {
            // subscribed on a non-blocking thread: BlockHound fails the test if either blocks
            StepVerifier.create(devnet.stopEndpoint(1).then(devnet.startEndpoint(1)).subscribeOn(Schedulers.parallel()))
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(devnet.isEndpointRunning(1)).isTrue();
            StepVerifier.create(client1.getInfo()).expectNextCount(1).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void aStopClosesAPooledKeepAliveConnection() {
        // one pooled connection: without a stop, the second request would reuse it
        ChainClient pooled = ChainClient.builder().endpoint(devnet.urls().get(1)).maxConnections(1)
                .readRetry(RetryPolicy.none()).build();
        try {
            StepVerifier.create(pooled.getInfo()).expectNextCount(1).expectComplete().verify(TIMEOUT);
            StepVerifier.create(devnet.stopEndpoint(1)).expectComplete().verify(TIMEOUT);
            StepVerifier.create(pooled.getInfo())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ChainTransportException.class))
                    .verify(TIMEOUT);
        } finally {
            pooled.dispose();
        }
    }

    @Test
    void aStopClosesAnOpenConnectionAtOnce() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(devnet.urls().get(1).replaceAll(".*:", "")))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis()); // a hang fails the test with a timeout
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /v1/chain/get_info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = readResponse(in);
            assertThat(first).startsWith("HTTP/1.1 200").contains(devnet.chainId().toString());
            assertThat(first.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");

            StepVerifier.create(devnet.stopEndpoint(1)).expectComplete().verify(TIMEOUT);
            int next;
            try {
                next = in.read();
            } catch (SocketException reset) {
                next = -1; // reset: closed as well
            }
            assertThat(next).as("the connection is closed by the stop").isEqualTo(-1);
        }
    }

    /** One HTTP/1.1 response: headers, then a body of Content-Length bytes or chunks. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int end = -1;
        while (end < 0) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the headers ended: " + buf);
            }
            buf.write(c);
            String s = buf.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                end = s.length();
            }
        }
        String headers = buf.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int at = headers.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
            buf.write(in.readNBytes(length));
        } else {
            while (!buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n0\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed before the body ended: " + buf);
                }
                buf.write(c);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLaggingEndpointAnswersAsANodeBehindTheHead() {
        StepVerifier.create(devnet.produceBlocks(4)).expectNextCount(1).expectComplete().verify(TIMEOUT);
        ChainInfo real = info(client0);
        long head = real.headBlockNum();

        devnet.lagEndpoint(1, 3);
        ChainInfo lagging = info(client1);
        assertThat(lagging.headBlockNum()).isEqualTo(head - 3);
        BlockResponse laggingHead = client0.getBlock(head - 3).block(TIMEOUT);
        assertThat(lagging.headBlockId()).isEqualTo(laggingHead.id());
        assertThat(lagging.headBlockTime().toString()).startsWith(laggingHead.timestamp().toString().substring(0, 19));
        assertThat(lagging.lastIrreversibleBlockNum())
                .isEqualTo(Math.min(real.lastIrreversibleBlockNum(), head - 3));
        assertThat(info(client0).headBlockNum()).as("the other endpoint is not affected").isEqualTo(head);

        // the blocks above its head are unknown to it, as a block that does not exist
        ChainApiException missing = apiError(client0.getBlock(head + 1000));
        ChainApiException above = apiError(client1.getBlock(head));
        assertThat(above.name()).isEqualTo(UNKNOWN_BLOCK).isEqualTo(missing.name());
        assertThat(above.code()).isEqualTo(missing.code());
        assertThat(above.httpStatus()).isEqualTo(missing.httpStatus()).isEqualTo(400);
        assertThat(above.details().get(0).message()).isEqualTo("Could not find block: " + head);
        assertThat(apiError(client1.getBlock(real.headBlockId())).name()).isEqualTo(UNKNOWN_BLOCK);
        assertThat(apiError(client1.getBlockInfo(head - 2)).name()).isEqualTo(UNKNOWN_BLOCK);
        assertThat(client1.getBlock(head - 3).block(TIMEOUT).id()).isEqualTo(laggingHead.id());
        assertThat(client1.getBlockInfo(head - 3).block(TIMEOUT).id()).isEqualTo(laggingHead.id());
        assertThat(client0.getBlock(head).block(TIMEOUT).id()).isEqualTo(real.headBlockId());

        // it follows the chain, the same distance behind
        long next = devnet.produceBlock().block(TIMEOUT);
        assertThat(info(client1).headBlockNum()).isEqualTo(next - 3);

        devnet.lagEndpoint(1, 0);
        ChainInfo caughtUp = info(client1);
        assertThat(caughtUp.headBlockNum()).isEqualTo(next);
        assertThat(caughtUp.lastIrreversibleBlockNum()).isEqualTo(info(client0).lastIrreversibleBlockNum());
        assertThat(client1.getBlock(next).block(TIMEOUT).id()).isEqualTo(caughtUp.headBlockId());
    }

    @Test
    void aLaggingEndpointHasNotSeenTheBlockOfARecentTransaction() {
        PackedTransaction trx = node.transfer("alice", "carol", "0.0001 EOS", "lag", DevAccount.of("alice").privateKey());
        StepVerifier.create(client0.sendTransaction(trx)).expectNextCount(1).expectComplete().verify(TIMEOUT);
        long num = devnet.produceBlock().block(TIMEOUT);
        devnet.lagEndpoint(1, 1);
        TransactionStatus seen = client1.getTransactionStatus(trx.id()).block(TIMEOUT);
        assertThat(seen.state()).isEqualTo("LOCALLY_APPLIED");
        assertThat(seen.headNumber()).isEqualTo(num - 1);
        assertThat(client0.getTransactionStatus(trx.id()).block(TIMEOUT).state()).isEqualTo("IN_BLOCK");
        devnet.lagEndpoint(1, 0);
        TransactionStatus after = client1.getTransactionStatus(trx.id()).block(TIMEOUT);
        assertThat(after.state()).isEqualTo("IN_BLOCK");
        assertThat(after.blockNumber()).isEqualTo(num);
    }

    @Test
    void aLagBeyondTheKeptBlocksStopsAtTheEarliestBlock() {
        devnet.lagEndpoint(1, Integer.MAX_VALUE);
        ChainInfo info = info(client1);
        assertThat(info.headBlockNum()).isEqualTo(info.earliestAvailableBlockNum()).isEqualTo(1);
        assertThat(info.lastIrreversibleBlockNum()).isEqualTo(1);
    }

    static ChainApiException apiError(reactor.core.publisher.Mono<?> call) {
        Throwable[] seen = new Throwable[1];
        StepVerifier.create(call)
                .expectErrorSatisfies(e -> seen[0] = e)
                .verify(TIMEOUT);
        assertThat(seen[0]).isInstanceOf(ChainApiException.class);
        return (ChainApiException) seen[0];
    }

    @Test
    void aBadIndexOrLagIsRefusedWithItsValue() {
        assertThatThrownBy(() -> devnet.stopEndpoint(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("devnet endpoint index 2 is out of range: this devnet has 2 endpoints (indexes 0 to 1)");
        assertThatThrownBy(() -> devnet.startEndpoint(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index -1 is out of range");
        assertThatThrownBy(() -> devnet.isEndpointRunning(16)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 16 is out of range");
        assertThatThrownBy(() -> devnet.lagEndpoint(3, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3 is out of range");
        assertThatThrownBy(() -> devnet.lagEndpoint(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lag of devnet endpoint 1 must not be negative: -1");
        assertThatThrownBy(() -> Devnet.builder().endpoints(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoints must be 1..16: 0");
        assertThatThrownBy(() -> Devnet.builder().endpoints(17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoints must be 1..16: 17");
    }

    @Test
    void startMonoBindsEveryEndpointAndAStoppedDevnetCannotRestartOne() {
        Devnet three = Devnet.builder().manualBlockProduction().endpoints(3).startMono().block(TIMEOUT);
        try {
            assertThat(three.urls()).hasSize(3).doesNotHaveDuplicates();
            for (String url : three.urls()) {
                ChainClient c = single(url);
                try {
                    assertThat(info(c).chainId()).isEqualTo(three.chainId());
                } finally {
                    c.dispose();
                }
            }
            assertThatThrownBy(() -> three.stopEndpoint(3)).hasMessageContaining("has 3 endpoints (indexes 0 to 2)");
        } finally {
            three.stop();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(three.isEndpointRunning(i)).isFalse();
        }
        StepVerifier.create(three.startEndpoint(0))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DevnetException.class)
                        .hasMessageContaining("the devnet is stopped"))
                .verify(TIMEOUT);
    }

    @Test
    void oneEndpointByDefault() {
        Devnet one = Devnet.builder().manualBlockProduction().start();
        try {
            assertThat(one.urls()).isEqualTo(List.of(one.url()));
            assertThat(one.toString()).isEqualTo("Devnet[" + one.url() + ", chain " + one.chainId() + "]");
            assertThatThrownBy(() -> one.lagEndpoint(1, 1)).hasMessageContaining("has 1 endpoint (index 0)");
        } finally {
            one.stop();
        }
    }
}
