package io.antelopekit.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorded node responses under the directory named by the system property
 * {@code antelopekit.mockData} (default {@code src/conformance/mock-data}), and which chain API
 * endpoint each one answers.
 *
 * <p>Each file is {@code {status, json, text, headers?, api?, request?}}; {@code text} is the
 * body as the node sent it. The endpoint is taken from the request path when the recording has
 * one, else from {@code index.tsv}'s guess, else from the body's top-level keys.
 */
final class MockData {

    /** What a recorded body answers, and the model that reads it ({@code null}: not modelled). */
    enum Endpoint {
        GET_INFO(ChainInfo.class),
        GET_ACCOUNT(AccountInfo.class),
        GET_ABI(AbiResponse.class),
        GET_CODE(CodeResponse.class),
        GET_RAW_ABI(RawAbiResponse.class),
        GET_BLOCK(BlockResponse.class),
        GET_BLOCK_INFO(BlockInfo.class),
        GET_TABLE_ROWS(TableRowsResponse.class),
        GET_TABLE_BY_SCOPE(TableByScopeResponse.class),
        GET_CURRENCY_BALANCE(CurrencyBalance.class),
        GET_CURRENCY_STATS(CurrencyStatsMap.class),
        GET_ACCOUNTS_BY_AUTHORIZERS(AccountsByAuthorizersResponse.class),
        GET_TRANSACTION_STATUS(TransactionStatus.class),
        GET_ACTIVATED_PROTOCOL_FEATURES(ActivatedProtocolFeaturesResponse.class),
        GET_PRODUCER_SCHEDULE(ProducerScheduleResponse.class),
        GET_REQUIRED_KEYS(RequiredKeysResponse.class),
        TRANSACTION(TransactionResponse.class),
        ERROR(ChainErrorBody.class),
        /** Fork database internals; their layout changes between node versions. */
        GET_BLOCK_HEADER_STATE(null),
        /** The deprecated history plugin ({@code /v1/history/...}), not part of the chain API. */
        HISTORY(null),
        /** A successful answer of a service that is not a node (resource provider, account indexers). */
        OTHER_SERVICE(null);

        final Class<?> model;

        Endpoint(Class<?> model) {
            this.model = model;
        }

        boolean modelled() {
            return model != null;
        }
    }

    /** {@code get_currency_stats}: symbol code to stats. */
    static final class CurrencyStatsMap extends java.util.LinkedHashMap<String, CurrencyStats> {
        private static final long serialVersionUID = 1L;
    }

    /** One recorded response. */
    record Recording(String file, int status, String guessedEndpoint, String requestPath, String body) {

        @Override
        public String toString() {
            return file;
        }
    }

    private MockData() {
    }

    static Path dir() {
        return Path.of(System.getProperty("antelopekit.mockData", "../conformance/mock-data"));
    }

    private static List<Recording> cache;

    /** Every {@code .json} file under {@link #dir()}, in path order; fails if there is none. */
    static synchronized List<Recording> all() {
        if (cache == null) {
            cache = load(dir());
        }
        return cache;
    }

