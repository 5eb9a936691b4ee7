package io.antelopekit.esr;

import static io.antelopekit.esr.EsrFixtures.ALICE;
import static io.antelopekit.esr.EsrFixtures.EOS;
import static io.antelopekit.esr.EsrFixtures.KEY;
import static io.antelopekit.esr.EsrFixtures.OTHER;
import static io.antelopekit.esr.EsrFixtures.TELOS;
import static io.antelopekit.esr.EsrFixtures.TOKEN;
import static io.antelopekit.esr.EsrFixtures.TOKEN_ABI;
import static io.antelopekit.esr.EsrFixtures.WAX;
import static io.antelopekit.esr.EsrFixtures.json;
import static io.antelopekit.esr.EsrFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Creating, encoding and decoding signing requests. */
class SigningRequestTest {

    static List<SigningRequest> samples() {
        return EsrFixtures.samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyKindRoundTripsThroughEveryForm(SigningRequest request) {
        assertThat(SigningRequest.from(request.encode())).isEqualTo(request);
        assertThat(SigningRequest.from(request.encode(false))).isEqualTo(request);
        assertThat(SigningRequest.from(request.encode(true, false))).isEqualTo(request);
        assertThat(SigningRequest.from(request.toBytes(true))).isEqualTo(request);
        assertThat(SigningRequest.from(request.toBytes(false))).isEqualTo(request);
        String payload = request.encode().substring("esr://".length());
        assertThat(SigningRequest.from("web+esr://" + payload)).isEqualTo(request);
        assertThat(SigningRequest.from("web+esr:" + payload)).isEqualTo(request);
        assertThat(SigningRequest.from("ESR:" + payload)).isEqualTo(request);
        // the standard alphabet and padding are read too
        byte[] bytes = request.toBytes(true);
        assertThat(SigningRequest.from("esr:" + Base64.getEncoder().encodeToString(bytes))).isEqualTo(request);
        SigningRequest back = SigningRequest.from(request.encode());
        assertThat(back.toJson()).isEqualTo(request.toJson());
        assertThat(back.hashCode()).isEqualTo(request.hashCode());
        assertThat(back.rawActions()).isEqualTo(request.rawActions());
        assertThat(back.toString()).isEqualTo(request.encode()).startsWith("esr://");
    }

    @Test
    void compressesOnlyWhenSmaller() {
        SigningRequest small = SigningRequest.builder().chainId(EOS).identity().build();
        assertThat(small.toBytes(true)).isEqualTo(small.toBytes(false));
        assertThat(small.toBytes(false)[0]).isEqualTo((byte) 2);
        SigningRequest big = EsrFixtures.transferRequest().callback("https://example.com/" + "a".repeat(200)).build();
        byte[] compressed = big.toBytes(true);
        assertThat(compressed[0]).isEqualTo((byte) (2 | 0x80));
        assertThat(compressed.length).isLessThan(big.toBytes(false).length);
        assertThat(big.encode().length()).isLessThan(big.encode(false).length());
    }

    @Test
    void singleActionRequest() {
        SigningRequest r = EsrFixtures.transferRequest().build();
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.chainId()).contains(EOS);
        assertThat(r.isMultiChain()).isFalse();
        assertThat(r.chainIds()).isEmpty();
        assertThat(r.isIdentity()).isFalse();
        assertThat(r.shouldBroadcast()).isTrue();
        assertThat(r.callback()).isEmpty();
        assertThat(r.info()).isEmpty();
        assertThat(r.requiredAbis()).containsExactly(TOKEN);
        assertThat(r.requiresTapos()).isTrue();
        assertThat(r.toJson().get("req").get(0).asText()).isEqualTo("action");
        assertThat(r.toJson().get("chain_id")).isEqualTo(json("[\"chain_alias\",1]"));
        Action action = r.rawActions().get(0);
        assertThat(action.authorization()).containsExactly(SigningRequest.PLACEHOLDER_AUTH);
        assertThat(action.decodeData(TOKEN_ABI).get("from").asText()).isEqualTo("............1");
        assertThat(r.rawTransaction().header().expiration()).isEqualTo(TimePointSec.of(0));
    }

