package io.antelopekit.esr;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.RetryPolicy;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.esr.IdentityProofException.Reason;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IdentityProofVerifier} against the embedded devnet: which proofs are accepted, and the
 * reason each other one is rejected. Accounts made here:
 * <ul>
 * <li>{@code multi@active}: threshold 2 of key k1 (1), {@code bob@active} (1) and a one-hour wait
 * (1), set with {@code updateauth}; {@code multi@login}: threshold 2 of key k2 (2); its owner is
 * key ko;</li>
 * <li>{@code nested@active}: threshold 1 of {@code carol@active} (1), no key;</li>
 * <li>{@code deep@active}: threshold 1 of {@code nested@active} (1).</li>
 * </ul>
 */
@ExtendWith(BlockHoundSupport.class)
class IdentityProofVerifierTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Name SCOPE = Name.from("myapp");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final PrivateKey KO = DevAccount.of("multiowner").privateKey();
    static final PrivateKey K1 = DevAccount.of("multikeyone").privateKey();
    static final PrivateKey K2 = DevAccount.of("multikeytwo").privateKey();
    static final PrivateKey ALICE = DevAccount.of("alice").privateKey();
    static final PrivateKey BOB = DevAccount.of("bob").privateKey();
    static final PrivateKey CAROL = DevAccount.of("carol").privateKey();

    static Devnet devnet;
    static ChainClient client;
    static Checksum256 chainId;

    @BeforeAll
    static void start() {
        devnet = Devnet.builder().manualBlockProduction().start();
        client = ChainClient.create(devnet.url());
        chainId = devnet.chainId();
        devnet.produceBlocks(4).block(TIMEOUT);
        ChainDefinition chain = ChainDefinition.of(chainId, devnet.url());
        Session alice = Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(ALICE)).build();
        Map<String, Object> owner = authority(1, List.of(key(KO, 1)), List.of(), List.of());
        alice.transact(TransactArgs.of(
                newAccount("multi", owner), newAccount("nested", owner), newAccount("deep", owner))).block(TIMEOUT);

        Session multiOwner = Session.builder().chain(chain).client(client).actor("multi").permission("owner")
                .walletPlugin(WalletPluginPrivateKey.of(KO)).build();
        multiOwner.transact(TransactArgs.of(
                updateAuth("multi", "active", "owner", authority(2, List.of(key(K1, 1)),
                        List.of(account("bob", 1)), List.of(Map.of("wait_sec", 3600, "weight", 1))), "multi@owner"),
                updateAuth("multi", "login", "active", authority(2, List.of(key(K2, 2)), List.of(), List.of()),
                        "multi@owner"))).block(TIMEOUT);
        Session.builder().chain(chain).client(client).actor("nested").permission("owner")
                .walletPlugin(WalletPluginPrivateKey.of(KO)).build()
                .transact(TransactArgs.of(updateAuth("nested", "active", "owner",
                        authority(1, List.of(), List.of(account("carol", 1)), List.of()), "nested@owner")))
                .block(TIMEOUT);
        Session.builder().chain(chain).client(client).actor("deep").permission("owner")
                .walletPlugin(WalletPluginPrivateKey.of(KO)).build()
                .transact(TransactArgs.of(updateAuth("deep", "active", "owner",
                        authority(1, List.of(), List.of(account("nested", 1)), List.of()), "deep@owner")))
                .block(TIMEOUT);
        devnet.produceBlock().block(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        client.dispose();
        devnet.stop();
    }

    // ------------------------------------------------------------------------------ fixtures

    static Map<String, Object> authority(int threshold, List<Object> keys, List<Object> accounts, List<Object> waits) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("threshold", threshold);
        a.put("keys", keys);
        a.put("accounts", accounts);
        a.put("waits", waits);
        return a;
    }

    static Object key(PrivateKey k, int weight) {
        return Map.of("key", k.toPublic().toString(), "weight", weight);
    }

    static Object account(String actor, int weight) {
        return Map.of("permission", Map.of("actor", actor, "permission", "active"), "weight", weight);
    }

    static ActionRequest newAccount(String name, Map<String, Object> auth) {
        return ActionRequest.of("eosio", "newaccount",
                Map.of("creator", "alice", "name", name, "owner", auth, "active", auth));
    }

    static ActionRequest updateAuth(String account, String permission, String parent, Map<String, Object> auth,
            String by) {
        return ActionRequest.of("eosio", "updateauth", List.of(PermissionLevel.from(by)),
                Map.of("account", account, "permission", permission, "parent", parent, "auth", auth));
    }

    /** A proof of these parts signed by {@code key}. */
    static IdentityProof proof(Checksum256 chain, Name scope, Instant expiration, String signer, PrivateKey key) {
        TimePointSec exp = TimePointSec.fromInstant(expiration);
        PermissionLevel level = PermissionLevel.from(signer);
        Signature unused = ALICE.signDigest(Checksum256.ZERO);
        Checksum256 digest = IdentityProof.of(chain, scope, exp, level, unused).signingDigest();
        return IdentityProof.of(chain, scope, exp, level, key.signDigest(digest));
    }

    static IdentityProof proof(String signer, PrivateKey key) {
        return proof(chainId, SCOPE, NOW.plusSeconds(60), signer, key);
    }

    static IdentityProofVerifier.Builder verifier() {
        return IdentityProofVerifier.builder().chain(chainId, client).scope(SCOPE).clock(CLOCK);
    }

    static void rejected(Mono<VerifiedIdentity> verification, Reason reason, String... messageParts) {
        StepVerifier.create(verification)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(IdentityProofException.class);
                    assertThat(((IdentityProofException) e).reason()).as(e.getMessage()).isEqualTo(reason);
                    if (messageParts.length > 0) {
                        assertThat(e.getMessage()).contains(messageParts);
                    }
                })
                .verify(TIMEOUT);
    }

    static VerifiedIdentity accepted(Mono<VerifiedIdentity> verification) {
        List<VerifiedIdentity> out = new ArrayList<>();
        StepVerifier.create(verification).recordWith(() -> out).expectNextCount(1).expectComplete().verify(TIMEOUT);
        return out.get(0);
    }

    // --------------------------------------------------------------------------------- accepted

    @Test
    void aProofSignedByTheAccountsKeyIsAccepted() {
        IdentityProof p = proof("alice@active", ALICE);
        VerifiedIdentity id = accepted(verifier().build().verify(p));
        assertThat(id).isEqualTo(new VerifiedIdentity(chainId, PermissionLevel.from("alice@active"),
                ALICE.toPublic(), TimePointSec.fromInstant(NOW.plusSeconds(60))));
    }

    @Test
    void theStringFormIsAccepted() {
        String header = proof("bob@active", BOB).toString();
        assertThat(header).startsWith("EOSIO ");
        VerifiedIdentity id = accepted(verifier().build().verify(header));
        assertThat(id.permission()).isEqualTo(PermissionLevel.from("bob@active"));
        assertThat(id.publicKey()).isEqualTo(BOB.toPublic());
    }

    @Test
    void aKeyWhoseWeightReachesTheThresholdAloneIsAccepted() {
        assertThat(accepted(verifier().build().verify(proof("multi@login", K2))).publicKey()).isEqualTo(K2.toPublic());
    }

    @Test
    void aKeyOfALinkedAccountsPermissionSatisfiesTheNestedPermission() {
        VerifiedIdentity id = accepted(verifier().build().verify(proof("nested@active", CAROL)));
        assertThat(id.permission()).isEqualTo(PermissionLevel.from("nested@active"));
        assertThat(id.publicKey()).isEqualTo(CAROL.toPublic());
        // two levels down: deep@active -> nested@active -> carol@active
        assertThat(accepted(verifier().build().verify(proof("deep@active", CAROL))).publicKey())
                .isEqualTo(CAROL.toPublic());
    }

    @Test
    void linkedAccountsAreFollowedOnlyToTheDepthLimit() {
        rejected(verifier().maxAuthorityDepth(1).build().verify(proof("deep@active", CAROL)), Reason.FORGED,
                "deep@active");
        rejected(verifier().maxAuthorityDepth(0).build().verify(proof("nested@active", CAROL)), Reason.FORGED);
        accepted(verifier().maxAuthorityDepth(2).build().verify(proof("deep@active", CAROL)));
    }

    @Test
    void aProofExpiredWithinTheClockSkewIsAccepted() {
        IdentityProof p = proof(chainId, SCOPE, NOW.minusSeconds(10), "alice@active", ALICE);
        accepted(verifier().clockSkew(Duration.ofSeconds(30)).build().verify(p));
    }

    @Test
    void chainsCanBeServedThroughALookup() {
        IdentityProofVerifier v = IdentityProofVerifier.builder()
                .chains(id -> id.equals(chainId) ? client : null).scope(SCOPE).clock(CLOCK).build();
        assertThat(v.serves(chainId)).isTrue();
        assertThat(v.serves(Checksum256.ZERO)).isFalse();
        accepted(v.verify(proof("alice@active", ALICE)));
        rejected(v.verify(proof(Checksum256.ZERO, SCOPE, NOW.plusSeconds(60), "alice@active", ALICE)),
                Reason.WRONG_CHAIN);
    }

    // --------------------------------------------------------------------------------- rejected

    @Test
    void aProofSignedByAnotherKeyIsForged() {
        rejected(verifier().build().verify(proof("alice@active", BOB)), Reason.FORGED, "alice@active",
                BOB.toPublic().toString());
    }

    @Test
    void exactlyTheNamedPermissionCounts_anOwnerKeyDoesNotProveActive() {
        rejected(verifier().build().verify(proof("multi@active", KO)), Reason.FORGED, "multi@active");
        accepted(verifier().build().verify(proof("multi@owner", KO)));
    }

    @Test
    void aKeyWithTooLittleWeightIsInsufficient_andAWaitNeverCounts() {
        // k1 (1) + the wait (1) would reach 2 if waits counted
        rejected(verifier().build().verify(proof("multi@active", K1)), Reason.INSUFFICIENT_WEIGHT, "multi@active");
        // bob's key satisfies bob@active, which weighs 1 of 2
        rejected(verifier().build().verify(proof("multi@active", BOB)), Reason.INSUFFICIENT_WEIGHT);
    }

    @Test
    void anExpiredProofIsRejected() {
        IdentityProof p = proof(chainId, SCOPE, NOW.minusSeconds(120), "alice@active", ALICE);
        rejected(verifier().build().verify(p), Reason.EXPIRED, "alice@active", "expired");
        rejected(verifier().clockSkew(Duration.ZERO).build()
                .verify(proof(chainId, SCOPE, NOW.minusSeconds(1), "alice@active", ALICE)), Reason.EXPIRED);
    }

    @Test
    void aProofExpiringTooFarInTheFutureIsRejected() {
        IdentityProof p = proof(chainId, SCOPE, NOW.plus(Duration.ofDays(1)), "alice@active", ALICE);
        rejected(verifier().build().verify(p), Reason.EXPIRATION_TOO_FAR, "alice@active");
        accepted(verifier().maxLifetime(Duration.ofDays(2)).build().verify(p));
    }

    @Test
    void aProofForAnotherChainIsRejected() {
        Checksum256 other = Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");
        rejected(verifier().build().verify(proof(other, SCOPE, NOW.plusSeconds(60), "alice@active", ALICE)),
                Reason.WRONG_CHAIN, other.toString());
    }

    @Test
    void aProofForAnotherScopeIsRejected() {
        rejected(verifier().build().verify(proof(chainId, Name.from("otherapp"), NOW.plusSeconds(60), "alice@active",
                ALICE)), Reason.WRONG_SCOPE, "otherapp", "myapp");
    }

    @Test
    void aProofIsAcceptedOnce() {
        IdentityProofVerifier v = verifier().build();
        IdentityProof p = proof("alice@active", ALICE);
        accepted(v.verify(p));
        rejected(v.verify(p), Reason.REPLAYED, "alice@active");
        rejected(v.verify(p.toString()), Reason.REPLAYED);
    }

    @Test
    void ofConcurrentVerificationsOfOneProofExactlyOneSucceeds() {
        IdentityProofVerifier v = verifier().build();
        IdentityProof p = proof("carol@active", CAROL);
        List<Object> outcomes = Flux.range(0, 8)
                .flatMap(i -> v.verify(p).subscribeOn(Schedulers.parallel()).<Object>map(id -> id)
                        .onErrorResume(IdentityProofException.class, e -> Mono.just(e.reason())))
                .collectList().block(TIMEOUT);
        assertThat(outcomes).hasSize(8);
        assertThat(outcomes.stream().filter(o -> o instanceof VerifiedIdentity).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> o == Reason.REPLAYED).count()).isEqualTo(7);
    }

    @Test
    void aForgedCopyDoesNotUseUpTheGenuineProof() {
        IdentityProofVerifier v = verifier().build();
        rejected(v.verify(proof("alice@active", BOB)), Reason.FORGED);
        accepted(v.verify(proof("alice@active", ALICE)));
    }

    @Test
    void aProofOfAnAccountThatDoesNotExistIsRejected() {
        rejected(verifier().build().verify(proof("nobody@active", ALICE)), Reason.UNKNOWN_ACCOUNT, "nobody");
    }

    @Test
    void aProofOfAPermissionTheAccountDoesNotHaveIsRejected() {
        rejected(verifier().build().verify(proof("alice@login", ALICE)), Reason.UNKNOWN_PERMISSION, "login");
    }

    @Test
    void aSignatureFromWhichNoKeyRecoversIsABadSignature() {
        byte[] data = new byte[65];
        data[0] = 31; // recovery id 0, compressed; r = s = 0
        IdentityProof good = proof("alice@active", ALICE);
        IdentityProof bad = IdentityProof.of(chainId, SCOPE, good.expiration(), good.signer(),
                Signature.of(io.antelopekit.crypto.KeyType.K1, data));
        rejected(verifier().build().verify(bad), Reason.BAD_SIGNATURE, "alice@active");
    }

    @Test
    void aStringThatIsNotAProofIsMalformed() {
        rejected(verifier().build().verify("Bearer abc"), Reason.MALFORMED);
        rejected(verifier().build().verify("EOSIO AAAA"), Reason.MALFORMED);
    }

    @Test
    void aNodeThatCannotBeReachedIsANodeErrorWithItsCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ChainClient dead = ChainClient.builder().endpoint("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)).readRetry(RetryPolicy.none()).build();
        try {
            IdentityProofVerifier v = IdentityProofVerifier.builder().chain(chainId, dead).scope(SCOPE).clock(CLOCK)
                    .build();
            StepVerifier.create(v.verify(proof("alice@active", ALICE)))
                    .expectErrorSatisfies(e -> {
                        IdentityProofException x = (IdentityProofException) e;
                        assertThat(x.reason()).isEqualTo(Reason.NODE_ERROR);
                        assertThat(x.getCause()).isNotNull();
                        assertThat(x.isTransient()).isTrue();
                    })
                    .verify(TIMEOUT);
        } finally {
            dead.dispose();
        }
    }

    @Test
    void aReplayStoreFailureIsANodeError() {
        IdentityProofVerifier v = verifier().replayStore((k, t) -> Mono.error(new IllegalStateException("down")))
                .build();
        rejected(v.verify(proof("alice@active", ALICE)), Reason.NODE_ERROR, "down");
    }

    @Test
    void nothingHappensBeforeSubscriptionAndTheStoreKeepsTheProofUntilExpiryPlusSkew() {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> until = new ArrayList<>();
        IdentityProofVerifier v = verifier().clockSkew(Duration.ofSeconds(5)).replayStore((k, t) -> {
            calls.incrementAndGet();
            until.add(t);
            assertThat(k).startsWith(IdentityProofVerifier.REPLAY_KEY_PREFIX);
            return Mono.just(true);
        }).build();
        Mono<VerifiedIdentity> m = v.verify(proof("alice@active", ALICE));
        assertThat(calls).hasValue(0);
        accepted(m);
        assertThat(calls).hasValue(1);
        assertThat(until).containsExactly(NOW.plusSeconds(65));
    }

    @Test
    void theBuilderNeedsAScopeAndAChain() {
        assertThatThrownBy(() -> IdentityProofVerifier.builder().chain(chainId, client).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> IdentityProofVerifier.builder().scope(SCOPE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chain");
        assertThatThrownBy(() -> verifier().clockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier().maxLifetime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier().maxAuthorityDepth(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------- in-memory store

    @Test
    void theInMemoryStoreForgetsExpiredRecordsAndEvictsTheSoonestWhenFull() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        InMemoryReplayStore store = InMemoryReplayStore.create(2, clock);
        assertThat(store.markSeen("a", NOW.plusSeconds(10)).block()).isTrue();
        assertThat(store.markSeen("a", NOW.plusSeconds(10)).block()).isFalse();
        assertThat(store.markSeen("b", NOW.plusSeconds(20)).block()).isTrue();
        // full: "a" expires soonest and makes room
        assertThat(store.markSeen("c", NOW.plusSeconds(30)).block()).isTrue();
        assertThat(store.evictions()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.markSeen("b", NOW.plusSeconds(20)).block()).isFalse();
        // time passes: "b" expired and is forgotten
        now[0] = NOW.plusSeconds(21);
        assertThat(store.markSeen("b", NOW.plusSeconds(40)).block()).isTrue();
        assertThat(store.markSeen("c", NOW.plusSeconds(30)).block()).isFalse();
        assertThat(store.evictions()).isEqualTo(1);
        assertThatThrownBy(() -> InMemoryReplayStore.create(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInMemoryStoresCheckAndAddIsAtomic() throws Exception {
        InMemoryReplayStore store = InMemoryReplayStore.create(1000, CLOCK);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger added = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    if (Boolean.TRUE.equals(store.markSeen("k" + i, NOW.plusSeconds(60)).block())) {
                        added.incrementAndGet();
                    }
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join(TIMEOUT.toMillis());
        }
        assertThat(added).hasValue(200);
        assertThat(store.size()).isEqualTo(200);
    }
}
