package io.antelopekit.wallet.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The receiver's HTTP endpoint: {@code POST} (JSON body) and {@code GET} (query parameters) at
 * {@code <path>/<id>}, a CORS preflight answer, and the status codes of {@link CallbackReceiver}.
 * Runs on the server's event loop: reading, parsing and delivering are CPU work only.
 */
final class CallbackHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALLOW = "GET, POST, OPTIONS";
    private static final byte[] OK_JSON = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OK_HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Done</title></head>"
            + "<body><p>Done. You can close this page and return to the application.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final Registrations registrations;
    /** The path before the id, without leading slash, with a trailing one ("" at the root). */
    private final String prefix;
    private final int maxBodySize;
    private final String allowOrigin;

    CallbackHttp(Registrations registrations, String path, int maxBodySize, String allowOrigin) {
        this.registrations = registrations;
        String p = path.startsWith("/") ? path.substring(1) : path;
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.maxBodySize = maxBodySize;
        this.allowOrigin = allowOrigin;
    }

    /** The body is larger than allowed. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        res.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpMethod method = req.method();
        if (method == HttpMethod.OPTIONS) {
            res.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOW)
                    .header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                    .header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            if ("true".equalsIgnoreCase(req.requestHeaders().get("Access-Control-Request-Private-Network"))) {
                // Chrome's private network access: a public page may call this local server
                res.header("Access-Control-Allow-Private-Network", "true");
            }
            return res.status(HttpResponseStatus.NO_CONTENT).send();
        }
        String id = id(rawPath(req.uri()));
        if (id == null) {
            return error(res, HttpResponseStatus.NOT_FOUND, "no callback endpoint at this path");
        }
        if (method != HttpMethod.POST && method != HttpMethod.GET) {
            res.header(HttpHeaderNames.ALLOW, ALLOW);
            return error(res, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST with a JSON body or GET with query parameters");
        }
        if (!registrations.contains(id)) {
            return error(res, HttpResponseStatus.NOT_FOUND, "no request waits for a callback with this id");
        }
        return method == HttpMethod.POST ? post(id, req, res) : get(id, req, res);
    }

    /**
     * The request target's path as sent, without its query or fragment, its leading and a
     * trailing slash (as Reactor Netty's {@code path()}), and not percent-decoded (an id is
     * URL-safe as it is, so an escape never makes one; decoding a malformed escape such as
     * {@code %zz} threw, and the connection closed without an answer).
     */
    private static String rawPath(String uri) {
        if (uri == null) {
            return null;
        }
        String path = uri;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        int q = path.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int f = path.indexOf('#');
        if (f >= 0 && f < end) {
            end = f;
        }
        int start = path.startsWith("/") ? 1 : 0;
        if (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return end <= start ? "" : path.substring(start, end);
    }

    /** The id after the prefix, when the path is exactly {@code <prefix><id>} with a plausible id. */
    private String id(String path) {
        if (path == null || !path.startsWith(prefix) || path.length() == prefix.length()) {
            return null;
        }
        String id = path.substring(prefix.length());
        if (id.length() > 64) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null;
            }
        }
        return id;
    }

    private Publisher<Void> post(String id, HttpServerRequest req, HttpServerResponse res) {
        String type = req.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && !jsonType(type)) {
            return error(res, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be JSON (Content-Type application/json), not " + type);
        }
        long declared = req.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        if (declared > maxBodySize) {
            return error(res, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLarge());
        }
        return req.receive().asByteArray()
                .reduceWith(() -> new ByteArrayOutputStream(256), (body, chunk) -> {
                    if (body.size() + chunk.length > maxBodySize) {
                        throw new TooLarge();
                    }
                    body.writeBytes(chunk);
                    return body;
                })
                .defaultIfEmpty(new ByteArrayOutputStream(0))
                .flatMap(body -> {
                    JsonNode payload = parse(body.toByteArray());
                    if (payload == null) {
                        return Mono.from(error(res, HttpResponseStatus.BAD_REQUEST, "the body is not a JSON object"));
                    }
                    Registrations.Delivery delivery = registrations.deliver(id, payload);
                    if (delivery != Registrations.Delivery.DELIVERED) {
                        return Mono.from(refused(res, delivery));
                    }
                    return res.status(HttpResponseStatus.OK)
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .sendByteArray(Mono.just(OK_JSON)).then();
                })
                .onErrorResume(TooLarge.class, e -> Mono.from(error(res, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLarge())));
    }

    private String tooLarge() {
        return "the body is larger than " + maxBodySize + " bytes";
    }

    private static boolean jsonType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mime = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        // text/plain: what a browser's fetch sends without a preflight
        return mime.equals("application/json") || mime.endsWith("+json") || mime.equals("text/plain");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Publisher<Void> get(String id, HttpServerRequest req, HttpServerResponse res) {
        ObjectNode payload = NODES.objectNode();
        Map<String, List<String>> parameters;
        try {
            parameters = new QueryStringDecoder(req.uri()).parameters();
        } catch (IllegalArgumentException e) {
            return error(res, HttpResponseStatus.BAD_REQUEST, "the callback's query is not valid URL encoding");
        }
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                if (!value.isEmpty()) {
                    // a parameter the wallet had no value for comes empty: left out, as from a POST
                    payload.put(p.getKey(), value);
                    break;
                }
            }
        }
        if (payload.isEmpty()) {
            return error(res, HttpResponseStatus.BAD_REQUEST, "the callback has no query parameters");
        }
        Registrations.Delivery delivery = registrations.deliver(id, payload);
        if (delivery != Registrations.Delivery.DELIVERED) {
            return refused(res, delivery);
        }
        return res.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .sendByteArray(Mono.just(OK_HTML));
    }

    private static Publisher<Void> refused(HttpServerResponse res, Registrations.Delivery delivery) {
        return delivery == Registrations.Delivery.REFUSED
                ? error(res, HttpResponseStatus.BAD_REQUEST, "the callback does not answer the request waiting under this id")
                : error(res, HttpResponseStatus.NOT_FOUND, "no request waits for a callback with this id");
    }

    private static Publisher<Void> error(HttpServerResponse res, HttpResponseStatus status, String message) {
        byte[] body = NODES.objectNode().put("error", message).toString().getBytes(StandardCharsets.UTF_8);
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(body));
    }
}