    @Test
    void typedActionsAndJsonActionsEncodeAlike() {
        record Transfer(Name from, Name to, Asset quantity, String memo) {
        }
        Action typed = Action.of("eosio.token", "transfer", SigningRequest.PLACEHOLDER_AUTH,
                new Transfer(SigningRequest.PLACEHOLDER_ACTOR, Name.from("bob"), Asset.from("1.0000 EOS"), "hi"),
                TOKEN_ABI);
        SigningRequest fromTyped = SigningRequest.builder().chainId(EOS).action(typed).build();
        assertThat(fromTyped).isEqualTo(EsrFixtures.transferRequest().build());
        Map<String, Object> map = Map.of("account", "eosio.token", "name", "transfer",
                "authorization", List.of(Map.of("actor", "............1", "permission", "............2")),
                "data", Map.of("from", SigningRequest.PLACEHOLDER_ACTOR, "to", "bob",
                        "quantity", Asset.from("1.0000 EOS"), "memo", "hi"));
        assertThat(SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI).action(map).build()).isEqualTo(fromTyped);
        // hex data needs no ABI
        Action raw = Action.of(TOKEN, Name.from("transfer"), List.of(ALICE), typed.data());
        SigningRequest fromHex = SigningRequest.builder().chainId(EOS).action(json(
                "{\"account\":\"eosio.token\",\"name\":\"transfer\",\"authorization\":[\"alice@active\"],\"data\":\""
                        + typed.data() + "\"}")).build();
        assertThat(fromHex.rawActions()).containsExactly(raw);
    }

    @Test
    void severalActionsAndOneActionList() {
        SigningRequest two = SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "")).action(transfer("carol", "2.0000 EOS", "")).build();
        assertThat(two.toJson().get("req").get(0).asText()).isEqualTo("action[]");
        assertThat(two.rawActions()).hasSize(2);
        assertThat(two.requiredAbis()).containsExactly(TOKEN);
        SigningRequest one = SigningRequest.builder().chainId(EOS).actions(List.of(two.rawActions().get(0))).build();
        assertThat(one.toJson().get("req").get(0).asText()).isEqualTo("action");
    }

    @Test
    void transactionRequestKeepsItsHeader() {
        SigningRequest partial = SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI).transaction(json(
                "{\"delay_sec\":5,\"max_cpu_usage_ms\":7,\"actions\":[" + transfer("bob", "1.0000 EOS", "") + "]}"))
                .build();
        TransactionHeader h = partial.rawTransaction().header();
        assertThat(h).isEqualTo(new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 7, 5));
        assertThat(partial.requiresTapos()).isTrue();

        Transaction full = Transaction.of(new TransactionHeader(TimePointSec.from("2030-01-01T00:00:00"), 1, 2, 0, 0, 0),
                partial.rawActions());
        SigningRequest withTapos = SigningRequest.builder().chainId(EOS).transaction(full).build();
        assertThat(withTapos.requiresTapos()).isFalse();
        assertThat(withTapos.rawTransaction()).isEqualTo(full);
        assertThat(SigningRequest.from(withTapos.encode()).rawTransaction()).isEqualTo(full);
    }

    @Test
    void identityRequests() {
        SigningRequest any = SigningRequest.builder().chainId(EOS).identity().callback("https://x/{{sig}}").build();
        assertThat(any.version()).isEqualTo(2);
        assertThat(any.isIdentity()).isTrue();
        assertThat(any.shouldBroadcast()).isFalse();
        assertThat(any.identityScope()).isEmpty();
        assertThat(any.identityPermission()).isEmpty();
        assertThat(any.requiredAbis()).isEmpty();
        assertThat(any.requiresTapos()).isFalse();
        Action id = any.rawActions().get(0);
        assertThat(id.account()).isEqualTo(Name.EMPTY);
        assertThat(id.name()).isEqualTo(Name.from("identity"));
        assertThat(id.authorization()).containsExactly(SigningRequest.PLACEHOLDER_AUTH);
        assertThat(id.data()).isEqualTo(Bytes.from("0101000000000000000200000000000000"));

        PermissionLevel team = PermissionLevel.from("teamgreymass@active");
        SigningRequest named = SigningRequest.builder().chainId(EOS).identity(team).build();
        assertThat(named.identityPermission()).contains(team);
        assertThat(named.rawActions().get(0).authorization()).containsExactly(team);

        SigningRequest scoped = SigningRequest.builder().chainId(TELOS).identityScope(Name.from("myapp")).build();
        assertThat(scoped.version()).isEqualTo(3);
        assertThat(scoped.identityScope()).contains(Name.from("myapp"));
        assertThat(scoped.toJson().get("req")).isEqualTo(json("[\"identity\",{\"scope\":\"myapp\"}]"));
        assertThat(SigningRequest.from(scoped.encode()).identityScope()).contains(Name.from("myapp"));

        SigningRequest v3 = SigningRequest.builder().chainId(EOS).identity().version(3).build();
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.identityScope()).contains(Name.EMPTY);
    }

    @Test
    void chainAliasesAndChainIds() {
        assertThat(SigningRequest.builder().chainId(WAX).identity().build().toJson().get("chain_id"))
                .isEqualTo(json("[\"chain_alias\",10]"));
        assertThat(SigningRequest.builder().chainId(OTHER).identity().build().toJson().get("chain_id"))
                .isEqualTo(json("[\"chain_id\",\"" + OTHER + "\"]"));
        // the reference's default chain
        assertThat(SigningRequest.builder().identity().build().chainId()).contains(EOS);
        SigningRequest decoded = SigningRequest.from(SigningRequest.builder().chainId(WAX).identity().build().encode());
        assertThat(decoded.chainId()).contains(WAX);
    }

    @Test
    void multiChainRequests() {
        SigningRequest any = SigningRequest.builder().multiChain(List.of()).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "")).build();
        assertThat(any.version()).isEqualTo(3);
        assertThat(any.isMultiChain()).isTrue();
        assertThat(any.chainId()).isEmpty();
        assertThat(any.chainIds()).isEmpty();
        assertThat(any.info()).doesNotContainKey("chain_ids");

        SigningRequest some = SigningRequest.builder().multiChain(List.of(EOS, OTHER)).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "")).build();
        assertThat(some.chainIds()).containsExactly(EOS, OTHER);
        // aliases where known: [variant 0, alias 1], [variant 1, 32 bytes]
        assertThat(some.info().get("chain_ids").toString()).isEqualTo("02" + "0001" + "01" + OTHER);
        SigningRequest back = SigningRequest.from(some.encode());
        assertThat(back.chainIds()).containsExactly(EOS, OTHER);
        assertThat(back.isMultiChain()).isTrue();

        assertThatThrownBy(() -> SigningRequest.builder().multiChain(List.of()).identity().version(2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 3");
    }

    @Test
    void flagsCallbackAndInfo() {
        SigningRequest r = EsrFixtures.transferRequest().broadcast(false).callback("https://cb/{{tx}}", true)
                .info("text", "héllo").info("raw", Bytes.from("00ff")).info("text", "again").build();
        assertThat(r.shouldBroadcast()).isFalse();
        assertThat(r.flags()).isEqualTo(2);
        assertThat(r.callback()).contains(new SigningRequest.Callback("https://cb/{{tx}}", true));
        assertThat(r.info()).containsExactly(Map.entry("text", Bytes.of("again".getBytes())),
                Map.entry("raw", Bytes.from("00ff")));
        assertThat(r.infoString("text")).contains("again");
        assertThat(r.infoString("missing")).isEmpty();
        SigningRequest back = SigningRequest.from(r.encode());
        assertThat(back.callback()).isEqualTo(r.callback());
        assertThat(back.info()).isEqualTo(r.info());

        SigningRequest changed = back.withCallback("", false).withBroadcast(true).withInfo("raw", Bytes.from("01"));
        assertThat(changed.callback()).isEmpty();
        assertThat(changed.shouldBroadcast()).isTrue();
        assertThat(changed.info().get("raw")).isEqualTo(Bytes.from("01"));
        assertThat(changed.flags()).isEqualTo(1);
        assertThat(SigningRequest.from(changed.encode())).isEqualTo(changed);
        assertThat(EsrFixtures.transferRequest().callback("myapp://x").build().callback())
                .contains(new SigningRequest.Callback("myapp://x", false));
    }

    @Test
    void requestSignature() {
        SigningRequest unsigned = EsrFixtures.transferRequest().build();
        assertThat(unsigned.signature()).isEmpty();
        assertThat(unsigned.signatureKey()).isEmpty();

        SigningRequest signed = unsigned.sign(Name.from("myapp"), KEY);
        assertThat(signed).isNotEqualTo(unsigned);
        assertThat(signed.requestData()).isEqualTo(unsigned.requestData());
        assertThat(signed.signatureDigest()).isEqualTo(unsigned.signatureDigest());
        assertThat(signed.signature().orElseThrow().signer()).isEqualTo(Name.from("myapp"));
        assertThat(signed.signatureKey()).contains(KEY.toPublic());

        SigningRequest back = SigningRequest.from(signed.encode());
        assertThat(back).isEqualTo(signed);
        assertThat(back.signatureKey()).contains(KEY.toPublic());
        assertThat(back.toBytes(false)).hasSize(1 + unsigned.requestData().length + 8 + 66);
        // changing the request drops the signature; a signature of other data recovers another key
        assertThat(back.withCallback("https://other", false).signature()).isEmpty();
        assertThat(back.withSignature(null)).isEqualTo(unsigned);
        SigningRequest other = EsrFixtures.transferRequest().info("x", "y").build();
        SigningRequest forged = other.withSignature(signed.signature().orElseThrow());
        assertThat(forged.signatureKey()).isPresent().get().isNotEqualTo(KEY.toPublic());

        // the digest: sha256(version || "request" || data)
        byte[] data = unsigned.requestData();
        byte[] msg = new byte[8 + data.length];
        msg[0] = 2;
        System.arraycopy("request".getBytes(), 0, msg, 1, 7);
        System.arraycopy(data, 0, msg, 8, data.length);
        assertThat(unsigned.signatureDigest()).isEqualTo(io.antelopekit.chain.Checksum256.hash(msg));
    }

    @Test
    void builderRefusesWhatCannotBeARequest() {
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs actions");
        assertThatThrownBy(() -> EsrFixtures.transferRequest().identity().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> SigningRequest.builder().identity().broadcast(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be broadcast");
        assertThatThrownBy(() -> SigningRequest.builder().identityScope(Name.from("app")).version(2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> SigningRequest.builder().version(4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).action(transfer("bob", "1.0000 EOS", "")).build())
                .isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("no ABI of contract \"eosio.token\"");
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "lots", "")).build())
                .isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("action (eosio.token::transfer)").hasMessageContaining("quantity");
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).action(json(
                "{\"account\":\"eosio.token\",\"name\":\"transfer\",\"authorization\":[],\"data\":\"0g\"}")).build())
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("action.data");
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).transaction(json(
                "{\"expiration\":\"soon\",\"actions\":[]}")).build())
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("transaction header");
        assertThatThrownBy(() -> SigningRequest.builder().identity().build().withBroadcast(true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------- bad input

    private static String link(String hex) {
        return "esr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static final String VALID = EsrFixtures.transferRequest().build().encode(false);

    @Test
    void badLinksSayWhatIsWrong() {
        bad("http://example.com", "scheme \"http\"");
        bad("no scheme here", "no scheme");
        bad("esr://", "no payload");
        bad("esr:AgAB*AAA", "'*' at index 8");
        bad("esr:AgABA", "4k+1");
        bad("esr:AgAB=", "padding");
        bad("esr:AgAé", "U+00E9 at index 7");
        bad(link("01"), "protocol version 1");
        bad(link("04"), "protocol version 4");
        bad(link("82"), "compressed request");
        bad(link("8200ff00ff"), "compressed request");
        bad(link("02"), "chain_id");
        bad(link("0202"), "chain_id").hasMessageContaining("unknown variant index 2");
        bad(link("02000d"), "unknown chain alias 13");
        bad(link("0200010400"), "req").hasMessageContaining("unknown variant index 4");
        bad(link("0200010303"), "req.identity.permission").hasMessageContaining("bool");
        bad(link("020001030001"), "broadcast");
        bad(link("0200010300008001"), "callback");
        bad(link("02000103000000ffffffff0f"), "info");
        bad(link("02000101ffffffff0f"), "action[]").hasMessageContaining("4294967295");
        // a request with a truncated signature, or bytes after it
        String data = HexFormat.of().formatHex(SigningRequest.from(VALID).toBytes(false));
        bad(link(data + "0000000000000000"), "signature");
        String signed = HexFormat.of().formatHex(SigningRequest.from(VALID).sign(Name.from("app"), KEY).toBytes(false));
        bad(link(signed + "00"), "signature").hasMessageContaining("unread");
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ?> bad(String link, String message) {
        return assertThatThrownBy(() -> SigningRequest.from(link)).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void compressedRequestsAreBounded() {
        // 9 MiB of zeros deflates to a few KiB: refused before it is all inflated
        java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
        byte[] zeros = new byte[9 * 1024 * 1024];
        d.setInput(zeros);
        d.finish();
        byte[] out = new byte[64 * 1024];
        int n = d.deflate(out);
        d.end();
        byte[] bomb = new byte[n + 1];
        bomb[0] = (byte) 0x82;
        System.arraycopy(out, 0, bomb, 1, n);
        assertThatThrownBy(() -> SigningRequest.from(bomb)).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("more than 8388608 bytes");
        // a deflate stream followed by garbage
        byte[] ok = SigningRequest.from(VALID).withCallback("https://example.com/" + "a".repeat(100), false)
                .toBytes(true);
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 3);
        assertThatThrownBy(() -> SigningRequest.from(trailing)).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("3 bytes after the end");
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 3);
        assertThatThrownBy(() -> SigningRequest.from(truncated)).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("compressed request");
    }

    @Test
    void emptyAndNullInput() {
        assertThatThrownBy(() -> SigningRequest.from(new byte[0])).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> SigningRequest.from((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anotherKeySignsDifferently() {
        SigningRequest r = EsrFixtures.transferRequest().build();
        PrivateKey other = PrivateKey.generate(io.antelopekit.crypto.KeyType.K1);
        assertThat(r.sign(Name.from("a"), other).signatureKey()).contains(other.toPublic());
        assertThat(r.sign(Name.from("a"), other).signature()).isNotEqualTo(r.sign(Name.from("a"), KEY).signature());
    }
}
