package io.antelopekit.spring.security;

import io.antelopekit.session.internal.RandomIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The owners' secrets (from the session module's shared {@link RandomIds}: a DRBG seeded once, no
 * file read per secret) and their hashes. Sign-in ids are {@link RandomIds#newId()}.
 */
final class SignInIds {

    /** 256 bits. */
    static final int SECRET_BYTES = 32;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private SignInIds() {
    }

    static String newSecret() {
        return RandomIds.random(SECRET_BYTES);
    }

    /** SHA-256 of the secret, URL-safe base64: what a store keeps. */
    static String ownerHash(String secret) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Compares in time independent of where they differ. */
    static boolean sameOwner(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
