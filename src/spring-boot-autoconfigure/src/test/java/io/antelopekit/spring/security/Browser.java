package io.antelopekit.spring.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A browser for the tests: one web session (its cookies kept between requests, updated from every
 * answer) and the CSRF token a page of the application would carry.
 */
final class Browser {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final WebTestClient client;
    final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfHeader;
    private String csrfToken;

    Browser(String baseUrl) {
        this(baseUrl, null);
    }

    /** A browser whose connections come from {@code localAddress} (such as 127.0.0.2), if not null. */
    Browser(String baseUrl, String localAddress) {
        // a new connection for every request, as no browser shares one with another: a pooled
        // connection could carry the unread rest of an earlier request's body (a 403 or 413 sent
        // before the body was read), and the server would take the next request for that rest
        HttpClient http = HttpClient.create(ConnectionProvider.newConnection());
        if (localAddress != null) {
            http = http.bindAddress(() -> new java.net.InetSocketAddress(localAddress, 0));
        }
        this.client = WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl(baseUrl)
                .responseTimeout(TIMEOUT).build();
    }

    /** An answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Reads the CSRF token (as a page would have it), once. */
    Browser withCsrf() {
        EntityExchangeResult<byte[]> r = client.get().uri("/csrf").cookies(c -> cookies.forEach(c::add))
                .exchange().expectStatus().isOk().expectBody().returnResult();
        keep(r.getResponseCookies());
        csrfHeader = r.getResponseHeaders().getFirst("X-Csrf-Header");
        csrfToken = new String(r.getResponseBodyContent(), StandardCharsets.UTF_8);
        return this;
    }

    Answer post(String path, MediaType type, String body) {
        WebTestClient.RequestBodySpec spec = client.post().uri(path).cookies(c -> cookies.forEach(c::add));
        if (csrfToken != null) {
            spec.header(csrfHeader, csrfToken);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec : spec.contentType(type).bodyValue(body);
        return answer(ready.exchange().expectBody().returnResult());
    }

    /**
     * Any request: {@code method} to {@code uri} (absolute, already encoded) with this browser's
     * cookies and CSRF token, {@code body} as raw bytes of {@code type} (each may be null).
     */
    Answer send(org.springframework.http.HttpMethod method, java.net.URI uri, String type, byte[] body) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(uri).cookies(c -> cookies.forEach(c::add));
        if (csrfToken != null) {
            spec.header(csrfHeader, csrfToken);
        }
        if (type != null) {
            spec.header("Content-Type", type);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec : spec.bodyValue(body);
        return answer(ready.exchange().expectBody().returnResult());
    }

    Answer post(String path) {
        return post(path, null, null);
    }

    /** A GET of an absolute, already encoded URI. */
    Answer get(java.net.URI uri) {
        return answer(client.get().uri(uri).cookies(c -> cookies.forEach(c::add)).exchange().expectBody()
                .returnResult());
    }

    Answer get(String path) {
        return answer(client.get().uri(path).cookies(c -> cookies.forEach(c::add)).exchange().expectBody()
                .returnResult());
    }

    private Answer answer(EntityExchangeResult<byte[]> r) {
        keep(r.getResponseCookies());
        byte[] body = r.getResponseBodyContent();
        return new Answer(r.getStatus().value(), body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    /** The events of {@code path}; fails unless it answers 200. */
    Flux<ServerSentEvent<String>> events(String path) {
        return client.get().uri(path).cookies(c -> cookies.forEach(c::add)).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody();
    }

    /** The status of {@code path} asked for events. */
    int eventsStatus(String path) {
        return client.get().uri(path).cookies(c -> cookies.forEach(c::add)).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().returnResult(String.class).getStatus().value();
    }

    /** The last answer's headers are not kept; this posts and gives the {@code Retry-After} too. */
    String[] postWithRetryAfter(String path) {
        WebTestClient.RequestBodySpec spec = client.post().uri(path).cookies(c -> cookies.forEach(c::add));
        if (csrfToken != null) {
            spec.header(csrfHeader, csrfToken);
        }
        EntityExchangeResult<byte[]> r = spec.exchange().expectBody().returnResult();
        keep(r.getResponseCookies());
        byte[] body = r.getResponseBodyContent();
        return new String[] {String.valueOf(r.getStatus().value()), r.getResponseHeaders().getFirst("Retry-After"),
                body == null ? "" : new String(body, StandardCharsets.UTF_8)};
    }

    private void keep(MultiValueMap<String, ResponseCookie> set) {
        set.forEach((name, list) -> list.forEach(c -> {
            if (c.getMaxAge().isZero()) {
                cookies.remove(name);
            } else {
                cookies.put(name, c.getValue());
            }
        }));
    }

    String session() {
        return cookies.get("SESSION");
    }

    static boolean ok(Answer a) {
        return a.status() == HttpStatus.OK.value();
    }
}
