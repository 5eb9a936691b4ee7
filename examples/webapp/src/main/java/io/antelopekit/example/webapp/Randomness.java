package io.antelopekit.example.webapp;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A {@code SecureRandom} for code on event loops: a DRBG seeded once, when made (at startup),
 * then CPU only. The JDK's default on Linux ({@code NativePRNG}) reads {@code /dev/urandom} on
 * many calls: file I/O, which has no place on a Netty thread.
 */
final class Randomness {

    private Randomness() {
    }

    /** A new seeded DRBG (the default {@code SecureRandom} where the JDK has none). */
    static SecureRandom seededDrbg() {
        SecureRandom r;
        try {
            r = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            r = new SecureRandom();
        }
        r.nextBytes(new byte[16]); // seeds it now, on the calling (startup) thread
        return r;
    }
}
