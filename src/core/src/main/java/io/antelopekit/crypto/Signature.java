package io.antelopekit.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.DecodingException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An Antelope signature: K1 or R1 (a recovery header byte, r and s), or WA (that compact
 * signature plus the authenticator data and client data JSON of a WebAuthn assertion).
 *
 * <p>Parses and formats {@code SIG_K1_}, {@code SIG_R1_} and {@code SIG_WA_} strings (the
 * RIPEMD-160 checksum must match); JSON uses the string. The public key that made a signature
 * can be {@link #recover recovered} from it and the digest, as a node does.
 *
 * <pre>{@code
 * Signature sig = privateKey.sign(digest);
 * PublicKey signer = sig.recover(digest);
 * boolean ok = sig.verify(digest, signer);
 * }</pre>
 */
public final class Signature implements BinaryEncodable {

    private static final int COMPACT_SIZE = 65;

    private final KeyType type;
    /** K1/R1: header, r, s. WA: those 65 bytes, then auth_data and client_json, each length-prefixed. */
    private final byte[] data;
    private final byte[] authData;
    private final String clientJson;
    private volatile String string;

    private Signature(KeyType type, byte[] data, byte[] authData, String clientJson) {
        this.type = type;
        this.data = data;
        this.authData = authData;
        this.clientJson = clientJson;
    }

    /** A K1 or R1 signature over its 65 bytes (not copied). */
    static Signature compact(KeyType type, byte[] data65) {
        return new Signature(type, data65, null, null);
    }

    /**
     * Parses a {@code SIG_<type>_<base58>} string.
     *
     * @throws InvalidSignatureException if the string is malformed or its checksum does not match
     */
    @JsonCreator
    public static Signature from(String s) {
        Objects.requireNonNull(s, "s");
        int sep = s.startsWith("SIG_") ? s.indexOf('_', 4) : -1;
        if (sep < 0) {
            throw new InvalidSignatureException("invalid signature \"" + s + "\": expected SIG_<K1|R1|WA>_<base58>");
        }
        KeyType type;
        try {
            type = KeyType.fromPrefix(s.substring(4, sep));
        } catch (InvalidKeyException e) {
            throw new InvalidSignatureException("invalid signature \"" + s + "\": " + e.getMessage(), e);
        }
        byte[] data;
        try {
            data = KeyStrings.decodeRipemd160(s, sep + 1, type == KeyType.WA ? -1 : COMPACT_SIZE, type.prefix());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("invalid signature \"" + s + "\": " + e.getMessage(), e);
        }
        return type == KeyType.WA ? parseWebAuthn(data, "signature \"" + s + "\"") : new Signature(type, data, null, null);
    }

    /**
     * A signature of the given type from its {@link #data()} bytes.
     *
     * @throws InvalidSignatureException if the bytes do not have that type's layout
     */
    public static Signature of(KeyType type, byte[] data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (type == KeyType.WA) {
            return parseWebAuthn(data.clone(), "WA signature data");
        }
        if (data.length != COMPACT_SIZE) {
            throw new InvalidSignatureException(type + " signature data must be " + COMPACT_SIZE + " bytes, got " + data.length);
        }
        return new Signature(type, data.clone(), null, null);
    }

    /**
     * A WebAuthn signature from an assertion: the compact P-256 signature (recovery header
     * {@code 31 + recid}, r, s), the authenticator data and the client data JSON.
     *
     * @throws InvalidSignatureException if the compact signature is not 65 bytes
     */
    public static Signature webAuthn(byte[] compactSignature, byte[] authData, String clientJson) {
        Objects.requireNonNull(compactSignature, "compactSignature");
        Objects.requireNonNull(authData, "authData");
        Objects.requireNonNull(clientJson, "clientJson");
        if (compactSignature.length != COMPACT_SIZE) {
            throw new InvalidSignatureException("WA compact signature must be " + COMPACT_SIZE + " bytes, got "
                    + compactSignature.length);
        }
        BinaryWriter w = new BinaryWriter(COMPACT_SIZE + authData.length + clientJson.length() + 10);
        w.writeBytes(compactSignature).writeBytesWithLength(authData).writeString(clientJson);
        return new Signature(KeyType.WA, w.toByteArray(), authData.clone(), clientJson);
    }

    private static Signature parseWebAuthn(byte[] data, String where) {
        try {
            BinaryReader r = new BinaryReader(data);
            r.skip(COMPACT_SIZE);
            byte[] auth = r.readBytesWithLength();
            String json = r.readString();
            r.expectEnd(where);
            return new Signature(KeyType.WA, data, auth, json);
        } catch (DecodingException e) {
            throw new InvalidSignatureException("invalid " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a signature in the node's binary form: a varuint32 type index, then 65 bytes (K1,
     * R1) or 65 bytes, auth_data bytes and client_json string (WA).
     *
     * @throws DecodingException if the bytes are truncated or the type is unknown
     */
    public static Signature decode(BinaryReader in) {
        int at = in.position();
        long index = in.readVarUInt32();
        if (index > 2) {
            throw new DecodingException("signature at offset " + at + " has unknown type index " + index);
        }
        KeyType type = KeyType.fromIndex(index);
        if (type != KeyType.WA) {
            return new Signature(type, in.readBytes(COMPACT_SIZE), null, null);
        }
        byte[] compact = in.readBytes(COMPACT_SIZE);
        byte[] auth = in.readBytesWithLength();
        String json = in.readString();
        return webAuthn(compact, auth, json);
    }

    @Override
    public void encode(BinaryWriter out) {
        out.writeVarUInt32(type.index());
        out.writeBytes(data);
    }

    public KeyType type() {
        return type;
    }

    /**
     * The bytes after the type index: header, r, s (65 bytes) for K1 and R1; for WA those
     * followed by the length-prefixed auth_data and client_json. A copy.
     */
    public byte[] data() {
        return data.clone();
    }

    /**
     * The public key that made this signature of {@code digest}, found as a node finds it. For
     * WA the client JSON must be a {@code webauthn.get} assertion whose challenge is the digest
     * and whose origin's host hashes to the start of the authenticator data; the key returned
     * carries that host as rpid and the user presence the flags claim.
     *
     * @param digest the 32-byte digest that was signed
     * @throws InvalidSignatureException if no key can be recovered
     */
    public PublicKey recover(byte[] digest) {
        checkDigest(digest);
        if (type == KeyType.WA) {
            return WebAuthn.recover(this, digest);
        }
        if (type == KeyType.K1) {
            byte[] fast = NativeK1.recover(data, digest);
            if (fast != null) {
                return PublicKey.of(KeyType.K1, fast);
            }
        }
        String[] why = new String[1];
        ECPoint q = Ecdsa.recover(Ecdsa.curve(type), data, 0, digest, 27, why);
        if (q == null) {
            throw new InvalidSignatureException("cannot recover a public key from " + this + ": " + why[0]);
        }
        return PublicKey.of(type, q.getEncoded(true));
    }

    /**
     * Whether this is a valid signature of {@code digest} by {@code key}. K1 and R1 accept
     * high-S signatures, like the reference's verification; WA compares the recovered key
     * (point, user presence and rpid) with {@code key}, like a node.
     *
     * @param digest the 32-byte digest that was signed
     * @return {@code false} if the types differ or the key is not a curve point
     */
    public boolean verify(byte[] digest, PublicKey key) {
        checkDigest(digest);
        Objects.requireNonNull(key, "key");
        if (key.type() != type) {
            return false;
        }
        if (type == KeyType.WA) {
            try {
                return WebAuthn.recover(this, digest).equals(key);
            } catch (InvalidSignatureException e) {
                return false;
            }
        }
        ECPoint q = key.point();
        return q != null && Ecdsa.verify(Ecdsa.curve(type), data, 0, digest, q);
    }

    /**
     * Whether K1 recovery runs on libsecp256k1: true when ACINQ's binding
     * ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm}, an optional dependency of this library)
     * is on the class path, its native library loads here and passes its self-check, and the
     * system property {@code antelopekit.crypto.native} is not {@code false}; otherwise Bouncy
     * Castle recovers, with the same results. The first call loads the library (it extracts a
     * file): call it from startup code, not from an event loop. K1 signing uses the library on
     * the same terms ({@link PrivateKey#nativeSigning()}).
     */
    public static boolean nativeRecovery() {
        return NativeK1.available();
    }

    /** {@link #recover(byte[])} of a {@link Checksum256} digest. */
    public PublicKey recover(Checksum256 digest) {
        Objects.requireNonNull(digest, "digest");
        return recover(digest.bytes());
    }

    /** {@link #verify(byte[], PublicKey)} of a {@link Checksum256} digest. */
    public boolean verify(Checksum256 digest, PublicKey key) {
        Objects.requireNonNull(digest, "digest");
        return verify(digest.bytes(), key);
    }

    static void checkDigest(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
        }
    }

    /** The raw bytes (shared: do not modify). */
    byte[] rawData() {
        return data;
    }

    /** WA only: the authenticator data (shared: do not modify). */
    byte[] authData() {
        return authData;
    }

    /** WA only: the client data JSON. */
    String clientJson() {
        return clientJson;
    }

    /** The {@code SIG_<type>_<base58>} form. */
    @JsonValue
    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = "SIG_" + type.prefix() + "_" + KeyStrings.encodeRipemd160(data, type.prefix());
            string = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature && ((Signature) o).type == type && Arrays.equals(((Signature) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }
}
