package io.antelopekit.spring.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random ids and owner secrets (from a DRBG seeded once: no file read per id), and the owners' hashes. */
final class SignInIds {

    /** 128 bits: 22 URL-safe characters. */
    static final int ID_BYTES = 16;
    /** 256 bits. */
    static final int SECRET_BYTES = 32;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private SignInIds() {
    }

    private static final class Source {
        static final SecureRandom RANDOM = seededRandom();
    }

    /**
     * A new DRBG, seeded now (reads the OS's entropy once, on the calling thread): afterwards it
     * is CPU only, never a file read, as the JDK's default {@code NativePRNG} is whenever its
     * buffer is older than 100 ms. Call it off the event loops.
     */
    static SecureRandom seededRandom() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[ID_BYTES]); // seeds it here
        return random;
    }

    /** Seeds the generator (reads the OS's entropy once): call it off the event loops. */
    static void warmUp() {
        Source.RANDOM.getAlgorithm();
    }

    static String newId() {
        return random(ID_BYTES);
    }

    static String newSecret() {
        return random(SECRET_BYTES);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        Source.RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Whether {@code id} is shaped like an id of {@link #newId()}. */
    static boolean isId(String id) {
        if (id == null || id.length() != 22) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
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
