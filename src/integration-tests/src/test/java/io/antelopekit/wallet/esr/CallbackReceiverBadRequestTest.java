package io.antelopekit.wallet.esr;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.test.BadRequests;
import io.antelopekit.test.BlockHoundSupport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: no input gives a 500. The callback receiver's own server gets the bad-request corpus
 * on its route, for an unknown id and for a registration that waits, and answers each with a
 * 4xx and a reason (a malformed escape in the path once closed the connection without an
 * answer); none of them uses up the waiting registration, which still takes the real callback.
 */
@ExtendWith(BlockHoundSupport.class)
class CallbackReceiverBadRequestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CallbackReceiver receiver;

    @BeforeEach
    void start() {
        receiver = CallbackReceiver.builder().host("127.0.0.1").port(0).start().block(TIMEOUT);
    }

    @AfterEach
    void stop() {
        receiver.close().block(TIMEOUT);
    }

    @Test
    void badRequestsGetA4xxNeverA5xx() {
        // waits for the wallet's answer to one transaction, as the ESR wallet plugin registers
        CallbackReceiver.Pending waiting = receiver.register(p -> p.path("tx").asText().equals("ab"));
        URI url = URI.create(waiting.url());
        String base = url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
        String path = url.getPath();
        String route = path.substring(0, path.lastIndexOf('/'));

        List<BadRequests.Answer> answers = new ArrayList<>();
        // every probe with a body that is not one JSON object: the waiting id must survive them
        List<BadRequests.Probe> probes = new ArrayList<>(BadRequests.against("POST", route + "/{id}"));
        probes.removeIf(p -> p.method().equals("GET") && !p.name().startsWith("query")
                || p.name().startsWith("no content type"));
        answers.addAll(BadRequests.send(base, probes));
        answers.addAll(BadRequests.send(base, BadRequests.against("POST", path).stream()
                .filter(p -> p.method().equals("POST") && !p.name().equals("no content type")
                        && !p.name().startsWith("query") && !p.name().startsWith("content type")
                        || p.name().startsWith("query broken escape with GET"))
                .toList()));
        answers.addAll(BadRequests.sendBrokenHttp(base, path));

        BadRequests.assertNoServerError(answers);
        assertThat(answers).filteredOn(a -> a.probe().name().equals("body of 5 MiB") && a.probe().target().equals(path))
                .extracting(BadRequests.Answer::status).containsOnly(413);

        // none of them was taken as the wallet's answer: the real one still arrives
        List<BadRequests.Answer> good = BadRequests.send(base, List.of(new BadRequests.Probe("good", "POST", path,
                java.util.Map.of("Content-Type", "application/json"), "{\"tx\":\"ab\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(good.get(0).status()).as(good.get(0).body()).isEqualTo(200);
        assertThat(waiting.await(TIMEOUT).block(TIMEOUT).path("tx").asText()).isEqualTo("ab");
    }
}
