package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.test.BlockHoundSupport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The devnet's request body limit, as nodeos's http_plugin {@code max-body-size}: a body up to
 * the limit is read, one over it is refused as it streams in ({@code 413} with a node-shaped
 * error that names the limit, then the close: nodeos closes without an answer, which a client
 * takes for a transport fault), and many large bodies at once neither stop the devnet nor leak
 * buffers.
 */
@ExtendWith(BlockHoundSupport.class)
class DevnetBodyLimitTest {

    /** A request on a socket of its own: what came back (possibly nothing) once the devnet closed it. */
    private static String exchange(Devnet devnet, byte[] request) throws IOException {
        URI u = URI.create(devnet.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (SocketException e) {
                // the devnet closed the connection before it had the whole request
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException e) {
                // reset: the devnet closed with our bytes unread, as nodeos does
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] post(String path, String headers, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** A get_account body of exactly {@code size} bytes: the JSON padded with spaces. */
    private static byte[] accountBody(int size) {
        String json = "{\"account_name\":\"alice\"";
        return (json + " ".repeat(size - json.length() - 1) + "}").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsRefusedWith413() throws IOException {
        try (Devnet devnet = Devnet.builder().manualBlockProduction().maxBodySize(1024).start()) {
            byte[] atLimit = accountBody(1024);
            String ok = exchange(devnet, post("/v1/chain/get_account", "Content-Length: 1024\r\n"
                    + "Connection: close\r\n", atLimit));
            assertThat(ok).startsWith("HTTP/1.1 200 ").contains("\"account_name\":\"alice\"");

            byte[] over = accountBody(1025);
            assertThat(exchange(devnet, post("/v1/chain/get_account", "Content-Length: 1025\r\n", over)))
                    .startsWith("HTTP/1.1 413 ").contains("\"name\":\"invalid_http_request\"")
                    .contains("the request body of 1025 bytes is larger than the node's max-body-size of 1024 bytes");

            // chunked: the same 1025 bytes in two chunks, refused once the second one goes over
            String chunked = "200\r\n" + new String(over, 0, 512, StandardCharsets.US_ASCII) + "\r\n"
                    + "201\r\n" + new String(over, 512, 513, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n";
            assertThat(exchange(devnet, post("/v1/chain/get_account", "Transfer-Encoding: chunked\r\n",
                    chunked.getBytes(StandardCharsets.US_ASCII)))).startsWith("HTTP/1.1 413 ")
                    .contains("over 1024 bytes received");
            // and exactly the limit, chunked, is read
            String chunkedOk = "200\r\n" + new String(atLimit, 0, 512, StandardCharsets.US_ASCII) + "\r\n"
                    + "200\r\n" + new String(atLimit, 512, 512, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n";
            assertThat(exchange(devnet, post("/v1/chain/get_account", "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n", chunkedOk.getBytes(StandardCharsets.US_ASCII))))
                    .startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedAtTheHeaderBeforeAnyBodyIsSent() throws IOException {
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            // 3 GiB announced, not one byte sent: the devnet does not wait for it (the read ends at once)
            assertThat(exchange(devnet, post("/v1/chain/get_info", "Content-Length: 3221225472\r\n", new byte[0])))
                    .startsWith("HTTP/1.1 413 ").contains("3221225472 bytes");
            assertThat(exchange(devnet, post("/v1/chain/get_info", "Content-Length: "
                    + (Devnet.DEFAULT_MAX_BODY_SIZE + 1) + "\r\n", new byte[0]))).startsWith("HTTP/1.1 413 ");
            // 100-continue over the limit: the final answer instead of the 100 Continue
            String r = exchange(devnet, post("/v1/chain/send_transaction", "Expect: 100-continue\r\n"
                    + "Content-Length: 3221225472\r\n", new byte[0]));
            assertThat(r).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
        }
    }

    @Test
    void manyLargeBodiesAtOnceAreEachRefusedWhileTheDevnetGoesOnAnswering() {
        int parallel = 8;
        long size = 64L << 20; // each 64 MiB, 512 MiB in all: the old devnet held all of it
        int chunk = 64 << 10;
        try (Devnet devnet = Devnet.builder().manualBlockProduction().start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).baseUrl(devnet.url());
            List<AtomicLong> sent = new ArrayList<>();
            List<Mono<String>> uploads = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                AtomicLong count = new AtomicLong();
                sent.add(count);
                // generated as sent, chunked (no Content-Length): the limit must count the bytes
                Flux<ByteBuf> body = Flux.range(0, (int) (size / chunk)).map(x -> {
                    count.addAndGet(chunk);
                    return Unpooled.wrappedBuffer(new byte[chunk]);
                });
                uploads.add(client.post().uri("/v1/chain/send_transaction").send(body)
                        .responseSingle((res, buf) -> Mono.just("answered " + res.status().code()))
                        .onErrorResume(e -> Mono.just("closed")));
            }
            List<String> outcomes = Flux.merge(uploads).collectList().block(DevnetHttp.TIMEOUT);
            // the 413 when the client reads it before its send fails, else the close
            assertThat(outcomes).hasSize(parallel).isSubsetOf("answered 413", "closed");
            long most = 0;
            for (AtomicLong c : sent) {
                // refused at 2 MiB: what was sent beyond is only what the sockets' buffers took
                assertThat(c.get()).isLessThan(size / 2);
                most = Math.max(most, c.get());
            }
            System.out.printf("devnet body limit: %d bodies of %d MiB at once, each refused; the most any client"
                    + " wrote before the close: %.1f MiB%n", parallel, size >> 20, most / 1048576.0);
            assertThat(node.call("/v1/chain/get_info", Map.of()).status()).isEqualTo(200);
            assertThat(node.call("/v1/chain/get_account", Map.of("account_name", "alice")).status()).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusedBodiesLeakNoBufferUnderNettysParanoidLeakDetector() throws Exception {
        java.lang.reflect.Field field = io.netty.buffer.AbstractByteBuf.class.getDeclaredField("leakDetector");
        field.setAccessible(true);
        io.netty.util.ResourceLeakDetector<ByteBuf> detector =
                (io.netty.util.ResourceLeakDetector<ByteBuf>) field.get(null);
        List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.netty.util.ResourceLeakDetector.Level level = io.netty.util.ResourceLeakDetector.getLevel();
        detector.setLeakListener((type, records) -> leaks.add(type + ": " + records));
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.PARANOID);
        try {
            try (Devnet devnet = Devnet.builder().manualBlockProduction().maxBodySize(4096).start()) {
                DevnetHttp node = new DevnetHttp(devnet);
                HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).baseUrl(devnet.url());
                List<Mono<String>> requests = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    // chunked, so the first chunks reach the server's aggregation before the refusal
                    Flux<ByteBuf> body = Flux.range(0, 16).map(x -> Unpooled.wrappedBuffer(new byte[1000]));
                    requests.add(client.post().uri("/v1/chain/get_account").send(body)
                            .responseSingle((res, buf) -> Mono.just("answered " + res.status().code()))
                            .onErrorResume(e -> Mono.just("closed")));
                }
                assertThat(Flux.merge(requests).collectList().block(DevnetHttp.TIMEOUT)).hasSize(24)
                        .isSubsetOf("answered 413", "closed");
                assertThat(node.call("/v1/chain/get_account", Map.of("account_name", "alice")).status())
                        .isEqualTo(200);
            }
            // a leaked buffer is reported once collected, when the detector next tracks one
            for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
                System.gc();
                for (int j = 0; j < 100; j++) {
                    io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(16).release();
                }
            }
            assertThat(leaks).as("buffers never released").isEmpty();
        } finally {
            io.netty.util.ResourceLeakDetector.setLevel(level);
            detector.setLeakListener(null);
        }
    }

    // ------------------------------------------------------------------ the handler alone: every buffer released

    /** Fires the messages of a list one after the other in one call, as the HTTP codec does with one read's messages. */
    private static final class Batch extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof List<?> l) {
                l.forEach(ctx::fireChannelRead);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    private static HttpRequest request(String headerName, Object headerValue) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chain/get_info");
        r.headers().set(headerName, headerValue);
        return r;
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.directBuffer(n).writeZero(n);
    }

    @Test
    void theHandlerPassesABodyUpToTheLimitAndReleasesEverythingAfterARefusal() {
        EmbeddedChannel ch = new EmbeddedChannel(new Batch(), new BodyLimit(100));
        ch.writeInbound(request(HttpHeaderNames.TRANSFER_ENCODING.toString(), HttpHeaderValues.CHUNKED));
        HttpContent a = new DefaultHttpContent(bytes(60));
        HttpContent b = new DefaultLastHttpContent(bytes(40));
        ch.writeInbound(a, b);
        assertThat((Object) ch.readInbound()).isInstanceOf(HttpRequest.class);
        HttpContent passedA = ch.readInbound();
        HttpContent passedB = ch.readInbound();
        assertThat(passedA).isSameAs(a);
        assertThat(passedB).isSameAs(b).isInstanceOf(LastHttpContent.class);
        passedA.release();
        passedB.release();

        // the next request on the connection counts from zero; its 101st byte is refused
        ch.writeInbound(request(HttpHeaderNames.TRANSFER_ENCODING.toString(), HttpHeaderValues.CHUNKED));
        HttpContent c = new DefaultHttpContent(bytes(100));
        HttpContent d = new DefaultHttpContent(bytes(1));
        HttpContent e = new DefaultLastHttpContent(bytes(10));
        ch.writeInbound(c);
        // the refused chunk and one after it, decoded from the same read as the codec does
        ch.writeInbound(List.of(d, e));
        assertThat((Object) ch.readInbound()).isInstanceOf(HttpRequest.class);
        HttpContent passedC = ch.readInbound();
        assertThat(passedC).isSameAs(c);
        passedC.release();
        assertThat((Object) ch.readInbound()).as("nothing after the refusal reaches the server").isNull();
        assertThat(d.refCnt()).as("the chunk over the limit is released").isZero();
        assertThat(e.refCnt()).as("what came after is released").isZero();
        assertThat(ch.isOpen()).as("the connection is closed").isFalse();
        FullHttpResponse refusal = ch.readOutbound();
        assertThat(refusal.status().code()).as("after its 413").isEqualTo(413);
        refusal.release();
    }

    @Test
    void theHandlerRefusesAnAnnouncedLengthOverTheLimitWith413AlsoToExpectContinue() {
        EmbeddedChannel ch = new EmbeddedChannel(new BodyLimit(100));
        ch.writeInbound(request(HttpHeaderNames.CONTENT_LENGTH.toString(), 101));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
        FullHttpResponse first = ch.readOutbound();
        assertThat(first.status().code()).isEqualTo(413);
        assertThat(first.content().toString(StandardCharsets.UTF_8)).contains("max-body-size of 100 bytes");
        first.release();

        EmbeddedChannel ch2 = new EmbeddedChannel(new Batch(), new BodyLimit(100));
        HttpRequest r = request(HttpHeaderNames.CONTENT_LENGTH.toString(), 101);
        r.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        HttpContent late = new DefaultLastHttpContent(bytes(101));
        ch2.writeInbound(List.of(r, late));
        assertThat(late.refCnt()).isZero();
        assertThat((Object) ch2.readInbound()).isNull();
        FullHttpResponse answer = ch2.readOutbound();
        assertThat(answer.status().code()).isEqualTo(413);
        answer.release();
        assertThat(ch2.isOpen()).isFalse();

        EmbeddedChannel ch3 = new EmbeddedChannel(new BodyLimit(100));
        ch3.writeInbound(request(HttpHeaderNames.CONTENT_LENGTH.toString(), 100));
        assertThat((Object) ch3.readInbound()).isInstanceOf(HttpRequest.class);
        assertThat(ch3.isOpen()).isTrue();
        ch3.finishAndReleaseAll();
    }
}
