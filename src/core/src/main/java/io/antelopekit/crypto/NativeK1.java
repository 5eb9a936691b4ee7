package io.antelopekit.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * K1 on libsecp256k1, when ACINQ's JNI binding ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm},
 * an optional dependency) is on the class path and its native library loads on this platform:
 * public-key recovery ({@link #recover}) and the scalar multiplication R = k·G of signing
 * ({@link #multiplier()}). Without it, {@link #recover} answers {@code null},
 * {@link #multiplier()} {@code null}, and the callers use Bouncy Castle, with the same results.
 *
 * <p><b>Signing.</b> libsecp256k1's own {@code sign} cannot be used: its nonce function is not
 * the reference's. So {@link Ecdsa#sign} still derives every nonce k in Java (RFC 6979 with
 * the reference's personalization bytes, the canonical-signature loop), asks libsecp256k1 only
 * for R = k·G ({@code secp256k1_ec_pubkey_create} of k, constant-time) and computes r, s, the
 * low-S form and the recovery id itself with a few modular operations. The signatures are
 * byte for byte those of the Bouncy Castle path. The nonce is handed to the binding as a byte
 * array, which {@link Ecdsa#sign} wipes afterwards; the binding's own temporary copies in native
 * memory are outside this library's reach.
 *
 * <p><b>Self-check.</b> The first use loads the library and checks it: one known recovery and
 * known signatures ({@link #signsLikeBouncyCastle}) computed both ways. If either check fails,
 * or anything throws, the native paths are never used in this JVM.
 *
 * <p><b>Turning it off.</b> The system property {@value #PROPERTY} set to {@code false}
 * ({@code -Dantelopekit.crypto.native=false}) keeps K1 signing and recovery in pure Java (Bouncy
 * Castle) and the native library unloaded, even with the binding on the class path. It is read
 * once, when this class is first used.
 *
 * <p>Loading the library extracts a file: {@link #available()} does it once, and startup code
 * should call it (through {@link Signature#nativeRecovery()} or {@link PrivateKey#nativeSigning()})
 * before any event loop signs or recovers a K1 key.
 */
final class NativeK1 {

    /** The system property that, set to {@code false}, keeps K1 in pure Java. */
    static final String PROPERTY = "antelopekit.crypto.native";

    /** The self-check's key: the scalar 7, a public value and not a key anyone uses. */
    private static final byte[] CHECK_KEY = scalar(7);
    /**
     * The self-check's digests. With the key above, these cover a first attempt accepted, a
     * first attempt rejected for a non-canonical r, a high s flipped to low s, and both parities
     * of R's y (NativeK1SigningTest checks that they do).
     */
    private static final byte[][] CHECK_DIGESTS = {scalar(1), scalar(2), scalar(3), scalar(4)};

    private static final boolean AVAILABLE;
    private static final Ecdsa.GeneratorMultiplier MULTIPLIER;

    static {
        boolean available = false;
        Ecdsa.GeneratorMultiplier multiplier = null;
        if (enabled(System.getProperty(PROPERTY))) {
            try {
                Class.forName("fr.acinq.secp256k1.Secp256k1", false, NativeK1.class.getClassLoader());
                Ecdsa.GeneratorMultiplier candidate = Binding::multiplyG;
                if (Binding.recoversLikeBouncyCastle() && signsLikeBouncyCastle(candidate)) {
                    available = true;
                    multiplier = candidate;
                }
            } catch (Throwable e) {
                // not on the class path, or no native library for this platform: Bouncy Castle it is
            }
        }
        AVAILABLE = available;
        MULTIPLIER = multiplier;
    }

    private NativeK1() {
    }

    /** Whether a value of {@value #PROPERTY} allows the native library: anything but {@code false}. */
    static boolean enabled(String property) {
        return property == null || !property.trim().equalsIgnoreCase("false");
    }

    /** Whether K1 recovery and signing run natively; the first call loads the library. */
    static boolean available() {
        return AVAILABLE;
    }

    /** libsecp256k1's R = k·G for {@link Ecdsa#sign}, or {@code null} to use Bouncy Castle. */
    static Ecdsa.GeneratorMultiplier multiplier() {
        return MULTIPLIER;
    }

    /**
     * The compressed public key (33 bytes) of a K1 signature in the node's layout (header byte,
     * r, s), or {@code null} when the native path is not available or refuses the signature (the
     * caller then gets Bouncy Castle's precise reason).
     */
    static byte[] recover(byte[] sig, byte[] digest) {
        if (!AVAILABLE || sig.length != 65 || digest.length != 32) {
            return null;
        }
        int header = sig[0] & 0xFF;
        if (header < 27 || header > 34) {
            return null;
        }
        try {
            return Binding.recover(sig, digest, (header - 27) & 3);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The self-check of signing: whether {@code multiplier} gives, for a known key and the
     * check's digests, exactly the signatures of the Bouncy Castle path. The multiplier must
     * answer every nonce itself (a {@code null} or malformed point fails the check rather than
     * falling back to Bouncy Castle, which would prove nothing), and must not throw.
     */
    static boolean signsLikeBouncyCastle(Ecdsa.GeneratorMultiplier multiplier) {
        Ecdsa.GeneratorMultiplier strict = k -> {
            byte[] point = multiplier.multiply(k);
            if (point == null || point.length != 65 || point[0] != 4) {
                throw new IllegalStateException("no point");
            }
            return point;
        };
        BigInteger d = new BigInteger(1, CHECK_KEY);
        try {
            for (byte[] digest : CHECK_DIGESTS) {
                byte[] expected = Ecdsa.sign(Ecdsa.K1, d, CHECK_KEY, digest, null);
                if (!Arrays.equals(Ecdsa.sign(Ecdsa.K1, d, CHECK_KEY, digest, strict), expected)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] scalar(int value) {
        byte[] b = new byte[32];
        b[31] = (byte) value;
        return b;
    }

    /** The only class that names the binding's types: loaded only when they are present. */
    private static final class Binding {
        private static final fr.acinq.secp256k1.Secp256k1 LIB = fr.acinq.secp256k1.Secp256k1.get();

        static byte[] recover(byte[] sig, byte[] digest, int recId) {
            byte[] rs = Arrays.copyOfRange(sig, 1, 65);
            return LIB.pubKeyCompress(LIB.ecdsaRecover(rs, digest, recId));
        }

        /** k·G, uncompressed, or {@code null} if the library refuses (Bouncy Castle then computes it). */
        static byte[] multiplyG(byte[] k) {
            try {
                return LIB.pubkeyCreate(k);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** One known recovery, so a broken native library is never used. */
        static boolean recoversLikeBouncyCastle() {
            byte[] digest = scalar(1);
            byte[] sig = Ecdsa.sign(Ecdsa.K1, new BigInteger(1, CHECK_KEY), CHECK_KEY, digest, null);
            byte[] expected = Ecdsa.publicKey(Ecdsa.K1, new BigInteger(1, CHECK_KEY));
            return Arrays.equals(recover(sig, digest, ((sig[0] & 0xFF) - 27) & 3), expected);
        }
    }
}
