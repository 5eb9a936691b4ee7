package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Test helper: plain HTTP calls to a devnet and transactions built and signed with the SDK. */
final class DevnetHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper MAPPER = ChainJson.mapper();
    static final Abi TOKEN_ABI = Abi.fromJson(resource("/io/antelopekit/devnet/eosio.token.abi.json"));
    static final Abi EOSIO_ABI = Abi.fromJson(resource("/io/antelopekit/devnet/eosio.abi.json"));

    /** A response: HTTP status and JSON body. */
    record Resp(int status, JsonNode body) {
        String errorName() {
            return body.path("error").path("name").asText();
        }

        String errorMessage() {
            return body.path("error").path("details").path(0).path("message").asText();
        }
    }

    record Transfer(String from, String to, String quantity, String memo) {
    }

    private final HttpClient http;
    final Checksum256 chainId;

    DevnetHttp(Devnet devnet) {
        this.http = HttpClient.create().baseUrl(devnet.url()).option(io.netty.channel.ChannelOption.TCP_NODELAY, true);
        this.chainId = devnet.chainId();
    }

    static String resource(String name) {
        try (InputStream in = DevnetHttp.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Mono<Resp> post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            return Mono.error(e);
        }
        return http.post().uri(path).send(Mono.just(Unpooled.wrappedBuffer(bytes)))
                .responseSingle((res, buf) -> buf.asByteArray().defaultIfEmpty(new byte[0])
                        .map(b -> new Resp(res.status().code(), read(b))));
    }

    private static JsonNode read(byte[] b) {
        try {
            return b.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Resp call(String path, Object body) {
        return post(path, body).block(TIMEOUT);
    }

    JsonNode info() {
        return call("/v1/chain/get_info", Map.of()).body();
    }

    /** A header expiring {@code seconds} after the head block, bound to the last irreversible block. */
    TransactionHeader header(int seconds) {
        JsonNode info = info();
        long head = TimePoint.from(info.get("head_block_time").asText()).micros() / 1_000_000L;
        return TransactionHeader.of(TimePointSec.of(head + seconds),
                Checksum256.from(info.get("last_irreversible_block_id").asText()));
    }

    static Action transferAction(String from, String to, String quantity, String memo, PermissionLevel auth) {
        return Action.of("eosio.token", "transfer", auth, new Transfer(from, to, quantity, memo), TOKEN_ABI);
    }

    PackedTransaction sign(Transaction trx, PrivateKey... keys) {
        return trx.sign(chainId, keys).pack(Compression.NONE);
    }

    PackedTransaction transfer(String from, String to, String quantity, String memo, PrivateKey key) {
        return sign(Transaction.of(header(60), transferAction(from, to, quantity, memo,
                PermissionLevel.of(from, "active"))), key);
    }

    Resp send(PackedTransaction p) {
        return call("/v1/chain/send_transaction", p);
    }

    long balance(String account, String symbol) {
        JsonNode r = call("/v1/chain/get_currency_balance", Map.of("code", "eosio.token", "account", account,
                "symbol", symbol)).body();
        if (r.size() == 0) {
            return 0;
        }
        String s = r.get(0).asText();
        return Long.parseLong(s.substring(0, s.indexOf(' ')).replace(".", ""));
    }

    String status(Checksum256 id) {
        return call("/v1/chain/get_transaction_status", Map.of("id", id.toString())).body().path("state").asText();
    }

    static List<PermissionLevel> auth(String actor, String permission) {
        return List.of(PermissionLevel.of(actor, permission));
    }
}
