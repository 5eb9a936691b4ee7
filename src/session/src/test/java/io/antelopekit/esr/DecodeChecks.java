package io.antelopekit.esr;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.TimePointSec;
import java.util.HexFormat;

/**
 * What decoding anything must satisfy: it gives a request that round-trips and survives every
 * accessor and {@code resolve}, or fails with {@link InvalidSigningRequestException} and
 * nothing else, with no JDK runtime exception (a null pointer, an index out of bounds) among
 * its causes.
 */
final class DecodeChecks {

    /** Round trip and the cheap accessors. */
    static final int LIGHT = 0;
    /** Also compression, JSON, resolving. */
    static final int HEAVY = 1;
    /** Also key recovery and signing (a few per millisecond). */
    static final int CRYPTO = 2;

    static final TaposContext CONTEXT = TaposContext.of(TimePointSec.of(1_600_000_000L), 60, 1234, 5678)
            .withChainId(EsrFixtures.EOS);

    private DecodeChecks() {
    }

    /**
     * Decodes {@code data}; a request must round-trip and survive every accessor and resolve.
     *
     * @param level {@link #LIGHT}, {@link #HEAVY} or {@link #CRYPTO}: how much to do with a request
     */
    static void checkBytes(byte[] data, int level) {
        SigningRequest request;
        try {
            request = SigningRequest.from(data);
        } catch (InvalidSigningRequestException e) {
            checkTyped(e, data);
            return;
        }
        exercise(request, data, level);
    }

    static void checkLink(String link, int level) {
        SigningRequest request;
        try {
            request = SigningRequest.from(link);
        } catch (InvalidSigningRequestException e) {
            checkTyped(e, link);
            return;
        }
        exercise(request, link, level);
    }

    static void checkProof(String proof, int level) {
        try {
            IdentityProof p = IdentityProof.from(proof);
            if (!IdentityProof.from(p.toString()).equals(p)) {
                throw new AssertionError("round trip of " + show(proof) + " gives another proof");
            }
            p.signingDigest();
            if (level >= CRYPTO) {
                try {
                    p.recoverKey();
                } catch (InvalidSigningRequestException e) {
                    checkTyped(e, proof);
                }
            }
        } catch (InvalidSigningRequestException e) {
            checkTyped(e, proof);
        }
    }

    static void exercise(SigningRequest request, Object input, int level) {
        byte[] plain = request.toBytes(false);
        if (!SigningRequest.from(plain).equals(request)) {
            throw new AssertionError("round trip of " + show(input) + " gives another request");
        }
        request.version();
        request.chainId();
        request.chainIds();
        request.isMultiChain();
        request.identityScope();
        request.identityPermission();
        request.shouldBroadcast();
        request.callback();
        request.info();
        request.requiredAbis();
        request.requiresTapos();
        request.rawActions();
        request.signatureDigest();
        if (level < HEAVY) {
            return;
        }
        assertThat(SigningRequest.from(request.encode())).isEqualTo(request);
        assertThat(request.toString()).startsWith("esr://");
        request.toJson();
        request.rawTransaction().id();
        if (level >= CRYPTO) {
            try {
                request.signatureKey();
            } catch (InvalidSigningRequestException e) {
                checkTyped(e, input);
            }
        }
        try {
            ResolvedSigningRequest resolved = request.resolve(EsrFixtures.ABIS, EsrFixtures.ALICE, CONTEXT);
            resolved.signingDigest();
            resolved.resolvedActions().forEach(a -> a.decodedData());
            if (level >= CRYPTO && request.isIdentity() && request.version() > 2) {
                resolved.identityProof(EsrFixtures.KEY.signDigest(Checksum256.ZERO));
            }
        } catch (InvalidSigningRequestException e) {
            checkTyped(e, input);
        }
    }

    /**
     * The exception carries a message and no JDK exception among its causes (a null pointer, an
     * index out of bounds, an illegal argument inside would be a bug caught by a broad catch).
     */
    static void checkTyped(InvalidSigningRequestException e, Object input) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("no message for " + show(input), e);
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RuntimeException && t.getClass().getName().startsWith("java.")) {
                throw new AssertionError("decoding " + show(input) + " failed inside with " + t, e);
            }
        }
    }

    private static String show(Object input) {
        String s = input instanceof byte[] b ? "bytes " + HexFormat.of().formatHex(b) : "string " + input;
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

}
