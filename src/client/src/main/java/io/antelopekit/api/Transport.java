package io.antelopekit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.model.ChainErrorBody;
import io.antelopekit.api.model.ChainJson;
import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * One request to the chain API: the HTTP exchange, the mapping of its failures to the client's
 * exceptions, the decoding of its answer, and the retries with failover.
 */
final class Transport {

    /** Decodes a success answer; throws {@link MalformedResponseException} when it cannot. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(URI url, int status, byte[] body);
    }

    private static final int SNIPPET = 300;

    /** Context key of the signal that a try's request was sent. */
    private static final Object REQUEST_SENT = new Object();

    private final HttpClient http;
    private final URI[] bases;
    private final URI[][] urls;
    private final AtomicInteger preferred = new AtomicInteger();
    private final Duration responseTimeout;
    private final int maxResponseSize;
    private final ClientMetrics metrics;

    Transport(HttpClient http, List<URI> endpoints, Duration responseTimeout, int maxResponseSize,
            ClientMetrics metrics) {
        // the response timeout of a try starts when its request goes out, not while it waits for
        // a pooled connection (that wait has the pool's own bound): thousands of requests may be
        // queued on a small pool without timing out
        this.http = http.doOnRequest((request, connection) -> request.currentContextView()
                .<Sinks.Empty<Void>>getOrEmpty(REQUEST_SENT).ifPresent(Sinks.Empty::tryEmitEmpty));
        this.bases = endpoints.toArray(URI[]::new);
        Api[] apis = Api.values();
        this.urls = new URI[bases.length][apis.length];
        for (int e = 0; e < bases.length; e++) {
            for (Api api : apis) {
                if (api.path() != null) {
                    urls[e][api.ordinal()] = resolve(bases[e], api.path());
                }
            }
        }
        this.responseTimeout = responseTimeout;
        this.maxResponseSize = maxResponseSize;
        this.metrics = metrics;
    }

    static URI resolve(URI base, String path) {
        return URI.create(base.toString() + path);
    }

    /**
     * Sends {@code body} to {@code path} and decodes the answer, retrying transient failures as
     * {@code policy} says, each retry on the next endpoint.
     *
     * @param onDuplicateRetry for broadcasts: the result to give when a retry is answered
     *        {@code tx_duplicate}; {@code null} for reads
     */
    <T> Mono<T> execute(Api api, String path, Callable<byte[]> body, Decoder<T> decoder, RetryPolicy policy,
            Function<ChainApiException, T> onDuplicateRetry) {
        return Mono.defer(() -> {
            byte[] bytes;
            try {
                bytes = body.call();
            } catch (Exception e) {
                return Mono.error(e);
            }
            Attempts attempts = new Attempts(Math.floorMod(preferred.get(), bases.length));
            Mono<T> attempt = Mono.defer(() -> {
                int n = ++attempts.count;
                URI url = api == Api.OTHER ? resolve(bases[attempts.endpoint], path) : urls[attempts.endpoint][api.ordinal()];
                Mono<T> one = exchange(url, bytes).mapNotNull(r -> decode(url, r, decoder));
                if (onDuplicateRetry != null && n > 1) {
                    one = one.onErrorResume(e -> e instanceof ChainApiException a && a.isDuplicateTransaction(),
                            e -> Mono.just(onDuplicateRetry.apply((ChainApiException) e)));
                }
                return metrics.timed(api, one);
            });
            if (policy.maxRetries() == 0) {
                return attempt;
            }
            return attempt.retryWhen(Retries.transientBackoff(policy.maxRetries(), policy.firstBackoff())
                    .maxBackoff(policy.maxBackoff())
                    .jitter(policy.jitter())
                    .doBeforeRetry(signal -> {
                        metrics.retry(api);
                        if (bases.length > 1) {
                            attempts.endpoint = (attempts.endpoint + 1) % bases.length;
                            preferred.set(attempts.endpoint);
                            metrics.failover(api);
                        }
                    }));
        });
    }

    /** Per subscription: how many tries so far, and the endpoint of the next. */
    private static final class Attempts {
        volatile int count;
        volatile int endpoint;

        Attempts(int endpoint) {
            this.endpoint = endpoint;
        }
    }

    /** A whole answer. */
    record Answer(int status, byte[] body) {
    }

