package io.antelopekit.crypto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.antelopekit.chain.BinaryEncodable;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.DecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An Antelope public key: K1 (secp256k1), R1 (P-256) or WA (a P-256 WebAuthn key bound to a
 * relying party).
 *
 * <p>Parses {@code PUB_K1_}, {@code PUB_R1_}, {@code PUB_WA_} and the legacy form with any
 * prefix of capital letters ({@code EOS...}, {@code TLOS...}); the RIPEMD-160 checksum must
 * match. Formats as {@code PUB_<type>_...}; JSON uses that string. The bytes are kept as given:
 * a key that is not a curve point (such as the all-zero "null key" {@code EOS1111111111111111111111111111111114T1Anm})
 * parses, formats and encodes, and simply verifies nothing.
 *
 * <pre>{@code
 * PublicKey key = PublicKey.from("EOS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV");
 * key.toString();         // PUB_K1_6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5BoDq63
 * key.toLegacyString();   // EOS6MRy...
 * key.verify(digest, signature);
 * }</pre>
 */
public final class PublicKey implements BinaryEncodable, Comparable<PublicKey> {

    private static final int POINT_SIZE = 33;

    private final KeyType type;
    /** K1/R1: the compressed point. WA: point, user presence byte, rpid as a string. */
    private final byte[] data;
    private final int userPresence;
    private final String rpid;
    private volatile ECPoint point;
    private volatile boolean pointChecked;
    private volatile String string;

    private PublicKey(KeyType type, byte[] data, int userPresence, String rpid) {
        this.type = type;
        this.data = data;
        this.userPresence = userPresence;
        this.rpid = rpid;
    }

