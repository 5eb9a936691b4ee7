package io.antelopekit.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A fixed corpus of bad requests, as a careless client or an attacker sends them, and what a
 * server answered: empty, truncated, non-JSON and wrongly typed bodies, invalid UTF-8, deep
 * nesting, a body of several MiB, wrong and missing content types, broken query strings and
 * path segments, every method, and a few requests broken at the HTTP level. Sent over a raw
 * socket, one connection per request (the test thread blocks on it, never an event loop), so the
 * bytes are exactly the corpus's and no client library tidies them up.
 *
 * <pre>{@code
 * List<BadRequests.Answer> answers = BadRequests.send(baseUrl, BadRequests.against("POST", "/callback/{id}"));
 * BadRequests.assertNoServerError(answers);
 * }</pre>
 */
public final class BadRequests {

    /** The size of the "huge" body: 5 MiB, over every limit of this project. */
    public static final int HUGE = 5 * 1024 * 1024;

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private BadRequests() {
    }

    /**
     * One request.
     *
     * @param name what is wrong with it, as reported
     * @param method the HTTP method
     * @param target the request target (path and query), sent as is
     * @param headers headers besides Host, Content-Length and Connection
     * @param body the body, or {@code null} for none (no Content-Length)
     */
    public record Probe(String name, String method, String target, Map<String, String> headers, byte[] body) {

        /** This probe with one more header. */
        public Probe withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Probe(this.name, method, target, h, body);
        }

