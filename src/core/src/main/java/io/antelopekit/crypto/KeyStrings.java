package io.antelopekit.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Base58 bodies with their checksums: RIPEMD-160 of the data followed by the type tag for the
 * {@code PUB_/PVT_/SIG_} forms (no tag for legacy public keys), and double SHA-256 for WIF.
 * Failures are reported as {@link IllegalArgumentException} with a reason that never repeats
 * the input; callers wrap them in their typed exception.
 */
final class KeyStrings {

    private KeyStrings() {
    }

    static byte[] ripemd160Checksum(byte[] data, int off, int len, String suffix) {
        RIPEMD160Digest d = new RIPEMD160Digest();
        d.update(data, off, len);
        if (suffix != null) {
            byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
            d.update(s, 0, s.length);
        }
        byte[] out = new byte[20];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] doubleSha256Checksum(byte[] data, int off, int len) {
        SHA256Digest d = new SHA256Digest();
        byte[] h = new byte[32];
        d.update(data, off, len);
        d.doFinal(h, 0);
        d.update(h, 0, 32);
        d.doFinal(h, 0);
        return h;
    }

    /** {@code base58(data || ripemd160(data || suffix)[0..4])}. */
    static String encodeRipemd160(byte[] data, String suffix) {
        byte[] buf = new byte[data.length + 4];
        System.arraycopy(data, 0, buf, 0, data.length);
        byte[] cs = ripemd160Checksum(data, 0, data.length, suffix);
        System.arraycopy(cs, 0, buf, data.length, 4);
        return Base58.encode(buf);
    }

    /** {@code base58(data || sha256(sha256(data))[0..4])}. */
    static String encodeDoubleSha256(byte[] data) {
        byte[] buf = new byte[data.length + 4];
        System.arraycopy(data, 0, buf, 0, data.length);
        byte[] cs = doubleSha256Checksum(data, 0, data.length);
        System.arraycopy(cs, 0, buf, data.length, 4);
        return Base58.encode(buf);
    }

    /**
     * Decodes the base58 text from {@code from} and checks its RIPEMD-160 checksum.
     *
     * @param size the expected data length, or -1 for any length of at least one byte
     * @return the data without its checksum
     */
    static byte[] decodeRipemd160(String s, int from, int size, String suffix) {
        byte[] all = decodeSized(s, from, size);
        int n = all.length - 4;
        byte[] cs = ripemd160Checksum(all, 0, n, suffix);
        checkEqual(all, n, cs);
        return java.util.Arrays.copyOf(all, n);
    }

    /** Like {@link #decodeRipemd160} with a double SHA-256 checksum (WIF). */
    static byte[] decodeDoubleSha256(String s, int from, int size) {
        byte[] all = decodeSized(s, from, size);
        int n = all.length - 4;
        byte[] cs = doubleSha256Checksum(all, 0, n);
        checkEqual(all, n, cs);
        return java.util.Arrays.copyOf(all, n);
    }

    private static byte[] decodeSized(String s, int from, int size) {
        if (from >= s.length()) {
            throw new IllegalArgumentException("no base58 data");
        }
        byte[] all = Base58.decode(s, from);
        if (size >= 0 && all.length != size + 4) {
            throw new IllegalArgumentException("decodes to " + all.length + " bytes, expected " + (size + 4)
                    + " (" + size + " bytes of data and a 4-byte checksum)");
        }
        if (all.length < 5) {
            throw new IllegalArgumentException("decodes to " + all.length + " bytes, too short for data and a 4-byte checksum");
        }
        return all;
    }

    private static void checkEqual(byte[] all, int n, byte[] cs) {
        int diff = 0;
        for (int i = 0; i < 4; i++) {
            diff |= all[n + i] ^ cs[i];
        }
        if (diff != 0) {
            throw new IllegalArgumentException("checksum mismatch");
        }
    }
}
