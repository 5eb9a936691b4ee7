package io.antelopekit.crypto;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.antelopekit.chain.Checksum256;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A K1 or R1 private key. Signs 32-byte digests exactly as the reference does (deterministic
 * RFC 6979 nonces, low S, and for K1 the canonical-signature loop), derives its public key and
 * ECDH shared secrets.
 *
 * <p>The secret never appears in {@link #toString()}, in exception messages or in JSON (Jackson
 * refuses to serialize it; it reads a key string, and a value that is not one fails with
 * {@link PrivateKeyJsonException}, which names the place and not the value); only
 * {@link #toWif()} and {@link #toSecretString()} reveal it.
 * {@link #destroy()} wipes the key bytes when the caller is done with them.
 *
 * <pre>{@code
 * PrivateKey key = PrivateKey.from("PVT_K1_...");
 * Signature sig = key.sign(digest);
 * key.toString();   // PrivateKey[K1, PUB_K1_...]
 * }</pre>
 */
@JsonSerialize(using = PrivateKeySerializer.class)
@JsonDeserialize(using = PrivateKeyDeserializer.class)
public final class PrivateKey {

    private static final int SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyType type;
    private final byte[] key;
    private volatile PublicKey publicKey;
    private volatile boolean destroyed;

    private PrivateKey(KeyType type, byte[] key) {
        this.type = type;
        this.key = key;
    }

    /**
     * Parses a legacy WIF key ({@code 5...}, K1) or a {@code PVT_K1_} / {@code PVT_R1_} key.
     *
     * @throws InvalidKeyException if the string is malformed, its checksum does not match or the
     *     scalar is out of range; the message describes the problem without repeating the input
     */
    public static PrivateKey from(String s) {
        Objects.requireNonNull(s, "s");
        if (s.startsWith("PVT_")) {
            int sep = s.indexOf('_', 4);
            if (sep < 0) {
                throw new InvalidKeyException("invalid private key (PVT_ form, " + s.length()
                        + " chars): expected PVT_<K1|R1>_<base58>");
            }
            KeyType type;
            try {
                type = KeyType.fromPrefix(s.substring(4, sep));
            } catch (InvalidKeyException e) {
                throw new InvalidKeyException("invalid private key (PVT_ form): " + e.getMessage());
            }
            if (type == KeyType.WA) {
                throw new InvalidKeyException("invalid private key (PVT_WA_ form): WebAuthn keys live in authenticators");
            }
            byte[] data;
            try {
                data = KeyStrings.decodeRipemd160(s, sep + 1, SIZE, type.prefix());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException("invalid private key (PVT_" + type + "_ form, " + s.length() + " chars): "
                        + e.getMessage());
            }
            return checked(type, data, "PVT_" + type + "_ form");
        }
        byte[] data;
        try {
            data = KeyStrings.decodeDoubleSha256(s, 0, -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("invalid private key (WIF form, " + s.length() + " chars): " + e.getMessage()
                    + "; expected a legacy WIF key or PVT_K1_/PVT_R1_");
        }
        boolean compressedFlag = data.length == SIZE + 2 && data[SIZE + 1] == 1;
        if (data[0] != (byte) 0x80 || (data.length != SIZE + 1 && !compressedFlag)) {
            Arrays.fill(data, (byte) 0);
            throw new InvalidKeyException("invalid private key (WIF form, " + s.length()
                    + " chars): expected version byte 0x80 and 32 key bytes");
        }
        byte[] raw = Arrays.copyOfRange(data, 1, SIZE + 1);
        Arrays.fill(data, (byte) 0);
        return checked(KeyType.K1, raw, "WIF form");
    }

    /**
     * A key from its 32 raw bytes (copied).
     *
     * @throws InvalidKeyException if the type is WA, the length is not 32 or the scalar is not in 1..n-1
     */
    public static PrivateKey of(KeyType type, byte[] raw) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raw, "raw");
        if (type == KeyType.WA) {
            throw new InvalidKeyException("WA private keys cannot be held: WebAuthn keys live in authenticators");
        }
        if (raw.length != SIZE) {
            throw new InvalidKeyException(type + " private key must be " + SIZE + " bytes, got " + raw.length);
        }
        return checked(type, raw.clone(), "raw bytes");
    }

    private static PrivateKey checked(KeyType type, byte[] raw, String form) {
        if (Ecdsa.scalar(Ecdsa.curve(type), raw) == null) {
            Arrays.fill(raw, (byte) 0);
            throw new InvalidKeyException("invalid " + type + " private key (" + form
                    + "): the scalar must be between 1 and the curve order minus 1");
        }
        return new PrivateKey(type, raw);
    }

    /** A new random key from {@link SecureRandom}. */
    public static PrivateKey generate(KeyType type) {
        Objects.requireNonNull(type, "type");
        if (type == KeyType.WA) {
            throw new IllegalArgumentException("WA keys cannot be generated here: WebAuthn keys live in authenticators");
        }
        Ecdsa.Curve c = Ecdsa.curve(type);
        byte[] raw = new byte[SIZE];
        do {
            RANDOM.nextBytes(raw);
        } while (Ecdsa.scalar(c, raw) == null);
        return new PrivateKey(type, raw);
    }

    public KeyType type() {
        return type;
    }

    /** The public key (computed once). */
    public PublicKey toPublic() {
        PublicKey p = publicKey;
        if (p == null) {
            Ecdsa.Curve c = Ecdsa.curve(type);
            p = PublicKey.of(type, Ecdsa.publicKey(c, scalar()));
            publicKey = p;
        }
        return p;
    }

    /**
     * Signs a 32-byte digest. Deterministic: the same key and digest always give the same
     * signature, byte-for-byte the reference's.
     *
     * <p>K1 keys compute the nonce's point on libsecp256k1 when {@link #nativeSigning()} is true
     * (several times faster), otherwise on Bouncy Castle; the signature is the same either way.
     * The nonce bytes and the signer's intermediate secret buffers are wiped before this returns;
     * the {@link BigInteger} values derived from the key and the nonce cannot be wiped and stay in
     * the heap until the garbage collector reuses their memory.
     *
     * @throws IllegalArgumentException if the digest is not 32 bytes
     * @throws IllegalStateException if the key was destroyed
     */
    public Signature sign(byte[] digest) {
        Signature.checkDigest(digest);
        BigInteger d = scalar();
        byte[] sig = Ecdsa.sign(Ecdsa.curve(type), d, key, digest);
        if (destroyed) {
            throw destroyedError();
        }
        return Signature.compact(type, sig);
    }

    /**
     * Whether K1 signing computes the nonce's point R = k·G on libsecp256k1: true when ACINQ's
     * binding ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}, an optional dependency of this
     * library) is on the class path, its native library loads here, it passes a self-check
     * against the Bouncy Castle path, and the system property {@code antelopekit.crypto.native}
     * is not {@code false}. Either way the signatures are byte-for-byte the reference's: the
     * nonce is always derived in Java, as the reference derives it (libsecp256k1's own nonce
     * function differs). The first call loads the library (it extracts a file): call it from
     * startup code, not from an event loop. Same answer as {@link Signature#nativeRecovery()}.
     */
    public static boolean nativeSigning() {
        return NativeK1.multiplier() != null;
    }

    /**
     * Signs a digest; see {@link #sign(byte[])}.
     *
     * @throws IllegalStateException if the key was destroyed
     */
    public Signature signDigest(Checksum256 digest) {
        Objects.requireNonNull(digest, "digest");
        return sign(digest.bytes());
    }

    /**
     * The ECDH secret shared with {@code other}: SHA-512 of the x coordinate of the shared
     * point (as minimal big-endian bytes, like the reference), 64 bytes. Used to encrypt
     * messages between a dApp and a wallet.
     *
     * @throws InvalidKeyException if the other key is of another curve or not a curve point
     */
    public byte[] sharedSecret(PublicKey other) {
        Objects.requireNonNull(other, "other");
        KeyType otherCurve = other.type() == KeyType.WA ? KeyType.R1 : other.type();
        if (otherCurve != type) {
            throw new InvalidKeyException("cannot derive a shared secret between a " + type + " private key and "
                    + other.type() + " public key " + other);
        }
        ECPoint q = other.point();
        if (q == null) {
            throw new InvalidKeyException("public key " + other + " is not a point of the " + type + " curve");
        }
        return Ecdsa.sharedSecret(Ecdsa.curve(type), scalar(), q);
    }

    /**
     * The legacy WIF form ({@code 5...}). Reveals the secret.
     *
     * @throws IllegalStateException if this is not a K1 key or it was destroyed
     */
    public String toWif() {
        if (type != KeyType.K1) {
            throw new IllegalStateException("only K1 keys have a WIF form, this key is " + type);
        }
        byte[] buf = new byte[SIZE + 1];
        buf[0] = (byte) 0x80;
        System.arraycopy(liveKey(), 0, buf, 1, SIZE);
        try {
            return KeyStrings.encodeDoubleSha256(buf);
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /**
     * The {@code PVT_K1_...} / {@code PVT_R1_...} form. Reveals the secret.
     *
     * @throws IllegalStateException if the key was destroyed
     */
    public String toSecretString() {
        return "PVT_" + type.prefix() + "_" + KeyStrings.encodeRipemd160(liveKey(), type.prefix());
    }

    /**
     * Overwrites the key bytes with zeros. The public key stays known (it is computed first);
     * signing, ECDH and the secret forms then throw {@link IllegalStateException}.
     */
    public void destroy() {
        if (!destroyed) {
            toPublic();
            destroyed = true;
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    private byte[] liveKey() {
        if (destroyed) {
            throw destroyedError();
        }
        return key;
    }

    private BigInteger scalar() {
        return new BigInteger(1, liveKey());
    }

    private IllegalStateException destroyedError() {
        return new IllegalStateException("private key " + this + " was destroyed");
    }

    /** {@code PrivateKey[K1, PUB_K1_...]}: the type and public key, never the secret. */
    @Override
    public String toString() {
        PublicKey p = publicKey;
        if (p == null && !destroyed) {
            p = toPublic();
        }
        return "PrivateKey[" + type + ", " + p + (destroyed ? ", destroyed" : "") + "]";
    }

    /** Keys are equal when they have the same type and public key (and so the same secret). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey && ((PrivateKey) o).type == type && ((PrivateKey) o).toPublic().equals(toPublic());
    }

    @Override
    public int hashCode() {
        return toPublic().hashCode();
    }
}