        @Override
        public String toString() {
            return method + " " + (target.length() > 80 ? target.substring(0, 80) + "..." : target) + " (" + name + ")";
        }
    }

    /** What the server answered to a probe: its status ({@code -1} when it closed without one). */
    public record Answer(Probe probe, int status, String head, String body) {
    }

    /**
     * The corpus for one route: {@code pathTemplate} may hold {@code {id}}, which is replaced by
     * a plausible id and by broken ones; every body, content type and query variant is sent with
     * {@code method}, and the path itself with every other method.
     */
    public static List<Probe> against(String method, String pathTemplate) {
        List<Probe> out = new ArrayList<>();
        String plain = pathTemplate.replace("{id}", "AAAAAAAAAAAAAAAAAAAAAA");
        for (Map.Entry<String, String> id : ids().entrySet()) {
            if (pathTemplate.contains("{id}")) {
                out.add(probe("id " + id.getKey(), method, pathTemplate.replace("{id}", id.getValue()), json(), "{}"));
            }
        }
        for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
            out.add(new Probe("body " + body.getKey(), method, plain, json(), body.getValue()));
            out.add(new Probe("body " + body.getKey() + " as text/plain", method, plain, type("text/plain"), body.getValue()));
        }
        for (String contentType : List.of("application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/json; charset=bogus", "application/octet-stream",
                "no/such type;;", "")) {
            out.add(new Probe("content type '" + contentType + "'", method, plain, type(contentType),
                    "a=%zz&b=%E0%A4".getBytes(StandardCharsets.ISO_8859_1)));
        }
        out.add(new Probe("no content type", method, plain, Map.of(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, String> query : queries().entrySet()) {
            out.add(new Probe("query " + query.getKey(), method, plain + query.getValue(), json(), "{}".getBytes(StandardCharsets.UTF_8)));
            if (!method.equals("GET")) {
                out.add(new Probe("query " + query.getKey() + " with GET", "GET", plain + query.getValue(), Map.of(), null));
            }
        }
        for (String m : METHODS) {
            if (!m.equals(method)) {
                out.add(probe("method " + m, m, plain, json(), m.equals("GET") || m.equals("HEAD") ? null : "{}"));
            }
        }
        out.add(new Probe("no body", method, plain, json(), null));
        return List.copyOf(out);
    }

    /** {@link #against} for each route, each probe passed through {@code adjust} (add a cookie, a token...). */
    public static List<Probe> against(Map<String, String> routes, UnaryOperator<Probe> adjust) {
        List<Probe> out = new ArrayList<>();
        routes.forEach((path, method) -> against(method, path).forEach(p -> out.add(adjust.apply(p))));
        return out;
    }

    /** Sends each probe on a connection of its own and collects the answers. */
    public static List<Answer> send(String baseUrl, List<Probe> probes) {
        URI uri = URI.create(baseUrl);
        List<Answer> out = new ArrayList<>();
        for (Probe p : probes) {
            out.add(send(uri.getHost(), uri.getPort(), p));
        }
        return out;
    }

    /**
     * Requests broken at the HTTP level: a garbage request line, a header too large, a
     * Content-Length that is not a number or larger than the body, broken chunked encoding.
     */
    public static List<Answer> sendBrokenHttp(String baseUrl, String path) {
        URI uri = URI.create(baseUrl);
        String host = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n";
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("garbage request line", "\u0001\u0002 not http\r\n\r\n");
        raw.put("header of 64 KiB", "GET " + path + " HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        raw.put("Content-Length not a number", "POST " + path + " HTTP/1.1\r\n" + host
                + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}");
        raw.put("negative Content-Length", "POST " + path + " HTTP/1.1\r\n" + host
                + "Content-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n{}");
        raw.put("Content-Length of 2^63", "POST " + path + " HTTP/1.1\r\n" + host
                + "Content-Type: application/json\r\nContent-Length: 9223372036854775807\r\nConnection: close\r\n\r\n{}");
        raw.put("broken chunk size", "POST " + path + " HTTP/1.1\r\n" + host
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        raw.put("absolute URI of another host", "GET http://example.invalid" + path + " HTTP/1.1\r\n" + host
                + "Connection: close\r\n\r\n");
        List<Answer> out = new ArrayList<>();
        raw.forEach((name, request) -> {
            Probe p = new Probe(name, "RAW", path, Map.of(), null);
            out.add(exchange(uri.getHost(), uri.getPort(), p, request.getBytes(StandardCharsets.ISO_8859_1)));
        });
        return out;
    }

    /**
     * Fails, listing every offender, when an answer is a 5xx, or shows a Java stack trace or
     * exception class. A connection closed without an answer ({@code -1}) is allowed only for
     * {@code allowClosed} probes' names (HTTP-level garbage that a server may just drop).
     */
    public static void assertNoServerError(List<Answer> answers) {
        List<String> bad = new ArrayList<>();
        for (Answer a : answers) {
            boolean raw = a.probe().method().equals("RAW");
            if (a.status() >= 500 || (a.status() < 0 && !raw)) {
                bad.add(a.probe() + " -> " + a.status() + " " + abbreviate(a.body()));
            } else if (a.body().contains("\tat ") || a.body().contains("java.lang.") || a.body().contains("io.netty.")
                    || a.body().contains("reactor.core.") || a.body().contains("Exception:")) {
                bad.add(a.probe() + " -> " + a.status() + " shows internals: " + abbreviate(a.body()));
            }
        }
        if (!bad.isEmpty()) {
            throw new AssertionError(bad.size() + " of " + answers.size() + " bad requests were answered badly:\n  "
                    + String.join("\n  ", bad));
        }
        if (answers.isEmpty()) {
            throw new AssertionError("no bad request was sent");
        }
    }

    // ------------------------------------------------------------------ the corpus

    private static Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("unknown", "BBBBBBBBBBBBBBBBBBBBBB");
        ids.put("empty", "");
        ids.put("of 8 KiB", "A".repeat(8 * 1024));
        ids.put("with NUL", "AAAA%00AAAA");
        ids.put("with encoded slash", "AAAA%2FAAAA");
        ids.put("walking up", "..%2F..%2Fetc%2Fpasswd");
        ids.put("not UTF-8", "%C3%28%FF");
        ids.put("broken escape", "%zz");
        ids.put("unicode", "%C3%BC%F0%9F%92%A9");
        ids.put("with spaces", "a%20b");
        return ids;
    }

    private static Map<String, byte[]> bodies() {
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("empty", new byte[0]);
        b.put("not JSON", utf8("this is not json"));
        b.put("truncated JSON", utf8("{\"sig\":\"SIG_K1_"));
        b.put("a JSON array", utf8("[1,2,3]"));
        b.put("a JSON number", utf8("12345678901234567890123456789"));
        b.put("a JSON string", utf8("\"hello\""));
        b.put("JSON null", utf8("null"));
        b.put("JSON true", utf8("true"));
        b.put("two JSON values", utf8("{} {}"));
        b.put("wrongly typed fields", utf8("{\"sig\":123,\"tx\":{},\"sa\":[],\"sp\":null,\"cid\":true,\"ex\":-1,"
                + "\"account_name\":7,\"code\":[],\"json\":\"yes\",\"limit\":\"many\",\"block_num_or_id\":{},"
                + "\"accounts\":\"alice\",\"keys\":42,\"transaction\":1,\"signatures\":\"x\",\"packed_trx\":[]}"));
        b.put("huge numbers", utf8("{\"limit\":1e999999,\"block_num_or_id\":99999999999999999999999999,\"lower_bound\":-1e400}"));
        b.put("invalid names", utf8("{\"account_name\":\"ABC!!\",\"code\":\"toolongname12345\",\"scope\":\"\",\"table\":\"a.b.\","
                + "\"accounts\":[\"NOPE\"],\"keys\":[\"EOSnot\"],\"sa\":\"UPPER\",\"sp\":\"x y\",\"cid\":\"zz\"}"));
        b.put("deep nesting", utf8("[".repeat(100_000) + "]".repeat(100_000)));
        b.put("deep object nesting", utf8("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        b.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        b.put("NUL bytes", new byte[] {'{', 0, 0, '}'});
        b.put("lone surrogate escape", utf8("{\"sig\":\"\\uD800\",\"req\":\"esr:\\uDFFF\"}"));
        byte[] huge = new byte[HUGE];
        java.util.Arrays.fill(huge, (byte) 'a');
        huge[0] = '"';
        huge[HUGE - 1] = '"';
        b.put("of 5 MiB", huge);
        return b;
    }

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("broken escape", "?a=%zz&b=%");
        q.put("of 16 KiB", "?x=" + "a".repeat(16 * 1024));
        q.put("empty callback fields", "?sig=&tx=&sa=&sp=&cid=&ex=&req=");
        q.put("bad callback fields", "?sig=SIG_K1_bad&tx=nothex&sa=UPPER&sp=x%20y&cid=zz&ex=never&req=esr:%00&bn=-1&rbn=abc");
        q.put("repeated keys", "?chainId=a&chainId=b&chainId=" + "f".repeat(64));
        q.put("not UTF-8", "?a=%C3%28");
        return q;
    }

    private static Probe probe(String name, String method, String target, Map<String, String> headers, String body) {
        return new Probe(name, method, target, headers, body == null ? null : utf8(body));
    }

    private static Map<String, String> json() {
        return type("application/json");
    }

    private static Map<String, String> type(String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Accept", "application/json");
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ sending

    private static Answer send(String host, int port, Probe p) {
        StringBuilder head = new StringBuilder();
        head.append(p.method()).append(' ').append(p.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        p.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (p.body() != null) {
            head.append("Content-Length: ").append(p.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (p.body() != null) {
            bytes.writeBytes(p.body());
        }
        return exchange(host, port, p, bytes.toByteArray());
    }

    /** Writes the request (a server may answer and close before reading it all) and reads the answer. */
    private static Answer exchange(String host, int port, Probe p, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(10).toMillis());
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                for (int off = 0; off < request.length; off += 64 * 1024) {
                    out.write(request, off, Math.min(64 * 1024, request.length - off));
                }
                out.flush();
                // no half-close: a server may take the end of its input for a client gone away
            } catch (IOException writeFailed) {
                // answered early and closed (413 before the whole body): read what came
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0 && answer.size() < 1024 * 1024; ) {
                    answer.write(buf, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the answer: keep what was read
            }
            return parse(p, answer.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new Answer(p, -1, "", "no answer: " + e);
        }
    }

    private static Answer parse(Probe p, String text) {
        if (!text.startsWith("HTTP/")) {
            return new Answer(p, -1, "", text.isEmpty() ? "closed without an answer" : abbreviate(text));
        }
        int sp = text.indexOf(' ');
        int status;
        try {
            status = Integer.parseInt(text.substring(sp + 1, sp + 4));
        } catch (RuntimeException e) {
            return new Answer(p, -1, "", abbreviate(text));
        }
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : new String(text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        return new Answer(p, status, head, body);
    }

    private static String abbreviate(String s) {
        String one = s.replace("\r", "").replace("\n", " | ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