    /**
     * Parses any string form of a public key.
     *
     * @throws InvalidKeyException if the string is not a public key or its checksum does not match
     */
    @JsonCreator
    public static PublicKey from(String s) {
        Objects.requireNonNull(s, "s");
        if (s.startsWith("PUB_")) {
            int sep = s.indexOf('_', 4);
            if (sep < 0) {
                throw new InvalidKeyException("invalid public key \"" + s + "\": expected PUB_<K1|R1|WA>_<base58>");
            }
            KeyType type;
            try {
                type = KeyType.fromPrefix(s.substring(4, sep));
            } catch (InvalidKeyException e) {
                throw new InvalidKeyException("invalid public key \"" + s + "\": " + e.getMessage(), e);
            }
            byte[] data;
            try {
                data = KeyStrings.decodeRipemd160(s, sep + 1, type == KeyType.WA ? -1 : POINT_SIZE, type.prefix());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException("invalid public key \"" + s + "\": " + e.getMessage(), e);
            }
            return type == KeyType.WA ? parseWebAuthn(data, s) : new PublicKey(type, data, 0, null);
        }
        int run = 0;
        while (run < s.length() && s.charAt(run) >= 'A' && s.charAt(run) <= 'Z') {
            run++;
        }
        if (run == 0 || run == s.length()) {
            throw new InvalidKeyException("invalid public key \"" + s
                    + "\": expected PUB_K1_, PUB_R1_, PUB_WA_ or a legacy form such as EOS...");
        }
        IllegalArgumentException first = null;
        // The prefix is the run of capitals; shorter splits only matter if the base58 body itself starts with one.
        for (int split = run; split >= 1; split--) {
            try {
                return new PublicKey(KeyType.K1, KeyStrings.decodeRipemd160(s, split, POINT_SIZE, null), 0, null);
            } catch (IllegalArgumentException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new InvalidKeyException("invalid legacy public key \"" + s + "\": " + first.getMessage(), first);
    }

    /**
     * A key of the given type from its {@link #data()} bytes.
     *
     * @throws InvalidKeyException if the bytes do not have that type's layout
     */
    public static PublicKey of(KeyType type, byte[] data) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (type == KeyType.WA) {
            return parseWebAuthn(data.clone(), null);
        }
        if (data.length != POINT_SIZE) {
            throw new InvalidKeyException(type + " public key data must be " + POINT_SIZE + " bytes, got " + data.length);
        }
        return new PublicKey(type, data.clone(), 0, null);
    }

    /**
     * A WebAuthn key: the credential's compressed P-256 point, the user presence it requires
     * (0 none, 1 present, 2 verified) and the relying party id (a host name).
     *
     * @throws InvalidKeyException if the point is not 33 bytes, the presence is not a byte or the rpid is empty
     */
    public static PublicKey webAuthn(byte[] compressedPoint, int userPresence, String rpid) {
        Objects.requireNonNull(compressedPoint, "compressedPoint");
        Objects.requireNonNull(rpid, "rpid");
        if (compressedPoint.length != POINT_SIZE) {
            throw new InvalidKeyException("WA public key point must be " + POINT_SIZE + " bytes, got " + compressedPoint.length);
        }
        if (userPresence < 0 || userPresence > 255) {
            throw new InvalidKeyException("WA user presence must be 0..255, got " + userPresence);
        }
        if (rpid.isEmpty()) {
            throw new InvalidKeyException("WA public key must have a non-empty rpid");
        }
        BinaryWriter w = new BinaryWriter(POINT_SIZE + 2 + rpid.length());
        w.writeBytes(compressedPoint).writeByte(userPresence).writeString(rpid);
        return new PublicKey(KeyType.WA, w.toByteArray(), userPresence, rpid);
    }

    private static PublicKey parseWebAuthn(byte[] data, String source) {
        String where = source == null ? "WA public key data" : "public key \"" + source + "\"";
        try {
            BinaryReader r = new BinaryReader(data);
            r.skip(POINT_SIZE);
            int presence = r.readUInt8();
            String rpid = r.readString();
            r.expectEnd(where);
            if (rpid.isEmpty()) {
                throw new InvalidKeyException("invalid " + where + ": WA key has an empty rpid");
            }
            return new PublicKey(KeyType.WA, data, presence, rpid);
        } catch (DecodingException e) {
            throw new InvalidKeyException("invalid " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key in the node's binary form: a varuint32 type index, then 33 bytes (K1, R1) or
     * point, user presence byte and rpid string (WA).
     *
     * @throws DecodingException if the bytes are truncated or the type is unknown
     */
    public static PublicKey decode(BinaryReader in) {
        int at = in.position();
        long index = in.readVarUInt32();
        if (index > 2) {
            throw new DecodingException("public key at offset " + at + " has unknown type index " + index);
        }
        KeyType type = KeyType.fromIndex(index);
        if (type != KeyType.WA) {
            return new PublicKey(type, in.readBytes(POINT_SIZE), 0, null);
        }
        int start = in.position();
        byte[] point = in.readBytes(POINT_SIZE);
        int presence = in.readUInt8();
        String rpid = in.readString();
        if (rpid.isEmpty()) {
            throw new DecodingException("WA public key at offset " + start + " has an empty rpid");
        }
        BinaryWriter w = new BinaryWriter(in.position() - start);
        w.writeBytes(point).writeByte(presence).writeString(rpid);
        return new PublicKey(type, w.toByteArray(), presence, rpid);
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
     * The key's bytes after the type index: the 33-byte compressed point for K1 and R1; point,
     * user presence and length-prefixed rpid for WA. A copy.
     */
    public byte[] data() {
        return data.clone();
    }

    /** The WebAuthn relying party id, or {@code null} for K1 and R1 keys. */
    String rpid() {
        return rpid;
    }

    /** The WebAuthn user presence (0 none, 1 present, 2 verified); 0 for K1 and R1 keys. */
    int userPresence() {
        return userPresence;
    }

    /** The compressed point (shared array: do not modify). */
    byte[] pointBytes() {
        return type == KeyType.WA ? Arrays.copyOf(data, POINT_SIZE) : data;
    }

    /** The decoded curve point, or {@code null} if the bytes are not a point of the key's curve. */
    ECPoint point() {
        if (!pointChecked) {
            point = Ecdsa.decodePoint(Ecdsa.curve(type), pointBytes());
            pointChecked = true;
        }
        return point;
    }

    /**
     * Whether {@code signature} is a valid signature of {@code digest} by this key.
     *
     * @param digest the 32-byte digest that was signed
     * @return {@code false} also when the key or signature types differ
     */
    public boolean verify(byte[] digest, Signature signature) {
        Objects.requireNonNull(signature, "signature");
        return signature.verify(digest, this);
    }

    /** {@link #verify(byte[], Signature)} of a {@link Checksum256} digest. */
    public boolean verify(Checksum256 digest, Signature signature) {
        Objects.requireNonNull(digest, "digest");
        return verify(digest.bytes(), signature);
    }

    /**
     * The legacy {@code EOS...} form.
     *
     * @throws IllegalStateException if this is not a K1 key
     */
    public String toLegacyString() {
        return toLegacyString("EOS");
    }

    /**
     * The legacy form with another chain's prefix, such as {@code "TLOS"}.
     *
     * @param prefix capital letters A-Z
     * @throws IllegalStateException if this is not a K1 key
     */
    public String toLegacyString(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("prefix must be capital letters A-Z, got \"" + prefix + "\"");
        }
        if (type != KeyType.K1) {
            throw new IllegalStateException("only K1 keys have a legacy form, this key is " + type);
        }
        return prefix + KeyStrings.encodeRipemd160(data, null);
    }

    /** The {@code PUB_<type>_<base58>} form. */
    @JsonValue
    @Override
    public String toString() {
        String s = string;
        if (s == null) {
            s = "PUB_" + type.prefix() + "_" + KeyStrings.encodeRipemd160(data, type.prefix());
            string = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey && ((PublicKey) o).type == type && Arrays.equals(((PublicKey) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    /**
     * The node's order: by type index, then point bytes, then (WA) user presence and rpid.
     */
    @Override
    public int compareTo(PublicKey o) {
        int c = Integer.compare(type.index(), o.type.index());
        if (c != 0) {
            return c;
        }
        c = Arrays.compareUnsigned(data, 0, POINT_SIZE, o.data, 0, POINT_SIZE);
        if (c != 0 || type != KeyType.WA) {
            return c;
        }
        c = Integer.compare(userPresence, o.userPresence);
        if (c != 0) {
            return c;
        }
        return Arrays.compareUnsigned(rpid.getBytes(StandardCharsets.UTF_8), o.rpid.getBytes(StandardCharsets.UTF_8));
    }
}
