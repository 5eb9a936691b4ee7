package io.antelopekit.esr;

import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SigningRequest} resolved for a signer: the transaction to sign (placeholders replaced,
 * TAPoS values filled in), the chain it is for, its signing digest and id, and, once signed, the
 * callback to send.
 *
 * <pre>{@code
 * ResolvedSigningRequest resolved = request.resolve(abis, signer, ctx);
 * Signature sig = key.signDigest(resolved.signingDigest());
 * Optional<ResolvedCallback> cb = resolved.callback(List.of(sig), null);
 * }</pre>
 */
public final class ResolvedSigningRequest {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([a-z0-9]+)\\}\\}");

    private final SigningRequest request;
    private final PermissionLevel signer;
    private final Transaction transaction;
    private final Checksum256 chainId;
    private volatile Checksum256 signingDigest;

    ResolvedSigningRequest(SigningRequest request, PermissionLevel signer, Transaction transaction,
            Checksum256 chainId) {
        this.request = request;
        this.signer = signer;
        this.transaction = transaction;
        this.chainId = chainId;
    }

    /** The request that was resolved. */
    public SigningRequest request() {
        return request;
    }

    /** The signer it was resolved for. */
    public PermissionLevel signer() {
        return signer;
    }

    /** The chain the transaction is for (the chosen one, for a multi-chain request). */
    public Checksum256 chainId() {
        return chainId;
    }

    /** The resolved transaction, action data encoded. */
    public Transaction transaction() {
        return transaction;
    }

    /**
     * The resolved actions (the transaction's actions), each knowing its contract's ABI so that
     * {@link Action#decodedData()} gives the data with placeholders replaced.
     */
    public List<Action> resolvedActions() {
        return transaction.actions();
    }

    /** The packed transaction (a new array). */
    public byte[] serializedTransaction() {
        return transaction.pack();
    }

    /** The digest to sign: SHA-256 of chain id, packed transaction and 32 zero bytes. */
    public Checksum256 signingDigest() {
        Checksum256 d = signingDigest;
        if (d == null) {
            d = transaction.signingDigest(chainId);
            signingDigest = d;
        }
        return d;
    }

    /** The bytes whose SHA-256 is {@link #signingDigest()}. */
    public byte[] signingData() {
        return transaction.signingData(chainId, List.of());
    }

    /** The transaction id. */
    public Checksum256 transactionId() {
        return transaction.id();
    }

    /**
     * The callback to send once signed, or empty when the request has none.
     *
     * @param signatures the signatures, at least one
     * @param blockNum the block the transaction landed in, when broadcast (null or 0 for none)
     * @throws IllegalArgumentException if the request has a callback and {@code signatures} is
     *     empty, or {@code blockNum} is not a uint32
     */
    public Optional<ResolvedCallback> callback(List<Signature> signatures, Long blockNum) {
        Objects.requireNonNull(signatures, "signatures");
        Optional<SigningRequest.Callback> cb = request.callback();
        if (cb.isEmpty()) {
            return Optional.empty();
        }
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("a callback needs at least one signature");
        }
        if (blockNum != null && (blockNum < 0 || blockNum > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("blockNum " + blockNum + " is outside 0..4294967295");
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("sig", signatures.get(0).toString());
        payload.put("tx", transaction.id().toString());
        payload.put("rbn", Integer.toString(transaction.header().refBlockNum()));
        payload.put("rid", Long.toString(transaction.header().refBlockPrefix()));
        payload.put("ex", transaction.header().expiration().toString());
        payload.put("req", request.encode());
        payload.put("sa", signer.actor().toString());
        payload.put("sp", signer.permission().toString());
        payload.put("cid", chainId.toString());
        for (int i = 1; i < signatures.size(); i++) {
            payload.put("sig" + (i - 1), signatures.get(i).toString());
        }
        if (blockNum != null && blockNum != 0) {
            payload.put("bn", Long.toString(blockNum));
        }
        Matcher m = TEMPLATE.matcher(cb.get().url());
        String url = m.replaceAll(r -> Matcher.quoteReplacement(payload.getOrDefault(r.group(1), "")));
        return Optional.of(new ResolvedCallback(url, cb.get().background(), payload));
    }

    /**
     * The identity proof of a version 3 identity request signed with {@code signature}.
     *
     * @throws IllegalStateException if this is not a version 3 identity request
     */
    public IdentityProof identityProof(Signature signature) {
        Objects.requireNonNull(signature, "signature");
        if (!request.isIdentity() || request.version() < 3) {
            throw new IllegalStateException("an identity proof answers a version 3 identity request, not a version "
                    + request.version() + (request.isIdentity() ? " identity request" : " transaction request"));
        }
        return IdentityProof.of(chainId, request.identityScope().orElseThrow(), transaction.header().expiration(),
                signer, signature);
    }

    @Override
    public String toString() {
        return "ResolvedSigningRequest[signer=" + signer + ", chain_id=" + chainId + ", transaction_id="
                + transaction.id() + "]";
    }
}
