package io.antelopekit.esr;

import static io.antelopekit.esr.EsrFixtures.ABIS;
import static io.antelopekit.esr.EsrFixtures.ALICE;
import static io.antelopekit.esr.EsrFixtures.EOS;
import static io.antelopekit.esr.EsrFixtures.KEY;
import static io.antelopekit.esr.EsrFixtures.NEST;
import static io.antelopekit.esr.EsrFixtures.NEST_ABI;
import static io.antelopekit.esr.EsrFixtures.OTHER;
import static io.antelopekit.esr.EsrFixtures.TELOS;
import static io.antelopekit.esr.EsrFixtures.TOKEN;
import static io.antelopekit.esr.EsrFixtures.TOKEN_ABI;
import static io.antelopekit.esr.EsrFixtures.json;
import static io.antelopekit.esr.EsrFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolving requests: placeholders, TAPoS values, chains, callbacks and identity proofs. */
class ResolvedSigningRequestTest {

    private static final TimePointSec NOW = TimePointSec.from("2024-05-01T12:00:00");
    private static final TaposContext CTX = TaposContext.of(NOW, 120, 0x0102_0304L, 0xdead_beefL);

    @Test
    void placeholdersBecomeTheSigner() {
        ResolvedSigningRequest r = EsrFixtures.transferRequest().build().resolve(ABIS, ALICE, CTX);
        Action action = r.resolvedActions().get(0);
        assertThat(action.authorization()).containsExactly(ALICE);
        assertThat(action.decodedData().orElseThrow())
                .isEqualTo(json("{\"from\":\"alice\",\"to\":\"bob\",\"quantity\":\"1.0000 EOS\",\"memo\":\"hi\"}"));
        assertThat(action.data().bytes()).isEqualTo(TOKEN_ABI.encode("transfer", action.decodedData().orElseThrow()));
        assertThat(r.transaction().actions()).isEqualTo(r.resolvedActions());
        assertThat(r.signer()).isEqualTo(ALICE);
        assertThat(r.chainId()).isEqualTo(EOS);
    }

    @Test
    void placeholdersOnlyWhereTheAbiSaysName() {
        SigningRequest request = EsrFixtures.samples().get(EsrFixtures.samples().size() - 1);
        assertThat(request.requiredAbis()).containsExactly(NEST);
        PermissionLevel signer = PermissionLevel.from("bob@owner");
        Action action = request.resolve(ABIS, signer, CTX).resolvedActions().get(0);
        // the actor placeholder used as a permission means the signer's permission (older requests)
        assertThat(action.authorization()).containsExactly(signer);
        JsonNode data = action.decodedData().orElseThrow();
        assertThat(data).isEqualTo(json("""
                {"owner":"bob","list":["bob","x","owner"],"maybe":"owner",
                 "pick":["inner",{"who":"bob","perm":"owner"}],
                 "inners":[{"who":"bob","perm":"active"}],
                 "text":"............1","amount":"1","ext":"bob"}"""));
        assertThat(action.data().bytes()).isEqualTo(NEST_ABI.encode("deep", data));
    }

    @Test
    void requestWithoutPlaceholdersKeepsItsBytes() {
        Action fixed = Action.of("eosio.token", "transfer", PermissionLevel.from("carol@active"), json(
                "{\"from\":\"carol\",\"to\":\"bob\",\"quantity\":\"0.0001 EOS\",\"memo\":\"\"}"), TOKEN_ABI);
        ResolvedSigningRequest r = SigningRequest.builder().chainId(EOS).action(fixed).build().resolve(ABIS, ALICE, CTX);
        assertThat(r.resolvedActions()).containsExactly(fixed);
    }

    @Test
    void taposFromAReferenceBlockOrExplicitValues() {
        SigningRequest request = EsrFixtures.transferRequest().build();
        TransactionHeader h = request.resolve(ABIS, ALICE, CTX).transaction().header();
        assertThat(h.expiration()).isEqualTo(TimePointSec.of(NOW.seconds() + 120));
        assertThat(h.refBlockNum()).isEqualTo(0x0304);
        assertThat(h.refBlockPrefix()).isEqualTo(0xdead_beefL);

        TaposContext explicit = TaposContext.explicit(TimePointSec.from("2024-05-01T12:05:00"), 0x1_0007, 42);
        TransactionHeader e = request.resolve(ABIS, ALICE, explicit).transaction().header();
        assertThat(e).isEqualTo(new TransactionHeader(TimePointSec.from("2024-05-01T12:05:00"), 7, 42, 0, 0, 0));

        assertThatThrownBy(() -> request.resolve(ABIS, ALICE, TaposContext.none()))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("needs TAPoS values");
        assertThatThrownBy(() -> request.resolve(ABIS, ALICE, TaposContext.of(TimePointSec.of(0xFFFF_FFF0L), 60, 1, 1)))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("transaction header");
    }

