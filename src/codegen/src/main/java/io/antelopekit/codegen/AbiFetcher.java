package io.antelopekit.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Name;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads contracts' ABIs from a node: {@code POST {url}/v1/chain/get_abi} with
 * {@code {"account_name": ...}}. A build-time tool, so it waits for the answer on the calling
 * thread (the JDK's HTTP client, nothing reactive).
 *
 * <pre>{@code
 * String abiJson = AbiFetcher.create("https://jungle4.example").fetch("eosio.token");
 * }</pre>
 */
public final class AbiFetcher {

    /** How long a request may take, connecting included, unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    private AbiFetcher(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * A fetcher for the node at {@code url}, with {@link #DEFAULT_TIMEOUT}.
     *
     * @param url the node's base URL, {@code http://127.0.0.1:8888}
     * @return the fetcher
     * @throws IllegalArgumentException if {@code url} is not an http or https URL
     */
    public static AbiFetcher create(String url) {
        return create(url, DEFAULT_TIMEOUT);
    }

    /**
     * A fetcher for the node at {@code url}.
     *
     * @param url the node's base URL
     * @param timeout how long one request may take
     * @return the fetcher
     * @throws IllegalArgumentException if {@code url} is not an http or https URL, or the timeout is not positive
     */
    public static AbiFetcher create(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url \"" + url + "\" is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("url \"" + url + "\" is not an http or https URL");
        }
        return new AbiFetcher(uri, timeout);
    }

    /**
     * The ABI of {@code account}, as the JSON of {@code get_abi}'s {@code abi} object.
     *
     * @param account the contract account
     * @return the ABI's JSON text
     * @throws CodegenException if the account is not a name, the node cannot be reached (transient), answers with
     *         an error, or the account has no ABI
     */
    public String fetch(String account) {
        Objects.requireNonNull(account, "account");
        Name name;
        try {
            name = Name.from(account);
        } catch (RuntimeException e) {
            throw new CodegenException("account \"" + account + "\" is not a valid name: " + e.getMessage(), e);
        }
        URI uri = URI.create(endpoint + "/v1/chain/get_abi");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account_name\":\"" + name + "\"}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CodegenException("cannot fetch the ABI of " + name + " from " + uri + ": " + e, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodegenException("interrupted while fetching the ABI of " + name + " from " + uri, e, true);
        }
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new CodegenException("fetching the ABI of " + name + " from " + uri + " failed with HTTP "
                    + response.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body), null,
                    response.statusCode() >= 500);
        }
        JsonNode abi;
        try {
            abi = ChainJson.mapper().readTree(response.body()).path("abi");
        } catch (JsonProcessingException e) {
            throw new CodegenException("the answer of " + uri + " for " + name + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!abi.isObject()) {
            throw new CodegenException("account " + name + " has no ABI at " + endpoint);
        }
        return abi.toString();
    }

    @Override
    public String toString() {
        return "AbiFetcher[" + endpoint + "]";
    }
}
