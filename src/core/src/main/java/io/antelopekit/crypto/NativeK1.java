package io.antelopekit.crypto;

/**
 * K1 public-key recovery through libsecp256k1, when ACINQ's JNI binding
 * ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}, an optional dependency) is on the class path
 * and its native library loads on this platform; otherwise {@link #recover} answers {@code null}
 * and the caller uses Bouncy Castle. Loading the library extracts a file: {@link #available()}
 * does it once, and startup code should call it before any event loop recovers a key.
 */
final class NativeK1 {

    private static final boolean AVAILABLE = load();

    private NativeK1() {
    }

    private static boolean load() {
        try {
            Class.forName("fr.acinq.secp256k1.Secp256k1", false, NativeK1.class.getClassLoader());
            return Binding.selfTest();
        } catch (Throwable e) {
            // not on the class path, or no native library for this platform: Bouncy Castle it is
            return false;
        }
    }

    /** Whether recovery runs natively; the first call loads the library. */
    static boolean available() {
        return AVAILABLE;
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

    /** The only class that names the binding's types: loaded only when they are present. */
    private static final class Binding {
        private static final fr.acinq.secp256k1.Secp256k1 LIB = fr.acinq.secp256k1.Secp256k1.get();

        static byte[] recover(byte[] sig, byte[] digest, int recId) {
            byte[] rs = java.util.Arrays.copyOfRange(sig, 1, 65);
            return LIB.pubKeyCompress(LIB.ecdsaRecover(rs, digest, recId));
        }

        /** One known recovery, so a broken native library is never used. */
        static boolean selfTest() {
            // the scalar 7: a public value, not a key anyone uses
            byte[] scalar = new byte[32];
            scalar[31] = 7;
            PrivateKey key = PrivateKey.of(KeyType.K1, scalar);
            byte[] digest = new byte[32];
            digest[31] = 1;
            Signature sig = key.signDigest(io.antelopekit.chain.Checksum256.of(digest));
            return java.util.Arrays.equals(recover(sig.data(), digest, ((sig.data()[0] & 0xFF) - 27) & 3),
                    key.toPublic().data());
        }
    }
}
