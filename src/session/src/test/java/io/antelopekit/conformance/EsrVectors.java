package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.esr.IdentityProof;
import io.antelopekit.esr.RequestSignature;
import io.antelopekit.esr.ResolvedCallback;
import io.antelopekit.esr.ResolvedSigningRequest;
import io.antelopekit.esr.SigningRequest;
import io.antelopekit.esr.TaposContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@code esr.jsonl}: signing requests created from the reference's arguments, encoded, decoded and
 * resolved.
 *
 * <p>Three readings of the vectors: compressed links depend on the deflate implementation, so
 * {@code request_uri} (and the {@code req} a callback carries) is compared decoded, and the
 * uncompressed link byte for byte; a plain-string info value is UTF-8 text unless the expected
 * {@code info} shows it was given as bytes (hex); {@code required_abis} lists a contract once per
 * action in the reference (it compares names by identity), once in ours.
 */
final class EsrVectors {

    private static final Map<String, Abi> ABIS = new ConcurrentHashMap<>();

    private EsrVectors() {
    }

    static Stream<DynamicTest> all() {
        return Vectors.each("esr.jsonl", row -> row.get("kind").asText() + " v" + row.get("version").asInt(),
                EsrVectors::check);
    }

    /** The ABI the vectors use for {@code contract}: {@code abis/esr-test.<contract>.json}, else {@code abis/<contract>.json}. */
    static Abi abi(String contract) {
        return ABIS.computeIfAbsent(contract, c -> {
            Path dir = Vectors.dir().resolve("abis");
            Path file = dir.resolve("esr-test." + c + ".json");
            if (!Files.exists(file)) {
                file = dir.resolve(c + ".json");
            }
            try {
                return Abi.fromJson(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("no ABI for " + c + " in " + dir, e);
            }
        });
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    /** The request {@code create_args} describes, built with our builder. */
    static SigningRequest create(JsonNode args, JsonNode expectedInfo) {
        SigningRequest.Builder b = SigningRequest.builder();
        List<JsonNode> actions = new ArrayList<>();
        if (!isNull(args.get("action"))) {
            actions.add(args.get("action"));
        }
        if (!isNull(args.get("actions"))) {
            args.get("actions").forEach(actions::add);
        }
        if (!isNull(args.get("transaction"))) {
            JsonNode trx = args.get("transaction");
            trx.path("actions").forEach(actions::add);
            trx.path("context_free_actions").forEach(actions::add);
            b.transaction(trx);
        } else if (!isNull(args.get("action")) || !isNull(args.get("actions"))) {
            actions.forEach(b::action);
        }
        for (JsonNode a : actions) {
            if (!a.path("data").isTextual()) {
                b.abi(Name.from(a.get("account").asText()), abi(a.get("account").asText()));
            }
        }
        if (!isNull(args.get("identity"))) {
            JsonNode id = args.get("identity");
            if (!isNull(id.get("permission"))) {
                b.identity(level(id.get("permission")));
            } else {
                b.identity();
            }
            if (!isNull(id.get("scope"))) {
                b.identityScope(Name.from(id.get("scope").asText()));
            }
        }
        if (args.has("chainId")) {
            if (args.get("chainId").isNull()) {
                List<Checksum256> ids = new ArrayList<>();
                args.path("chainIds").forEach(id -> ids.add(chainId(id)));
                b.multiChain(ids);
            } else {
                b.chainId(chainId(args.get("chainId")));
            }
        }
        if (!isNull(args.get("broadcast"))) {
            b.broadcast(args.get("broadcast").asBoolean());
        }
        JsonNode cb = args.get("callback");
        if (!isNull(cb)) {
            if (cb.isTextual()) {
                b.callback(cb.asText());
            } else {
                b.callback(cb.get("url").asText(), cb.path("background").asBoolean(false));
            }
        }
        JsonNode info = args.get("info");
        if (!isNull(info)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = info.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isObject() && v.has("hex")) {
                    b.info(e.getKey(), Bytes.from(v.get("hex").asText()));
                } else if (v.isTextual() && expectedInfo != null
                        && v.asText().equalsIgnoreCase(expectedInfo.path(e.getKey()).asText(null))
                        && !Vectors.hex(v.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .equals(expectedInfo.path(e.getKey()).asText())) {
                    b.info(e.getKey(), Bytes.from(v.asText()));
                } else {
                    b.info(e.getKey(), v.asText());
                }
            }
        }
        SigningRequest request = b.build();
        JsonNode sig = args.get("signature");
        if (!isNull(sig)) {
            request = request.withSignature(new RequestSignature(Name.from(sig.get("signer").asText()),
                    Signature.from(sig.get("signature").asText())));
        }
        return request;
    }

    /** The reference's chain names (aliases), for a chain id given as a number. */
    private static final String[] ALIASES = {null,
        "aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906",
        "4667b205c6838ef70ff7988f6e8257e8be0e1284a2f59699054a018f743b1d11",
        "e70aaab8997e1dfce58fbfac80cbbb8fecec7b99cf982a9444273cbc64c41473",
        "5fff1dae8dc8e2fc4d5b23b2c7665c97f9e9d8edf2b6485a86ba311c25639191",
        "73647cde120091e0a4b85bced2f3cfdb3041e266cbbe95cee59b73235a1b3b6f",
        "d5a3d18fbb3c084e3b1f3fa98c21014b5f3db536cc15d08f9f6479517c6a3d86",
        "cfe6486a83bad4962f232d48003b1824ab5665c36778141034d75e57b956e422",
        "b042025541e25a472bffde2d62edd457b7e70cee943412b1ea0f044f88591664",
        "b912d19a6abd2b1b05611ae5be473355d64d95aeff0c09bedc8c166cd6468fe4",
        "1064487b3cd1a897ce03ae5b6a865651747e2e152090f99c1d19d44e01aea5a4",
        "384da888112027f0321850a169f737c33e53b388aad48b5adace4bab97f437e0",
        "21dcae42c0182200e93f954a074011f9048a7624c6fe81d3c9541a614a88bd1c"};

    private static Checksum256 chainId(JsonNode v) {
        return Checksum256.from(v.isNumber() ? ALIASES[v.asInt()] : v.asText());
    }

    private static PermissionLevel level(JsonNode v) {
        return v.isTextual() ? PermissionLevel.from(v.asText())
                : new PermissionLevel(Name.from(v.get("actor").asText()), Name.from(v.get("permission").asText()));
    }

    static void check(JsonNode row) {
        SigningRequest created = create(row.get("create_args"), row.get("info"));

        // encoding: the uncompressed link byte for byte, the compressed one by its content
        assertThat(created.encode(false)).isEqualTo(row.get("request_uri_uncompressed").asText());
        SigningRequest decoded = SigningRequest.from(row.get("request_uri").asText());
        SigningRequest decodedPlain = SigningRequest.from(row.get("request_uri_uncompressed").asText());
        assertThat(decoded).isEqualTo(created);
        assertThat(decodedPlain).isEqualTo(created);
        if (row.path("decoded_roundtrip_equal").asBoolean(true)) {
            assertThat(SigningRequest.from(created.encode())).isEqualTo(created);
            assertThat(SigningRequest.from(created.encode(true, false))).isEqualTo(created);
        }
        assertThat(created.version()).isEqualTo(row.get("version").asInt());
        assertThat(decoded.version()).isEqualTo(row.get("version").asInt());
        assertThat(Vectors.hex(decoded.requestData())).isEqualTo(row.get("request_data_hex").asText());
        assertThat(decoded.toJson()).isEqualTo(row.get("decoded"));

        // accessors
        assertThat(decoded.chainId().map(Checksum256::toString).orElse(null))
                .isEqualTo(isNull(row.get("chain_id")) ? null : row.get("chain_id").asText());
        List<String> chainIds = new ArrayList<>();
        row.path("chain_ids").forEach(id -> chainIds.add(id.asText()));
        assertThat(decoded.chainIds().stream().map(Checksum256::toString).toList()).isEqualTo(chainIds);
        assertThat(decoded.isMultiChain()).isEqualTo(isNull(row.get("chain_id")));
        assertThat(decoded.isIdentity()).isEqualTo(row.get("is_identity").asBoolean());
        assertThat(decoded.shouldBroadcast()).isEqualTo(row.get("should_broadcast").asBoolean());
        assertThat(decoded.identityScope().map(Name::toString).orElse(null))
                .isEqualTo(isNull(row.get("identity_scope")) ? null : row.get("identity_scope").asText());
        Map<String, String> info = new LinkedHashMap<>();
        decoded.info().forEach((k, v) -> info.put(k, v.toString()));
        Map<String, String> expectedInfo = new LinkedHashMap<>();
        row.get("info").fields().forEachRemaining(e -> expectedInfo.put(e.getKey(), e.getValue().asText()));
        assertThat(info).containsExactlyEntriesOf(expectedInfo);
        List<String> required = new ArrayList<>();
        row.get("required_abis").forEach(n -> {
            if (!required.contains(n.asText())) {
                required.add(n.asText());
            }
        });
        assertThat(decoded.requiredAbis().stream().map(Name::toString).toList()).isEqualTo(required);
        assertThat(decoded.requiresTapos()).isEqualTo(row.get("requires_tapos").asBoolean());

        if (!isNull(row.get("resolved"))) {
            checkResolved(row, decoded);
        }
    }

    static TaposContext context(JsonNode ctx) {
        TaposContext c;
        if (!isNull(ctx.get("expiration")) && !isNull(ctx.get("ref_block_num"))) {
            c = TaposContext.explicit(TimePointSec.from(ctx.get("expiration").asText()),
                    ctx.get("ref_block_num").asLong(), ctx.path("ref_block_prefix").asLong());
        } else if (!isNull(ctx.get("block_num"))) {
            c = TaposContext.of(TimePointSec.from(ctx.get("timestamp").asText()),
                    ctx.path("expire_seconds").asLong(TaposContext.DEFAULT_EXPIRE_SECONDS),
                    ctx.get("block_num").asLong(), ctx.path("ref_block_prefix").asLong());
        } else if (!isNull(ctx.get("timestamp"))) {
            c = TaposContext.none().withTimestamp(TimePointSec.from(ctx.get("timestamp").asText()),
                    ctx.path("expire_seconds").asLong(TaposContext.DEFAULT_EXPIRE_SECONDS));
        } else {
            c = TaposContext.none();
        }
        if (!isNull(ctx.get("expiration")) && isNull(ctx.get("ref_block_num"))) {
            c = c.withExpiration(TimePointSec.from(ctx.get("expiration").asText()));
        }
        if (!isNull(ctx.get("chainId"))) {
            c = c.withChainId(Checksum256.from(ctx.get("chainId").asText()));
        }
        return c;
    }

    private static void checkResolved(JsonNode row, SigningRequest request) {
        JsonNode r = row.get("resolved");
        Map<Name, Abi> abis = new HashMap<>();
        for (Name contract : request.requiredAbis()) {
            abis.put(contract, abi(contract.toString()));
        }
        PermissionLevel signer = level(row.get("signer"));
        ResolvedSigningRequest resolved = request.resolve(abis, signer, context(row.get("tapos_context")));

        assertThat(resolved.chainId().toString()).isEqualTo(r.get("chain_id").asText());
        assertThat(Vectors.JSON.<JsonNode>valueToTree(resolved.transaction())).isEqualTo(r.get("transaction_json"));
        ArrayNode actions = Vectors.JSON.createArrayNode();
        for (Action a : resolved.resolvedActions()) {
            ObjectNode o = Vectors.JSON.valueToTree(a);
            o.set("data", a.decodedData().orElseThrow());
            actions.add(o);
        }
        assertThat(actions).isEqualTo(r.get("resolved_actions"));
        assertThat(Vectors.hex(resolved.serializedTransaction())).isEqualTo(r.get("packed_trx_hex").asText());
        assertThat(resolved.signingDigest().toString()).isEqualTo(r.get("signing_digest_hex").asText());
        assertThat(resolved.transactionId().toString()).isEqualTo(r.get("transaction_id").asText());

        Signature expected = Signature.from(r.get("signature").asText());
        Signature sig = expected;
        if (!isNull(r.get("signing_key"))) {
            PrivateKey key = PrivateKey.from(r.get("signing_key").asText());
            sig = key.signDigest(resolved.signingDigest());
            assertThat(sig).isEqualTo(expected);
            assertThat(expected.recover(resolved.signingDigest())).isEqualTo(key.toPublic());
        }

        List<Signature> signatures = new ArrayList<>(List.of(sig));
        r.path("signatures").forEach(s -> {
            if (!s.asText().equals(expected.toString())) {
                signatures.add(Signature.from(s.asText()));
            }
        });
        Long blockNum = isNull(r.get("callback_block_num")) ? null : r.get("callback_block_num").asLong();
        Optional<ResolvedCallback> callback = resolved.callback(signatures, blockNum);
        if (isNull(r.get("callback"))) {
            assertThat(callback).isEmpty();
        } else {
            JsonNode cb = r.get("callback");
            ResolvedCallback ours = callback.orElseThrow();
            assertThat(ours.background()).isEqualTo(cb.get("background").asBoolean());
            Map<String, String> payload = new LinkedHashMap<>();
            cb.get("payload").fields().forEachRemaining(e -> payload.put(e.getKey(), e.getValue().asText()));
            String theirReq = payload.get("req");
            String ourReq = ours.payload().get("req");
            assertThat(SigningRequest.from(ourReq)).isEqualTo(SigningRequest.from(theirReq)).isEqualTo(request);
            payload.put("req", ourReq);
            assertThat(ours.payload()).containsExactlyEntriesOf(payload);
            assertThat(ours.url()).isEqualTo(cb.get("url").asText().replace(theirReq, ourReq));
        }

        if (!isNull(r.get("identity_proof"))) {
            IdentityProof proof = resolved.identityProof(sig);
            assertThat(proof.toString()).isEqualTo(r.get("identity_proof").asText());
            IdentityProof parsed = IdentityProof.from(r.get("identity_proof").asText());
            assertThat(parsed).isEqualTo(proof);
            JsonNode json = r.get("identity_proof_json");
            assertThat(parsed.chainId().toString()).isEqualTo(json.get("chainId").asText());
            assertThat(parsed.scope().toString()).isEqualTo(json.get("scope").asText());
            assertThat(parsed.expiration().toString()).isEqualTo(json.get("expiration").asText());
            assertThat(parsed.signer().actor().toString()).isEqualTo(json.get("signer").get("actor").asText());
            assertThat(parsed.signer().permission().toString())
                    .isEqualTo(json.get("signer").get("permission").asText());
            assertThat(parsed.signature().toString()).isEqualTo(json.get("signature").asText());
            assertThat(parsed.signingDigest()).isEqualTo(resolved.signingDigest());
            assertThat(parsed.recoverKey()).isEqualTo(expected.recover(resolved.signingDigest()));
            if (!isNull(r.get("signing_key"))) {
                assertThat(parsed.recoverKey()).isEqualTo(PrivateKey.from(r.get("signing_key").asText()).toPublic());
            }
        }
    }
}