    private static List<Recording> load(Path dir) {
        Map<String, String> guesses = new HashMap<>();
        Path index = dir.resolve("index.tsv");
        try {
            if (Files.exists(index)) {
                for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                    String[] cols = line.split("\t", -1);
                    if (cols.length > 3 && !cols[0].equals("file")) {
                        guesses.put(cols[0], cols[3]);
                    }
                }
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
            }
            List<Recording> out = new ArrayList<>(files.size());
            for (Path p : files) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                JsonNode rec = ChainJson.mapper().readTree(p.toFile());
                String body = rec.hasNonNull("text") ? rec.get("text").asText()
                        : ChainJson.mapper().writeValueAsString(rec.get("json"));
                String path = rec.path("request").path("path").asText(null);
                out.add(new Recording(rel, rec.path("status").asInt(200), guesses.get(rel), path, body));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no recorded responses under " + dir.toAbsolutePath());
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recorded responses under " + dir.toAbsolutePath(), e);
        }
    }

    /** The endpoint a recording answers; throws if nothing identifies it. */
    static Endpoint classify(Recording r, JsonNode body) {
        String path = r.requestPath() == null ? "" : r.requestPath();
        if (r.status() >= 400) {
            return errorOrFail(r, body);
        }
        if (path.contains("/v1/resource_provider/")) {
            return Endpoint.OTHER_SERVICE;
        }
        if (path.contains("/v1/history/")) {
            return Endpoint.HISTORY;
        }
        if (body.isArray()) {
            return Endpoint.GET_CURRENCY_BALANCE;
        }
        if (body.has("transaction_id") && body.has("processed")) {
            return Endpoint.TRANSACTION;
        }
        if (body.has("chain_id") && body.has("head_block_id")) {
            return Endpoint.GET_INFO;
        }
        if (body.has("account_name") && body.has("permissions") && body.has("ram_quota")) {
            return Endpoint.GET_ACCOUNT;
        }
        if (body.has("account_name") && body.has("abi_hash")) {
            return Endpoint.GET_RAW_ABI;
        }
        if (body.has("account_name") && body.has("wasm")) {
            return Endpoint.GET_CODE;
        }
        if (body.has("account_name") && body.has("abi")) {
            return Endpoint.GET_ABI;
        }
        if (body.has("producer_signature") && body.has("transactions")) {
            return Endpoint.GET_BLOCK;
        }
        if (body.has("producer_signature") && body.has("ref_block_num")) {
            return Endpoint.GET_BLOCK_INFO;
        }
        if (body.has("dpos_irreversible_blocknum") || body.has("blockroot_merkle")) {
            return Endpoint.GET_BLOCK_HEADER_STATE;
        }
        if (body.has("rows") && body.path("more").isTextual()) {
            return Endpoint.GET_TABLE_BY_SCOPE;
        }
        if (body.has("rows") && body.has("more")) {
            return Endpoint.GET_TABLE_ROWS;
        }
        if (body.has("accounts") && body.path("accounts").path(0).has("permission_name")) {
            return Endpoint.GET_ACCOUNTS_BY_AUTHORIZERS;
        }
        if (body.has("state") && body.has("head_number") && body.has("irreversible_number")) {
            return Endpoint.GET_TRANSACTION_STATUS;
        }
        if (body.has("activated_protocol_features")) {
            return Endpoint.GET_ACTIVATED_PROTOCOL_FEATURES;
        }
        if (body.has("active") && body.has("pending") && body.has("proposed")) {
            return Endpoint.GET_PRODUCER_SCHEDULE;
        }
        if (body.has("required_keys")) {
            return Endpoint.GET_REQUIRED_KEYS;
        }
        if (body.isObject() && body.size() > 0 && allCurrencyStats(body)) {
            return Endpoint.GET_CURRENCY_STATS;
        }
        if ((body.has("block_time") && (body.has("trx") || body.has("traces")))
                || (body.has("actions") && body.has("last_irreversible_block"))) {
            return Endpoint.HISTORY;
        }
        if (body.has("controlled_accounts") || body.has("account_names")) {
            // account indexer answers (controlled accounts / accounts of a key), not a node's
            return Endpoint.OTHER_SERVICE;
        }
        throw new AssertionError(r.file() + " (guessed " + r.guessedEndpoint() + "): no endpoint has top-level keys "
                + fieldNames(body));
    }

    private static Endpoint errorOrFail(Recording r, JsonNode body) {
        if (body.has("code") && body.has("message") && (body.has("error") || body.has("data"))) {
            return Endpoint.ERROR;
        }
        throw new AssertionError(r.file() + ": status " + r.status() + " but no error body: " + fieldNames(body));
    }

    private static boolean allCurrencyStats(JsonNode body) {
        for (JsonNode v : body) {
            if (!v.has("supply") || !v.has("max_supply") || !v.has("issuer")) {
                return false;
            }
        }
        return true;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