    /** One HTTP exchange, its failures mapped to the client's exceptions. */
    Mono<Answer> exchange(URI url, byte[] body) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> sent = Sinks.empty();
            Mono<Long> deadline = sent.asMono().then(Mono.delay(responseTimeout, Schedulers.parallel()));
            return send(url, body).timeout(deadline).contextWrite(Context.of(REQUEST_SENT, sent));
        }).onErrorMap(e -> transportFailure(url, e));
    }

    private Mono<Answer> send(URI url, byte[] body) {
        return http.post()
                .uri(url)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .response((res, content) -> {
                    int status = res.status().code();
                    long declared = contentLength(res.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH));
                    if (declared > maxResponseSize) {
                        return Mono.error(tooLarge(url, declared));
                    }
                    return content.asByteArray()
                            .collect(() -> new Accumulator(url, (int) Math.max(declared, 256)), Accumulator::add)
                            .map(acc -> new Answer(status, acc.bytes()));
                })
                .next();
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ChainTransportException tooLarge(URI url, long size) {
        return new ChainTransportException(url, url + ": answer of " + size + " bytes is larger than the limit of "
                + maxResponseSize + " bytes", null);
    }

    /** Collects an answer's chunks, failing once it passes the size limit. */
    private final class Accumulator {
        private final URI url;
        private byte[] buf;
        private int size;

        Accumulator(URI url, int initial) {
            this.url = url;
            this.buf = new byte[Math.min(initial, maxResponseSize)];
        }

        void add(byte[] chunk) {
            long need = (long) size + chunk.length;
            if (need > maxResponseSize) {
                throw tooLarge(url, need);
            }
            if (need > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(maxResponseSize, Math.max(need, 2L * buf.length)));
            }
            System.arraycopy(chunk, 0, buf, size, chunk.length);
            size += chunk.length;
        }

        byte[] bytes() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    private Throwable transportFailure(URI url, Throwable e) {
        if (e instanceof ChainClientException) {
            return e;
        }
        if (e instanceof TimeoutException) {
            return new ChainTimeoutException(url, url + ": no complete answer within " + responseTimeout,
                    responseTimeout, e);
        }
        if (e instanceof ReadTimeoutException) {
            return new ChainTimeoutException(url, url + ": no data from the node within " + responseTimeout,
                    responseTimeout, e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new ChainTimeoutException(url, url + ": could not connect in time: " + e.getMessage(), null, e);
        }
        String pkg = e.getClass().getName();
        if (e instanceof IOException || pkg.startsWith("io.netty.") || pkg.startsWith("reactor.netty.")) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ChainTransportException(url, url + ": " + what, e);
        }
        return e;
    }

    private static <T> T decode(URI url, Answer answer, Decoder<T> decoder) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return decoder.decode(url, status, answer.body());
        }
        throw apiError(url, status, answer.body());
    }

    static ChainApiException apiError(URI url, int status, byte[] body) {
        ChainErrorBody parsed = null;
        try {
            if (body.length > 0 && body[0] == '{') {
                ChainErrorBody b = ChainJson.mapper().readValue(body, ChainErrorBody.class);
                if (b.error() != null || b.message() != null) {
                    parsed = b;
                }
            }
        } catch (IOException | RuntimeException e) {
            parsed = null;
        }
        return new ChainApiException(url, status, parsed, parsed == null ? snippet(body) : null);
    }

    /** Reads JSON of {@code type}, failing with a {@link MalformedResponseException} that says where. */
    static <T> T readJson(ObjectMapper mapper, URI url, int status, byte[] body, Class<T> type) {
        try {
            if (body.length == 0) {
                throw new MalformedResponseException(url, status, url + ": HTTP " + status
                        + " answer is empty, expected " + type.getSimpleName() + " JSON", null);
            }
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw malformed(url, status, body, type.getSimpleName(), e);
        } catch (IOException e) {
            throw malformed(url, status, body, type.getSimpleName(), e);
        }
    }

    static MalformedResponseException malformed(URI url, int status, byte[] body, String expected, Exception e) {
        StringBuilder sb = new StringBuilder().append(url).append(": HTTP ").append(status)
                .append(" answer is not a valid ").append(expected);
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            sb.append(" at ").append(path(m));
        }
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        sb.append(": ").append(detail);
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            sb.append(" (line ").append(p.getLocation().getLineNr()).append(", column ")
                    .append(p.getLocation().getColumnNr()).append(')');
        }
        sb.append("; body starts with: ").append(snippet(body));
        return new MalformedResponseException(url, status, sb.toString(), e);
    }

    /** A field path such as {@code processed.action_traces[0].receipt}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String snippet(byte[] body) {
        if (body.length == 0) {
            return "(empty)";
        }
        String s = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SNIPPET) + 3);
        for (int i = 0; i < s.length() && sb.length() < SNIPPET; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 ? ' ' : c);
        }
        if (s.length() > SNIPPET || body.length > SNIPPET * 4) {
            sb.append("...");
        }
        return sb.toString();
    }
}
