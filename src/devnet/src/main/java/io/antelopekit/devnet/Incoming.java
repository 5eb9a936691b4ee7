package io.antelopekit.devnet;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.DecodingException;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.InvalidSignatureException;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A transaction as received, with the work that needs no chain state already done on the I/O
 * thread, outside the chain's lock: unpacked, its id and signing digest computed, and its signers' keys
 * recovered (through a cache of (digest, signature) pairs).
 */
final class Incoming {

    /** The node's {@code base_per_transaction_net_usage}. */
    static final int BASE_NET_USAGE = 12;
    /** The node's {@code fixed_net_overhead_of_packed_trx}. */
    static final int PACKED_TRX_OVERHEAD = 16;

    final PackedTransaction packed;
    final SignedTransaction signed;
    final Transaction trx;
    final Checksum256 id;
    /** Recovered signer keys, in signature order; {@code null} when recovery failed. */
    final Set<PublicKey> keys;
    /** Why recovery failed, or {@code null}. */
    final NodeError keyError;
    /** Billed network usage in bytes, rounded up to whole 8-byte words. */
    final long netUsage;

    private Incoming(PackedTransaction packed, SignedTransaction signed, Set<PublicKey> keys, NodeError keyError,
            long netUsage) {
        this.packed = packed;
        this.signed = signed;
        this.trx = signed.transaction();
        this.id = signed.id();
        this.keys = keys;
        this.keyError = keyError;
        this.netUsage = netUsage;
    }

    /**
     * Unpacks and recovers.
     *
     * @throws NodeError if the transaction cannot be inflated or decoded
     */
    static Incoming prepare(PackedTransaction packed, Checksum256 chainId, SignatureCache cache, int maxInflated) {
        SignedTransaction signed;
        try {
            signed = packed.unpack(maxInflated);
        } catch (DecodingException e) {
            if (packed.compression() == Compression.ZLIB && e.getMessage() != null
                    && (e.getMessage().contains("zlib") || e.getMessage().contains("inflates"))) {
                throw NodeError.of(NodeError.TX_DECOMPRESSION, e.getMessage().contains("inflates")
                        ? "Exceeded maximum decompressed transaction size" : "Error decompressing transaction: "
                        + e.getMessage(), "packed_transaction.cpp", 190, "decompress");
            }
            throw NodeError.of(NodeError.UNPACK, "Unable to unpack transaction: " + e.getMessage(),
                    "packed_transaction.cpp", 220, "unpack");
        } catch (InvalidValueException e) {
            throw NodeError.of(NodeError.UNPACK, "Unable to unpack transaction: " + e.getMessage(),
                    "packed_transaction.cpp", 220, "unpack");
        }
        Set<PublicKey> keys = null;
        NodeError keyError = null;
        List<Signature> sigs = signed.signatures();
        if (!sigs.isEmpty()) {
            Checksum256 digest = signed.signingDigest(chainId);
            keys = new LinkedHashSet<>(sigs.size() * 2);
            for (Signature s : sigs) {
                PublicKey k;
                try {
                    k = cache.recover(digest, s);
                } catch (InvalidSignatureException e) {
                    keyError = NodeError.of(NodeError.EXCEPTION, "unable to reconstruct public key from signature",
                            "elliptic_secp256k1.cpp", 157, "public_key");
                    keys = null;
                    break;
                }
                if (!keys.add(k)) {
                    keyError = NodeError.of(NodeError.TX_DUPLICATE_SIG,
                            "transaction includes more than one signature signed using the same key associated with"
                                    + " public key: " + Json.key(k), "transaction.cpp", 106, "get_signature_keys");
                    keys = null;
                    break;
                }
            }
        } else {
            keys = Set.of();
        }
        int sigBytes = 1;
        for (Signature s : sigs) {
            sigBytes += SystemContract.encodeSize(s);
        }
        long prunable = sigBytes + packed.packedContextFreeData().length();
        long net = BASE_NET_USAGE + PACKED_TRX_OVERHEAD + packed.packedTrx().length() + prunable * 20 / 100;
        net = (net + 7) / 8 * 8;
        return new Incoming(packed, signed, keys, keyError, net);
    }

    /** Recovered keys per (digest, signature): a resubmitted or computed-then-sent transaction is recovered once. */
    static final class SignatureCache {
        private static final int MAX = 65_536;

        private record Key(Checksum256 digest, Signature signature) {
        }

        private final ConcurrentHashMap<Key, PublicKey> map = new ConcurrentHashMap<>();

        PublicKey recover(Checksum256 digest, Signature s) {
            Key key = new Key(digest, s);
            PublicKey k = map.get(key);
            if (k == null) {
                k = s.recover(digest);
                if (map.size() >= MAX) {
                    map.clear();
                }
                map.put(key, k);
            }
            return k;
        }
    }
}
