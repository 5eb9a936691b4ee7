package io.antelopekit.crypto;

/**
 * The curve (and, for {@link #WA}, the WebAuthn envelope) of a key or signature, with the index
 * a node writes in binary form and the tag it writes in string form ({@code PUB_K1_...}).
 *
 * <pre>{@code
 * KeyType.fromIndex(1);   // R1
 * KeyType.K1.prefix();    // "K1"
 * }</pre>
 */
public enum KeyType {
    /** secp256k1, the classic EOSIO key. */
    K1(0),
    /** secp256r1 (NIST P-256). */
    R1(1),
    /** WebAuthn: a P-256 key bound to a relying party, signatures carry authenticator data. */
    WA(2);

    private static final KeyType[] BY_INDEX = values();

    private final int index;

    KeyType(int index) {
        this.index = index;
    }

    /** The index of this type in the binary form (a varuint32 before the key or signature data). */
    public int index() {
        return index;
    }

    /** The tag in the string forms: {@code "K1"}, {@code "R1"} or {@code "WA"}. */
    public String prefix() {
        return name();
    }

    /**
     * The type with the given binary index.
     *
     * @throws InvalidKeyException if no type has that index
     */
    public static KeyType fromIndex(long index) {
        if (index < 0 || index >= BY_INDEX.length) {
            throw new InvalidKeyException("unknown key type index " + index + ", expected 0 (K1), 1 (R1) or 2 (WA)");
        }
        return BY_INDEX[(int) index];
    }

    /**
     * The type with the given tag ({@code "K1"}, {@code "R1"}, {@code "WA"}).
     *
     * @throws InvalidKeyException for any other string
     */
    public static KeyType fromPrefix(String prefix) {
        switch (prefix) {
            case "K1":
                return K1;
            case "R1":
                return R1;
            case "WA":
                return WA;
            default:
                throw new InvalidKeyException("unknown key type \"" + prefix + "\", expected K1, R1 or WA");
        }
    }
}
