package io.antelopekit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** Validation and hashing shared by the fixed-size byte values (the checksums). */
final class FixedBytes {

    private FixedBytes() {
    }

    /** Parses exactly {@code size * 2} hex digits of the ABI type {@code type}. */
    static byte[] parseHex(String type, String hex, int size) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != size * 2) {
            throw new InvalidValueException(type + " " + Quote.of(hex) + " has " + hex.length()
                    + " hex digits, expected " + size * 2);
        }
        return Hex.decode(type, hex);
    }

    /** A copy of {@code bytes}, which must be exactly {@code size} long. */
    static byte[] copyOf(String type, byte[] bytes, int size) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != size) {
            throw new InvalidValueException(type + " needs " + size + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** One reusable {@link MessageDigest} per thread for a JDK algorithm name. */
    static ThreadLocal<MessageDigest> perThread(String algorithm) {
        return ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is not available", e);
            }
        });
    }
}
