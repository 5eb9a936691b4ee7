package io.antelopekit.esr;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.Transaction;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An EOSIO Signing Request (ESR, protocol versions 2 and 3): what an app asks a wallet to sign,
 * as an immutable value that encodes to and decodes from an {@code esr:} link.
 *
 * <p>A request holds one action, several actions, a whole transaction or an identity request;
 * the chain it is for (or, version 3, several chains); whether the wallet should broadcast; a
 * callback URL template; info pairs; and optionally the requesting app's signature. Its actions
 * may use the placeholders {@link #PLACEHOLDER_ACTOR} ({@code ............1}) and
 * {@link #PLACEHOLDER_PERMISSION} ({@code ............2}), in authorizations and in action data
 * typed {@code name}, which {@link #resolve} replaces with the signer.
 *
 * <pre>{@code
 * SigningRequest request = SigningRequest.builder()
 *         .chainId(Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906"))
 *         .abi(Name.from("eosio.token"), tokenAbi)
 *         .action(json.readTree("""
 *             {"account":"eosio.token","name":"transfer",
 *              "authorization":[{"actor":"............1","permission":"............2"}],
 *              "data":{"from":"............1","to":"bob","quantity":"1.0000 EOS","memo":""}}"""))
 *         .callback("https://example.com/done?tx={{tx}}", true)
 *         .build();
 * String link = request.encode();                       // esr://gmNg...
 * SigningRequest same = SigningRequest.from(link);      // equals request
 * }</pre>
 *
 * <p>Equality compares the version, the request data and the request signature.
 */
public final class SigningRequest {

    /** The newest protocol version this implementation reads and writes (it also reads and writes 2). */
    public static final int PROTOCOL_VERSION = 3;

    /** Placeholder for the signer's account: {@code ............1} (the name with raw value 1). */
    public static final Name PLACEHOLDER_ACTOR = Name.of(1);

    /** Placeholder for the signer's permission: {@code ............2} (the name with raw value 2). */
    public static final Name PLACEHOLDER_PERMISSION = Name.of(2);

    /** The authorization {@code ............1@............2}: whoever signs, with the permission they sign with. */
    public static final PermissionLevel PLACEHOLDER_AUTH = new PermissionLevel(PLACEHOLDER_ACTOR, PLACEHOLDER_PERMISSION);

    /** The request's callback: a URL template and whether to call it in the background. */
    public record Callback(String url, boolean background) {
        /**
         * @throws NullPointerException if {@code url} is null
         */
        public Callback {
            java.util.Objects.requireNonNull(url, "url");
        }
    }

    private SigningRequest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A builder of a new request. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes an {@code esr:} link: {@code esr:<payload>}, {@code esr://<payload>} or
     * {@code web+esr:...}, where the payload is base64url (the standard alphabet and padding are
     * accepted too) of the header byte and the request, raw-deflated or not.
     *
     * @throws InvalidSigningRequestException if the link is malformed in any way; the message
     *     says where
     */
    public static SigningRequest from(String uri) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Decodes a request from its binary form: the header byte (version, bit 7 set when the rest
     * is raw-deflated), the request data and the optional request signature.
     *
     * @throws InvalidSigningRequestException if the bytes are malformed in any way
     */
    public static SigningRequest from(byte[] data) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The protocol version, 2 or 3. */
    public int version() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The chain the request is for; empty for a multi-chain request. */
    public Optional<Checksum256> chainId() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The chains a multi-chain request allows (its {@code chain_ids} info pair); empty when any
     * chain is allowed, and for a single-chain request.
     */
    public List<Checksum256> chainIds() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether the request is valid for several chains (chain alias 0); the wallet picks one. */
    public boolean isMultiChain() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether this is an identity request (a login). */
    public boolean isIdentity() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The scope of a version 3 identity request; empty otherwise. */
    public Optional<Name> identityScope() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The account and permission an identity request asks for, when it names one (placeholders
     * mean any); empty for other requests.
     */
    public Optional<PermissionLevel> identityPermission() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether the wallet should broadcast the transaction (never for identity requests). */
    public boolean shouldBroadcast() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The callback, when the request has one (an empty URL means none). */
    public Optional<Callback> callback() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The raw request flags byte (bit 0 broadcast, bit 1 background). */
    public int flags() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The info pairs, in order (unmodifiable). */
    public Map<String, Bytes> info() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The info value of {@code key} read as UTF-8 text, as the reference reads untyped info. */
    public Optional<String> infoString(String key) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The contracts whose ABIs {@link #resolve} needs, each once, in order of first use. */
    public List<Name> requiredAbis() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether {@link #resolve} needs TAPoS values (a non-identity request without its own). */
    public boolean requiresTapos() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The actions with their data encoded, placeholders not resolved; for an identity request
     * the {@code identity} action of the empty account.
     */
    public List<Action> rawActions() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The transaction before resolution (zero TAPoS values unless the request carries its own). */
    public Transaction rawTransaction() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The request's signature, when it is signed. */
    public Optional<RequestSignature> signature() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The digest a request signature signs: SHA-256 of the version byte, the ASCII bytes
     * {@code request} and the request data.
     */
    public Checksum256 signatureDigest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The key that made the request signature, recovered from {@link #signatureDigest()}; empty
     * when the request is not signed.
     *
     * @throws InvalidSigningRequestException if no key can be recovered from the signature
     */
    public Optional<PublicKey> signatureKey() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** This request signed by {@code signer} with {@code key} (replacing any signature). */
    public SigningRequest sign(Name signer, PrivateKey key) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** This request with {@code signature} (null removes the signature). */
    public SigningRequest withSignature(RequestSignature signature) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** This request with another callback (an empty URL removes it); drops the request signature. */
    public SigningRequest withCallback(String url, boolean background) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * This request with another broadcast flag; drops the request signature.
     *
     * @throws IllegalArgumentException if {@code broadcast} is true for an identity request
     */
    public SigningRequest withBroadcast(boolean broadcast) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** This request with the info pair {@code key} set to {@code value}; drops the request signature. */
    public SigningRequest withInfo(String key, Bytes value) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The request data: the binary request without header and signature. */
    public byte[] requestData() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The binary form: the header byte, then the request data and signature, raw-deflated when
     * {@code compress} is set and that is smaller.
     */
    public byte[] toBytes(boolean compress) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The {@code esr://} link, compressed when that is smaller. */
    public String encode() {
        return encode(true);
    }

    /** The {@code esr://} link, compressed when {@code compress} is set and that is smaller. */
    public String encode(boolean compress) {
        return encode(compress, true);
    }

    /**
     * The link, {@code esr://...} with {@code slashes}, else {@code esr:...}.
     *
     * @param compress raw-deflate the data when that is smaller
     * @param slashes write {@code esr://} rather than {@code esr:}
     */
    public String encode(boolean compress, boolean slashes) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The request data in the reference's JSON form: {@code chain_id} ({@code ["chain_alias", n]}
     * or {@code ["chain_id", hex]}), {@code req} ({@code [type, value]}, action data as hex),
     * {@code flags}, {@code callback} and {@code info} ({@code [{key, value (hex)}]}).
     */
    public JsonNode toJson() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Resolves the request for {@code signer}: placeholders replaced in authorizations and in
     * action data (decoded and re-encoded with the contracts' ABIs), TAPoS values filled in from
     * {@code context} when the request needs them, and the chain chosen.
     *
     * @param abis the ABIs of {@link #requiredAbis()}, by contract
     * @param signer the account and permission that sign
     * @param context the TAPoS values and, for a multi-chain request, the chain
     * @throws InvalidSigningRequestException if an ABI is missing or does not fit an action's data,
     *     TAPoS values are needed but missing, or a multi-chain request gets no chain or one it
     *     does not allow
     */
    public ResolvedSigningRequest resolve(Map<Name, Abi> abis, PermissionLevel signer, TaposContext context) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The {@code esr://} link, compressed when that is smaller; see {@link #encode()}. */
    @Override
    public String toString() {
        return encode();
    }

    /**
     * Builds a {@link SigningRequest}: exactly one of actions ({@link #action}), a transaction
     * ({@link #transaction}) or an identity request ({@link #identity()}), and the options.
     * Not thread-safe.
     *
     * <p>Defaults, as in the reference: the chain is EOS unless {@link #chainId} or
     * {@link #multiChain} says otherwise; the wallet broadcasts unless it is an identity request;
     * the version is 2 unless the request needs 3 (multi-chain, identity scope).
     */
    public static final class Builder {

        Builder() {
        }

        /** The chain the request is for (written as its alias when it has one). */
        public Builder chainId(Checksum256 chainId) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /**
         * A multi-chain request (version 3), valid on the chains given, or on any chain when none
         * is given.
         */
        public Builder multiChain(List<Checksum256> chainIds) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** Adds an action whose data is already encoded (or built with {@code Action.of(..., abi)}). */
        public Builder action(Action action) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** Adds actions; see {@link #action(Action)}. */
        public Builder actions(List<Action> actions) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /**
         * Adds an action in JSON form, {@code {"account", "name", "authorization", "data"}}, with
         * {@code data} either hex (already encoded) or an object encoded with the contract's ABI
         * (given with {@link #abi}).
         */
        public Builder action(JsonNode action) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** A whole transaction: its TAPoS values, if not zero, are kept by {@link SigningRequest#resolve}. */
        public Builder transaction(Transaction transaction) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /**
         * A transaction in JSON form, every field optional (header fields default to zero, the
         * expiration to 1970-01-01T00:00:00), actions as in {@link #action(JsonNode)}.
         */
        public Builder transaction(JsonNode transaction) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** The ABI used to encode JSON action data of {@code contract}. */
        public Builder abi(Name contract, Abi abi) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** ABIs by contract; see {@link #abi(Name, Abi)}. */
        public Builder abis(Map<Name, Abi> abis) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** An identity request for any account. */
        public Builder identity() {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** An identity request for {@code permission} (placeholders mean any). */
        public Builder identity(PermissionLevel permission) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** An identity request (version 3) with a scope, the app's name for what is logged into. */
        public Builder identityScope(Name scope) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** The callback URL template, called in the foreground. */
        public Builder callback(String url) {
            return callback(url, false);
        }

        /**
         * The callback URL template ({@code {{sig}}}, {@code {{tx}}}, ... are filled in, see
         * {@link ResolvedCallback}).
         *
         * @param background POST the payload in the background instead of opening the URL
         */
        public Builder callback(String url, boolean background) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** Whether the wallet should broadcast; default true, except for identity requests. */
        public Builder broadcast(boolean broadcast) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** An info pair with a UTF-8 text value (set again, a key keeps its place and takes the new value). */
        public Builder info(String key, String value) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /** An info pair with a bytes value. */
        public Builder info(String key, Bytes value) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /**
         * The protocol version, 2 or 3; by default the lowest that can express the request.
         *
         * @throws IllegalArgumentException unless 2 or 3
         */
        public Builder version(int version) {
            throw new UnsupportedOperationException("not yet implemented");
        }

        /**
         * The request.
         *
         * @throws IllegalStateException if it has not exactly one of actions, transaction and
         *     identity, asks an identity request to broadcast, or asks version 2 for a multi-chain
         *     or scoped identity request
         * @throws InvalidSigningRequestException if JSON action data has no ABI or does not fit it
         */
        public SigningRequest build() {
            throw new UnsupportedOperationException("not yet implemented");
        }
    }
}
