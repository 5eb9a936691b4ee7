package io.antelopekit.session.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids and secrets from one DRBG seeded once (it reads the OS's entropy then, on the
 * thread that first uses it): afterwards it is CPU only, never a file read, as the JDK's default
 * {@code NativePRNG} is whenever its buffer is older than 100 ms. So ids are made on an event
 * loop without blocking, once {@link #warmUp()} ran off it. Shared by the ESR wallet's callback
 * registrations and the Spring sign-in. Not API.
 */
public final class RandomIds {

    /** Bytes of an id: 128 bits, 22 URL-safe base64 characters. */
    public static final int ID_BYTES = 16;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** Holds the shared generator, made (and seeded) on first use. */
    private static final class Source {
        static final SecureRandom RANDOM = seededRandom();
    }

    /**
     * A new DRBG, seeded now (reads the OS's entropy once, on the calling thread); the JDK's
     * default {@link SecureRandom} where no DRBG is available. Call it off the event loops.
     */
    public static SecureRandom seededRandom() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[ID_BYTES]); // seeds it here
        return random;
    }

    /** Seeds the shared generator (reads the OS's entropy once): call it off the event loops. */
    public static void warmUp() {
        Source.RANDOM.getAlgorithm();
    }

    /** A new id: {@link #ID_BYTES} random bytes, URL-safe base64 without padding. */
    public static String newId() {
        return random(ID_BYTES);
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        Source.RANDOM.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }

    /** Whether {@code id} is shaped like an id of {@link #newId()}: 22 URL-safe base64 characters. */
    public static boolean isId(String id) {
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
}
