package io.antelopekit.esr;

import io.antelopekit.internal.Quote;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.AntelopeException;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.transaction.TransactionHeader;
import java.util.List;
import java.util.Objects;

/**
 * Proof that an account logged in: the answer to a version 3 identity request, signed by one of
 * the account's keys. Its string form is the reference's {@code EOSIO <base64>} authorization
 * header.
 *
 * <p>The signature signs the {@link #signingDigest()} of the identity {@link #transaction()}
 * (chain id, scope, expiration, signer). Checking it means {@link #recoverKey()} and asking the
 * chain whether that key satisfies {@link #signer()}'s permission, before {@link #expiration()}.
 *
 * <pre>{@code
 * IdentityProof proof = IdentityProof.from(request.getHeader("Authorization"));
 * PublicKey key = proof.recoverKey();   // then check it against the account's permission
 * }</pre>
 */
public final class IdentityProof {

    private final Checksum256 chainId;
    private final Name scope;
    private final TimePointSec expiration;
    private final PermissionLevel signer;
    private final Signature signature;

    private IdentityProof(Checksum256 chainId, Name scope, TimePointSec expiration, PermissionLevel signer,
            Signature signature) {
        this.chainId = chainId;
        this.scope = scope;
        this.expiration = expiration;
        this.signer = signer;
        this.signature = signature;
    }

    /** A proof of these parts. */
    public static IdentityProof of(Checksum256 chainId, Name scope, TimePointSec expiration, PermissionLevel signer,
            Signature signature) {
        return new IdentityProof(Objects.requireNonNull(chainId, "chainId"), Objects.requireNonNull(scope, "scope"),
                Objects.requireNonNull(expiration, "expiration"), Objects.requireNonNull(signer, "signer"),
                Objects.requireNonNull(signature, "signature"));
    }

    /**
     * Parses {@code EOSIO <base64>}.
     *
     * @throws InvalidSigningRequestException if the string is not such a proof
     */
    public static IdentityProof from(String header) {
        Objects.requireNonNull(header, "header");
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equals("EOSIO") || header.indexOf(' ', space + 1) >= 0) {
            throw new InvalidSigningRequestException("identity proof " + Quote.of(header)
                    + " is not of the form \"EOSIO <base64>\"");
        }
        return from(Base64u.decode("identity proof %s", header, space + 1));
    }

    /** Reads the binary form (chain id, scope, expiration, signer, signature), every byte used. */
    public static IdentityProof from(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        BinaryReader in = new BinaryReader(bytes);
        try {
            Checksum256 chainId = Checksum256.decode(in);
            Name scope = Name.decode(in);
            TimePointSec expiration = TimePointSec.decode(in);
            PermissionLevel signer = PermissionLevel.decode(in);
            Signature signature = Signature.decode(in);
            in.expectEnd("identity proof");
            return new IdentityProof(chainId, scope, expiration, signer, signature);
        } catch (AntelopeException e) {
            throw new InvalidSigningRequestException("invalid identity proof (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    public Checksum256 chainId() {
        return chainId;
    }

    public Name scope() {
        return scope;
    }

    public TimePointSec expiration() {
        return expiration;
    }

    public PermissionLevel signer() {
        return signer;
    }

    public Signature signature() {
        return signature;
    }

    /** The identity transaction the signature signs. */
    public Transaction transaction() {
        BinaryWriter out = new BinaryWriter(25);
        scope.encode(out);
        out.writeBoolean(true);
        signer.encode(out);
        Action action = Action.of(Name.EMPTY, SigningRequest.IDENTITY, List.of(signer), Bytes.of(out.toByteArray()));
        return Transaction.of(new TransactionHeader(expiration, 0, 0, 0, 0, 0), action);
    }

    /** The digest the signature signs: the identity transaction's signing digest on {@link #chainId()}. */
    public Checksum256 signingDigest() {
        return transaction().signingDigest(chainId);
    }

    /**
     * The public key that made the signature.
     *
     * @throws InvalidSigningRequestException if no key can be recovered
     */
    public PublicKey recoverKey() {
        try {
            return signature.recover(signingDigest());
        } catch (InvalidValueException e) {
            throw new InvalidSigningRequestException("identity proof of " + signer + " does not recover a key: "
                    + e.getMessage(), e);
        }
    }

    /** The binary form. */
    public byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(128);
        chainId.encode(out);
        scope.encode(out);
        expiration.encode(out);
        signer.encode(out);
        signature.encode(out);
        return out.toByteArray();
    }

    /** {@code EOSIO <base64>}: the reference's authorization header form. */
    @Override
    public String toString() {
        return "EOSIO " + Base64u.encodeStandard(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityProof p && chainId.equals(p.chainId) && scope.equals(p.scope)
                && expiration.equals(p.expiration) && signer.equals(p.signer) && signature.equals(p.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, scope, expiration, signer, signature);
    }
}