    @Test
    void aTransactionWithItsOwnTaposKeepsIt() {
        Transaction trx = Transaction.of(new TransactionHeader(TimePointSec.from("2030-01-01T00:00:00"), 9, 99, 1, 2, 3),
                EsrFixtures.transferRequest().build().rawActions());
        ResolvedSigningRequest r = SigningRequest.builder().chainId(EOS).transaction(trx).build()
                .resolve(ABIS, ALICE, TaposContext.none());
        assertThat(r.transaction().header()).isEqualTo(trx.header());
        // and a partial one keeps its limits and delay
        SigningRequest partial = SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI).transaction(json(
                "{\"delay_sec\":5,\"max_cpu_usage_ms\":7,\"max_net_usage_words\":8,\"actions\":["
                        + transfer("bob", "1.0000 EOS", "") + "]}")).build();
        TransactionHeader h = partial.resolve(ABIS, ALICE, CTX).transaction().header();
        assertThat(h).isEqualTo(new TransactionHeader(TimePointSec.of(NOW.seconds() + 120), 0x0304, 0xdead_beefL, 8, 7, 5));
    }

    @Test
    void missingAbisAndUnknownActions() {
        SigningRequest request = EsrFixtures.transferRequest().build();
        assertThatThrownBy(() -> request.resolve(Map.of(), ALICE, CTX))
                .isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("action 0 (eosio.token::transfer)").hasMessageContaining("no ABI");
        assertThatThrownBy(() -> request.resolve(Map.of(TOKEN, NEST_ABI), ALICE, CTX))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("has no action \"transfer\"");
        Action garbage = Action.of(TOKEN, Name.from("transfer"), List.of(ALICE), io.antelopekit.chain.Bytes.from("00"));
        assertThatThrownBy(() -> SigningRequest.builder().chainId(EOS).action(garbage).build().resolve(ABIS, ALICE, CTX))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("does not fit the ABI type");
    }

    @Test
    void multiChainRequestsResolveOnTheChosenChain() {
        SigningRequest any = SigningRequest.builder().multiChain(List.of()).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "")).build();
        assertThatThrownBy(() -> any.resolve(ABIS, ALICE, CTX)).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("withChainId");
        assertThat(any.resolve(ABIS, ALICE, CTX.withChainId(OTHER)).chainId()).isEqualTo(OTHER);

        SigningRequest some = SigningRequest.builder().multiChain(List.of(EOS, TELOS)).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "")).build();
        ResolvedSigningRequest telos = some.resolve(ABIS, ALICE, CTX.withChainId(TELOS));
        assertThat(telos.chainId()).isEqualTo(TELOS);
        assertThat(telos.signingDigest()).isEqualTo(telos.transaction().signingDigest(TELOS));
        assertThatThrownBy(() -> some.resolve(ABIS, ALICE, CTX.withChainId(OTHER)))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("not one of the request's chain_ids");
        // a single-chain request ignores the context's chain
        assertThat(EsrFixtures.transferRequest().build().resolve(ABIS, ALICE, CTX.withChainId(OTHER)).chainId())
                .isEqualTo(EOS);
    }

    @Test
    void digestIdAndSignature() {
        ResolvedSigningRequest r = EsrFixtures.transferRequest().build().resolve(ABIS, ALICE, CTX);
        assertThat(r.transactionId()).isEqualTo(r.transaction().id());
        assertThat(r.serializedTransaction()).isEqualTo(r.transaction().pack());
        assertThat(Checksum256.hash(r.signingData())).isEqualTo(r.signingDigest());
        assertThat(r.signingDigest()).isEqualTo(r.transaction().signingDigest(EOS));
        Signature sig = KEY.signDigest(r.signingDigest());
        assertThat(sig.recover(r.signingDigest())).isEqualTo(KEY.toPublic());
        assertThat(r.toString()).contains("alice@active").contains(r.transactionId().toString());
    }

    @Test
    void callbackFillsItsTemplate() {
        SigningRequest request = EsrFixtures.transferRequest()
                .callback("https://example.com/cb?tx={{tx}}&sig={{sig}}&s1={{sig0}}&bn={{bn}}&x={{nope}}&u={{UP}}", true)
                .build();
        ResolvedSigningRequest r = request.resolve(ABIS, ALICE, CTX);
        Signature s1 = KEY.signDigest(r.signingDigest());
        Signature s2 = PrivateKey.generate(io.antelopekit.crypto.KeyType.K1).signDigest(r.signingDigest());
        ResolvedCallback cb = r.callback(List.of(s1, s2), 777L).orElseThrow();
        assertThat(cb.background()).isTrue();
        assertThat(cb.url()).isEqualTo("https://example.com/cb?tx=" + r.transactionId() + "&sig=" + s1 + "&s1=" + s2
                + "&bn=777&x=&u={{UP}}");
        assertThat(cb.payload()).containsExactly(
                Map.entry("sig", s1.toString()),
                Map.entry("tx", r.transactionId().toString()),
                Map.entry("rbn", "772"),
                Map.entry("rid", "3735928559"),
                Map.entry("ex", "2024-05-01T12:02:00"),
                Map.entry("req", request.encode()),
                Map.entry("sa", "alice"),
                Map.entry("sp", "active"),
                Map.entry("cid", EOS.toString()),
                Map.entry("sig0", s2.toString()),
                Map.entry("bn", "777"));
        assertThat(SigningRequest.from(cb.payload().get("req"))).isEqualTo(request);
        // without a block number, bn is absent and its placeholder empty
        ResolvedCallback noBn = r.callback(List.of(s1), null).orElseThrow();
        assertThat(noBn.payload()).doesNotContainKey("bn").doesNotContainKey("sig0");
        assertThat(noBn.url()).contains("&bn=&");
        assertThat(r.callback(List.of(s1), 0L).orElseThrow().payload()).doesNotContainKey("bn");
        assertThatThrownBy(() -> r.callback(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.callback(List.of(s1), -1L)).isInstanceOf(IllegalArgumentException.class);
        // no callback, nothing to send
        assertThat(EsrFixtures.transferRequest().build().resolve(ABIS, ALICE, CTX).callback(List.of(s1), null)).isEmpty();
    }

    @Test
    void identityV2HasNoExpiration() {
        SigningRequest request = SigningRequest.builder().chainId(EOS).identity().callback("https://x/{{sig}}").build();
        ResolvedSigningRequest r = request.resolve(Map.of(), ALICE, CTX);
        Transaction trx = r.transaction();
        assertThat(trx.header()).isEqualTo(new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0));
        Action id = trx.actions().get(0);
        assertThat(id.authorization()).containsExactly(ALICE);
        assertThat(id.decodedData().orElseThrow())
                .isEqualTo(json("{\"permission\":{\"actor\":\"alice\",\"permission\":\"active\"}}"));
        assertThatThrownBy(() -> r.identityProof(KEY.signDigest(r.signingDigest())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 3");
    }

    @Test
    void identityV3ProofRoundTripsAndRecoversTheKey() {
        SigningRequest request = SigningRequest.builder().chainId(TELOS).identityScope(Name.from("myapp"))
                .callback("https://example.com/login?sig={{sig}}").build();
        ResolvedSigningRequest r = request.resolve(Map.of(), ALICE, TaposContext.none().withTimestamp(NOW, 300));
        assertThat(r.transaction().header().expiration()).isEqualTo(TimePointSec.of(NOW.seconds() + 300));
        assertThat(r.transaction().header().refBlockNum()).isZero();
        assertThat(r.resolvedActions().get(0).decodedData().orElseThrow()).isEqualTo(json(
                "{\"scope\":\"myapp\",\"permission\":{\"actor\":\"alice\",\"permission\":\"active\"}}"));

        Signature sig = KEY.signDigest(r.signingDigest());
        IdentityProof proof = r.identityProof(sig);
        assertThat(proof.chainId()).isEqualTo(TELOS);
        assertThat(proof.scope()).isEqualTo(Name.from("myapp"));
        assertThat(proof.expiration()).isEqualTo(TimePointSec.of(NOW.seconds() + 300));
        assertThat(proof.signer()).isEqualTo(ALICE);
        assertThat(proof.signature()).isEqualTo(sig);
        assertThat(proof.transaction()).isEqualTo(r.transaction());
        assertThat(proof.signingDigest()).isEqualTo(r.signingDigest());
        assertThat(proof.recoverKey()).isEqualTo(KEY.toPublic());

        String header = proof.toString();
        assertThat(header).startsWith("EOSIO ").doesNotContain("=");
        IdentityProof back = IdentityProof.from(header);
        assertThat(back).isEqualTo(proof).hasSameHashCodeAs(proof);
        assertThat(IdentityProof.from(proof.toBytes())).isEqualTo(proof);
        // the URL-safe alphabet reads too
        assertThat(IdentityProof.from(header.replace('+', '-').replace('/', '_'))).isEqualTo(proof);

        // an explicit expiration wins; without timestamp, now + 60 s
        TaposContext explicit = TaposContext.explicit(TimePointSec.from("2024-06-01T00:00:00"), 0, 0);
        assertThat(request.resolve(Map.of(), ALICE, explicit).transaction().header().expiration())
                .isEqualTo(TimePointSec.from("2024-06-01T00:00:00"));
        long now = java.time.Instant.now().getEpochSecond();
        long exp = request.resolve(Map.of(), ALICE, TaposContext.none()).transaction().header().expiration().seconds();
        assertThat(exp).isBetween(now + 50, now + 3600);
    }

    @Test
    void identityProofRejectsWhatIsNotAProof() {
        assertThatThrownBy(() -> IdentityProof.from("Bearer abc")).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("EOSIO <base64>");
        assertThatThrownBy(() -> IdentityProof.from("EOSIO")).isInstanceOf(InvalidSigningRequestException.class);
        assertThatThrownBy(() -> IdentityProof.from("EOSIO a b")).isInstanceOf(InvalidSigningRequestException.class);
        assertThatThrownBy(() -> IdentityProof.from("EOSIO ***")).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("'*' at index 6");
        assertThatThrownBy(() -> IdentityProof.from("EOSIO AAAA")).isInstanceOf(InvalidSigningRequestException.class)
                .hasMessageContaining("invalid identity proof");
        ResolvedSigningRequest r = SigningRequest.builder().chainId(EOS).identityScope(Name.from("a")).build()
                .resolve(Map.of(), ALICE, TaposContext.none().withTimestamp(NOW, 60));
        byte[] bytes = r.identityProof(KEY.signDigest(r.signingDigest())).toBytes();
        assertThatThrownBy(() -> IdentityProof.from(java.util.Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(InvalidSigningRequestException.class).hasMessageContaining("unread");
        assertThatThrownBy(() -> IdentityProof.from(java.util.Arrays.copyOf(bytes, 60)))
                .isInstanceOf(InvalidSigningRequestException.class);
    }

    @Test
    void transferProofIsNotAnIdentity() {
        ResolvedSigningRequest r = EsrFixtures.transferRequest().build().resolve(ABIS, ALICE, CTX);
        assertThatThrownBy(() -> r.identityProof(KEY.signDigest(r.signingDigest())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction request");
    }

    @Test
    void taposContextValues() {
        assertThat(CTX.blockNum()).hasValue(0x0102_0304L);
        assertThat(CTX.refBlockPrefix()).hasValue(0xdead_beefL);
        assertThat(CTX.timestamp()).contains(NOW);
        assertThat(CTX.expireSeconds()).isEqualTo(120);
        assertThat(CTX.expiration()).isEmpty();
        assertThat(CTX.refBlockNum()).isEmpty();
        assertThat(CTX.chainId()).isEmpty();
        assertThat(CTX.withChainId(EOS).chainId()).contains(EOS);
        assertThat(CTX).isEqualTo(TaposContext.of(NOW, 120, 0x0102_0304L, 0xdead_beefL)).isNotEqualTo(TaposContext.none());
        assertThat(CTX.toString()).contains("block_num=16909060");
        assertThatThrownBy(() -> TaposContext.of(NOW, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaposContext.explicit(NOW, 1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
