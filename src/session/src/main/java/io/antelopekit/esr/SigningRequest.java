package io.antelopekit.esr;

import io.antelopekit.internal.Quote;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.session.internal.Placeholders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * Placeholder for the signer's account: {@code ............1} (the name with raw value 1).
     * The same object as {@code ActionRequest.PLACEHOLDER_ACTOR}.
     */
    public static final Name PLACEHOLDER_ACTOR = Placeholders.ACTOR;

    /**
     * Placeholder for the signer's permission: {@code ............2} (the name with raw value 2).
     * The same object as {@code ActionRequest.PLACEHOLDER_PERMISSION}.
     */
    public static final Name PLACEHOLDER_PERMISSION = Placeholders.PERMISSION;

    /**
     * The authorization {@code ............1@............2}: whoever signs, with the permission they
     * sign with. The same object as {@code ActionRequest.PLACEHOLDER_SIGNER}.
     */
    public static final PermissionLevel PLACEHOLDER_AUTH = Placeholders.SIGNER;

    /** The request's callback: a URL template and whether to call it in the background. */
    public record Callback(String url, boolean background) {
        /**
         * @throws NullPointerException if {@code url} is null
         */
        public Callback {
            Objects.requireNonNull(url, "url");
        }
    }

    static final int REQ_ACTION = 0;
    static final int REQ_ACTIONS = 1;
    static final int REQ_TRANSACTION = 2;
    static final int REQ_IDENTITY = 3;
    private static final String[] REQ_NAMES = {"action", "action[]", "transaction", "identity"};

    static final int FLAG_BROADCAST = 1;
    static final int FLAG_BACKGROUND = 2;

    static final Name IDENTITY = Name.from("identity");
    static final String CHAIN_IDS_KEY = "chain_ids";
    private static final byte[] SIGNATURE_PREFIX = "request".getBytes(StandardCharsets.US_ASCII);
    private static final TransactionHeader ZERO_HEADER = new TransactionHeader(TimePointSec.of(0), 0, 0, 0, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One info pair, in wire order. */
    record InfoPair(String key, Bytes value) {
    }

    private final int version;
    /** -1 when the chain is written as its id, 0 for multi-chain, else the alias written. */
    private final int chainAlias;
    /** Null for a multi-chain request. */
    private final Checksum256 chainId;
    /** The chains a multi-chain request allows (empty: any). */
    private final List<Checksum256> chainIds;
    private final int reqType;
    /** The actions of an action or action[] request. */
    private final List<Action> actions;
    private final Transaction transaction;
    /** The scope of a version 3 identity request, else null. */
    private final Name identityScope;
    /** The permission of an identity request, when it has one. */
    private final PermissionLevel identityPermission;
    private final int flags;
    private final String callback;
    private final List<InfoPair> info;
    private final RequestSignature signature;
    /** The request data (no header, no signature). */
    private final byte[] data;
    private final List<Action> rawActions;
    private volatile String encoded;
    private volatile Map<String, Bytes> infoMap;

    SigningRequest(int version, int chainAlias, Checksum256 chainId, List<Checksum256> chainIds, int reqType,
            List<Action> actions, Transaction transaction, Name identityScope, PermissionLevel identityPermission,
            int flags, String callback, List<InfoPair> info, RequestSignature signature, byte[] data) {
        this.version = version;
        this.chainAlias = chainAlias;
        this.chainId = chainId;
        this.chainIds = chainIds;
        this.reqType = reqType;
        this.actions = actions;
        this.transaction = transaction;
        this.identityScope = identityScope;
        this.identityPermission = identityPermission;
        this.flags = flags;
        this.callback = callback;
        this.info = info;
        this.signature = signature;
        this.data = data != null ? data : encodeData();
        this.rawActions = computeRawActions();
    }

    private SigningRequest with(int flags, String callback, List<InfoPair> info, RequestSignature signature,
            boolean sameData) {
        return new SigningRequest(version, chainAlias, chainId, chainIds, reqType, actions, transaction, identityScope,
                identityPermission, flags, callback, info, signature, sameData ? data : null);
    }

    /** A builder of a new request. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------ decoding

    /**
     * Decodes an {@code esr:} link: {@code esr:<payload>}, {@code esr://<payload>} or
     * {@code web+esr:...}, where the payload is base64url (the standard alphabet and padding are
     * accepted too) of the header byte and the request, raw-deflated or not.
     *
     * @throws InvalidSigningRequestException if the link is malformed in any way; the message
     *     says where
     */
    public static SigningRequest from(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon < 0) {
            throw new InvalidSigningRequestException("signing request link " + Quote.of(uri)
                    + " has no scheme: expected esr:<base64url>");
        }
        String scheme = uri.substring(0, colon);
        if (!scheme.equalsIgnoreCase("esr") && !scheme.equalsIgnoreCase("web+esr")) {
            throw new InvalidSigningRequestException("signing request link " + Quote.of(uri) + " has scheme "
                    + Quote.of(scheme) + ": expected esr: or web+esr:");
        }
        int start = colon + 1;
        if (uri.startsWith("//", start)) {
            start += 2;
        }
        if (start == uri.length()) {
            throw new InvalidSigningRequestException("signing request link " + Quote.of(uri) + " has no payload");
        }
        byte[] bytes = Base64u.decode("signing request link %s", uri, start);
        return from(bytes);
    }

    /**
     * Decodes a request from its binary form: the header byte (version, bit 7 set when the rest
     * is raw-deflated), the request data and the optional request signature.
     *
     * @throws InvalidSigningRequestException if the bytes are malformed in any way
     */
    public static SigningRequest from(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new InvalidSigningRequestException("signing request is empty: expected a header byte");
        }
        int header = data[0] & 0xFF;
        int version = header & 0x7F;
        if (version != 2 && version != 3) {
            throw new InvalidSigningRequestException("signing request header byte 0x"
                    + Integer.toHexString(header) + " has protocol version " + version + ": supported are 2 and 3");
        }
        byte[] payload;
        if ((header & 0x80) != 0) {
            payload = Deflate.inflate(data, 1, data.length - 1);
        } else {
            payload = Arrays.copyOfRange(data, 1, data.length);
        }
        return RequestCodec.decode(version, payload, (header & 0x80) != 0);
    }

    // ----------------------------------------------------------------------------------- accessors

    /** The protocol version, 2 or 3. */
    public int version() {
        return version;
    }

    /** The chain the request is for; empty for a multi-chain request. */
    public Optional<Checksum256> chainId() {
        return Optional.ofNullable(chainId);
    }

    /**
     * The chains a multi-chain request allows (its {@code chain_ids} info pair); empty when any
     * chain is allowed, and for a single-chain request.
     */
    public List<Checksum256> chainIds() {
        return chainIds;
    }

    /** Whether the request is valid for several chains (chain alias 0); the wallet picks one. */
    public boolean isMultiChain() {
        return chainAlias == 0;
    }

    /** Whether this is an identity request (a login). */
    public boolean isIdentity() {
        return reqType == REQ_IDENTITY;
    }

    /** The scope of a version 3 identity request; empty otherwise. */
    public Optional<Name> identityScope() {
        return Optional.ofNullable(identityScope);
    }

    /**
     * The account and permission an identity request asks for, when it names one (placeholders
     * mean any); empty for other requests.
     */
    public Optional<PermissionLevel> identityPermission() {
        return Optional.ofNullable(identityPermission);
    }

    /** Whether the wallet should broadcast the transaction (never for identity requests). */
    public boolean shouldBroadcast() {
        return !isIdentity() && (flags & FLAG_BROADCAST) != 0;
    }

    /** The callback, when the request has one (an empty URL means none). */
    public Optional<Callback> callback() {
        return callback.isEmpty() ? Optional.empty()
                : Optional.of(new Callback(callback, (flags & FLAG_BACKGROUND) != 0));
    }

    /** The raw request flags byte (bit 0 broadcast, bit 1 background). */
    public int flags() {
        return flags;
    }

    /** The info pairs, in order (unmodifiable; of a key given twice, the last value). */
    public Map<String, Bytes> info() {
        Map<String, Bytes> m = infoMap;
        if (m == null) {
            LinkedHashMap<String, Bytes> map = new LinkedHashMap<>();
            for (InfoPair p : info) {
                map.put(p.key(), p.value());
            }
            m = Collections.unmodifiableMap(map);
            infoMap = m;
        }
        return m;
    }

    /** The info value of {@code key} read as UTF-8 text, as the reference reads untyped info. */
    public Optional<String> infoString(String key) {
        Bytes value = info().get(Objects.requireNonNull(key, "key"));
        return value == null ? Optional.empty() : Optional.of(new String(value.bytes(), StandardCharsets.UTF_8));
    }

    List<InfoPair> infoPairs() {
        return info;
    }

    int reqType() {
        return reqType;
    }

    int chainAlias() {
        return chainAlias;
    }

    /** The contracts whose ABIs {@link #resolve} needs, each once, in order of first use. */
    public List<Name> requiredAbis() {
        List<Name> out = new ArrayList<>(2);
        for (Action a : rawActions) {
            if (!isIdentityAction(a) && !out.contains(a.account())) {
                out.add(a.account());
            }
        }
        return Collections.unmodifiableList(out);
    }

    static boolean isIdentityAction(Action a) {
        return a.account().isEmpty() && a.name().equals(IDENTITY);
    }

    /** Whether {@link #resolve} needs TAPoS values (a non-identity request without its own). */
    public boolean requiresTapos() {
        return !isIdentity() && !hasTapos(rawHeader());
    }

    static boolean hasTapos(TransactionHeader h) {
        return !(h.expiration().seconds() == 0 && h.refBlockNum() == 0 && h.refBlockPrefix() == 0);
    }

    TransactionHeader rawHeader() {
        return reqType == REQ_TRANSACTION ? transaction.header() : ZERO_HEADER;
    }

    /**
     * The actions with their data encoded, placeholders not resolved; for an identity request
     * the {@code identity} action of the empty account.
     */
    public List<Action> rawActions() {
        return rawActions;
    }

    private List<Action> computeRawActions() {
        switch (reqType) {
            case REQ_ACTION:
            case REQ_ACTIONS:
                return actions;
            case REQ_TRANSACTION:
                return transaction.actions();
            default:
                BinaryWriter out = new BinaryWriter(32);
                PermissionLevel permission = identityPermission;
                if (version == 2) {
                    if (permission == null) {
                        permission = PLACEHOLDER_AUTH;
                    }
                } else {
                    identityScope.encode(out);
                    if (permission == null) {
                        permission = PLACEHOLDER_AUTH;
                    }
                }
                out.writeBoolean(true);
                permission.encode(out);
                return List.of(Action.of(Name.EMPTY, IDENTITY, List.of(permission), Bytes.of(out.toByteArray())));
        }
    }

    /** The transaction before resolution (zero TAPoS values unless the request carries its own). */
    public Transaction rawTransaction() {
        return reqType == REQ_TRANSACTION ? transaction : Transaction.of(ZERO_HEADER, rawActions);
    }

    // ------------------------------------------------------------------------------ request signature

    /** The request's signature, when it is signed. */
    public Optional<RequestSignature> signature() {
        return Optional.ofNullable(signature);
    }

    /**
     * The digest a request signature signs: SHA-256 of the version byte, the ASCII bytes
     * {@code request} and the request data.
     */
    public Checksum256 signatureDigest() {
        byte[] msg = new byte[1 + SIGNATURE_PREFIX.length + data.length];
        msg[0] = (byte) version;
        System.arraycopy(SIGNATURE_PREFIX, 0, msg, 1, SIGNATURE_PREFIX.length);
        System.arraycopy(data, 0, msg, 1 + SIGNATURE_PREFIX.length, data.length);
        return Checksum256.hash(msg);
    }

    /**
     * The key that made the request signature, recovered from {@link #signatureDigest()}; empty
     * when the request is not signed.
     *
     * @throws InvalidSigningRequestException if no key can be recovered from the signature
     */
    public Optional<PublicKey> signatureKey() {
        if (signature == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(signature.signature().recover(signatureDigest()));
        } catch (InvalidValueException e) {
            throw new InvalidSigningRequestException("request signature of " + signature.signer()
                    + " does not recover a key: " + e.getMessage(), e);
        }
    }

    /** This request signed by {@code signer} with {@code key} (replacing any signature). */
    public SigningRequest sign(Name signer, PrivateKey key) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        return withSignature(new RequestSignature(signer, key.signDigest(signatureDigest())));
    }

    /** This request with {@code signature} (null removes the signature). */
    public SigningRequest withSignature(RequestSignature signature) {
        return with(flags, callback, info, signature, true);
    }

    /** This request with another callback (an empty URL removes it); drops the request signature. */
    public SigningRequest withCallback(String url, boolean background) {
        Objects.requireNonNull(url, "url");
        int f = background ? flags | FLAG_BACKGROUND : flags & ~FLAG_BACKGROUND;
        return with(f, url, info, null, false);
    }

    /**
     * This request with another broadcast flag; drops the request signature.
     *
     * @throws IllegalArgumentException if {@code broadcast} is true for an identity request
     */
    public SigningRequest withBroadcast(boolean broadcast) {
        if (broadcast && isIdentity()) {
            throw new IllegalArgumentException("an identity request cannot be broadcast");
        }
        int f = broadcast ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST;
        return with(f, callback, info, null, false);
    }

    /** This request with the info pair {@code key} set to {@code value}; drops the request signature. */
    public SigningRequest withInfo(String key, Bytes value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        List<InfoPair> pairs = new ArrayList<>(info);
        boolean found = false;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).key().equals(key)) {
                pairs.set(i, new InfoPair(key, value));
                found = true;
                break;
            }
        }
        if (!found) {
            pairs.add(new InfoPair(key, value));
        }
        return with(flags, callback, List.copyOf(pairs), null, false);
    }

    // ------------------------------------------------------------------------------------ encoding

    /** The request data: the binary request without header and signature. */
    public byte[] requestData() {
        return data.clone();
    }

    private byte[] encodeData() {
        BinaryWriter out = new BinaryWriter(128);
        if (chainAlias >= 0) {
            out.writeVarUInt32(0);
            out.writeByte(chainAlias);
        } else {
            out.writeVarUInt32(1);
            chainId.encode(out);
        }
        out.writeVarUInt32(reqType);
        switch (reqType) {
            case REQ_ACTION:
                actions.get(0).encode(out);
                break;
            case REQ_ACTIONS:
                out.writeVarUInt32(actions.size());
                for (Action a : actions) {
                    a.encode(out);
                }
                break;
            case REQ_TRANSACTION:
                transaction.encode(out);
                break;
            default:
                if (version > 2) {
                    identityScope.encode(out);
                }
                out.writeBoolean(identityPermission != null);
                if (identityPermission != null) {
                    identityPermission.encode(out);
                }
        }
        out.writeByte(flags);
        out.writeString(callback);
        out.writeVarUInt32(info.size());
        for (InfoPair p : info) {
            out.writeString(p.key());
            p.value().encode(out);
        }
        return out.toByteArray();
    }

    /**
     * The binary form: the header byte, then the request data and signature, raw-deflated when
     * {@code compress} is set and that is smaller.
     */
    public byte[] toBytes(boolean compress) {
        byte[] body = data;
        if (signature != null) {
            BinaryWriter out = new BinaryWriter(data.length + 80);
            out.writeBytes(data);
            signature.signer().encode(out);
            signature.signature().encode(out);
            body = out.toByteArray();
        }
        int header = version;
        if (compress) {
            byte[] deflated = Deflate.deflate(body, 0, body.length);
            if (deflated.length < body.length) {
                header |= 0x80;
                body = deflated;
            }
        }
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) header;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The {@code esr://} link, compressed when that is smaller. */
    public String encode() {
        String e = encoded;
        if (e == null) {
            e = encode(true, true);
            encoded = e;
        }
        return e;
    }

    /** The {@code esr://} link, compressed when {@code compress} is set and that is smaller. */
    public String encode(boolean compress) {
        return compress ? encode() : encode(false, true);
    }

    /**
     * The link, {@code esr://...} with {@code slashes}, else {@code esr:...}.
     *
     * @param compress raw-deflate the data when that is smaller
     * @param slashes write {@code esr://} rather than {@code esr:}
     */
    public String encode(boolean compress, boolean slashes) {
        return (slashes ? "esr://" : "esr:") + Base64u.encodeUrl(toBytes(compress));
    }

    /**
     * The request data in the reference's JSON form: {@code chain_id} ({@code ["chain_alias", n]}
     * or {@code ["chain_id", hex]}), {@code req} ({@code [type, value]}, action data as hex),
     * {@code flags}, {@code callback} and {@code info} ({@code [{key, value (hex)}]}).
     */
    public JsonNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode chain = root.putArray("chain_id");
        if (chainAlias >= 0) {
            chain.add("chain_alias").add(chainAlias);
        } else {
            chain.add("chain_id").add(chainId.toString());
        }
        ArrayNode req = root.putArray("req");
        req.add(REQ_NAMES[reqType]);
        switch (reqType) {
            case REQ_ACTION:
                req.add(JSON.<JsonNode>valueToTree(actions.get(0)));
                break;
            case REQ_ACTIONS:
                req.add(JSON.<JsonNode>valueToTree(actions));
                break;
            case REQ_TRANSACTION:
                req.add(JSON.<JsonNode>valueToTree(transaction));
                break;
            default:
                ObjectNode id = req.addObject();
                if (identityScope != null) {
                    id.put("scope", identityScope.toString());
                }
                if (identityPermission != null) {
                    ObjectNode p = id.putObject("permission");
                    p.put("actor", identityPermission.actor().toString());
                    p.put("permission", identityPermission.permission().toString());
                }
        }
        root.put("flags", flags);
        root.put("callback", callback);
        ArrayNode pairs = root.putArray("info");
        for (InfoPair p : info) {
            pairs.addObject().put("key", p.key()).put("value", p.value().toString());
        }
        return root;
    }

    // ----------------------------------------------------------------------------------- resolving

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
        return Resolver.resolve(this, abis, signer, context);
    }

    // ------------------------------------------------------------------------------------- Object

    /** Equal when version, request data and request signature are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningRequest r && version == r.version && Arrays.equals(data, r.data)
                && Objects.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        return (version * 31 + Arrays.hashCode(data)) * 31 + Objects.hashCode(signature);
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

        private Checksum256 chainId;
        private boolean multiChain;
        private List<Checksum256> chainIds = List.of();
        /** {@link Action}s and {@link JsonNode}s, encoded at {@link #build()}. */
        private final List<Object> actions = new ArrayList<>();
        /** A {@link Transaction} or a {@link JsonNode}. */
        private Object transaction;
        private final Map<Name, Abi> abis = new HashMap<>();
        private boolean identity;
        private PermissionLevel identityPermission;
        private Name identityScope;
        private String callback = "";
        private boolean background;
        private Boolean broadcast;
        private final LinkedHashMap<String, Bytes> info = new LinkedHashMap<>();
        private int version;

        Builder() {
        }

        /** The chain the request is for (written as its alias when it has one); clears {@link #multiChain}. */
        public Builder chainId(Checksum256 chainId) {
            this.chainId = Objects.requireNonNull(chainId, "chainId");
            this.multiChain = false;
            this.chainIds = List.of();
            return this;
        }

        /**
         * A multi-chain request (version 3), valid on the chains given, or on any chain when none
         * is given; clears {@link #chainId}.
         */
        public Builder multiChain(List<Checksum256> chainIds) {
            this.chainIds = List.copyOf(chainIds);
            this.multiChain = true;
            this.chainId = null;
            return this;
        }

        /** Adds an action whose data is already encoded (or built with {@code Action.of(..., abi)}). */
        public Builder action(Action action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Adds actions; see {@link #action(Action)}. */
        public Builder actions(List<Action> actions) {
            for (Action a : actions) {
                action(a);
            }
            return this;
        }

        /**
         * Adds an action in JSON form, {@code {"account", "name", "authorization", "data"}}, with
         * {@code data} either hex (already encoded) or an object encoded with the contract's ABI
         * (given with {@link #abi}).
         */
        public Builder action(JsonNode action) {
            actions.add(Objects.requireNonNull(action, "action").deepCopy());
            return this;
        }

        /**
         * Adds an action given as a map, {@code {account, name, authorization, data}}, read like
         * {@link #action(JsonNode)} (the map is converted with Jackson: data may hold records
         * and chain values such as {@code Name} and {@code Asset}).
         */
        public Builder action(Map<String, ?> action) {
            Objects.requireNonNull(action, "action");
            JsonNode node;
            try {
                node = JSON.valueToTree(action);
            } catch (IllegalArgumentException e) {
                throw new InvalidSigningRequestException("action map cannot be read as JSON: " + e.getMessage(), e);
            }
            actions.add(node);
            return this;
        }

        /** A whole transaction: its TAPoS values, if not zero, are kept by {@link SigningRequest#resolve}. */
        public Builder transaction(Transaction transaction) {
            this.transaction = Objects.requireNonNull(transaction, "transaction");
            return this;
        }

        /**
         * A transaction in JSON form, every field optional (header fields default to zero, the
         * expiration to 1970-01-01T00:00:00), actions as in {@link #action(JsonNode)}.
         */
        public Builder transaction(JsonNode transaction) {
            this.transaction = Objects.requireNonNull(transaction, "transaction").deepCopy();
            return this;
        }

        /** The ABI used to encode JSON action data of {@code contract}. */
        public Builder abi(Name contract, Abi abi) {
            abis.put(Objects.requireNonNull(contract, "contract"), Objects.requireNonNull(abi, "abi"));
            return this;
        }

        /** ABIs by contract; see {@link #abi(Name, Abi)}. */
        public Builder abis(Map<Name, Abi> abis) {
            abis.forEach(this::abi);
            return this;
        }

        /** An identity request for any account. */
        public Builder identity() {
            this.identity = true;
            return this;
        }

        /**
         * An identity request for {@code permission}; placeholders in it mean any account or
         * permission (it is written as given).
         */
        public Builder identity(PermissionLevel permission) {
            this.identity = true;
            this.identityPermission = Objects.requireNonNull(permission, "permission");
            return this;
        }

        /** An identity request (version 3) with a scope, the app's name for what is logged into. */
        public Builder identityScope(Name scope) {
            this.identity = true;
            this.identityScope = Objects.requireNonNull(scope, "scope");
            return this;
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
            this.callback = Objects.requireNonNull(url, "url");
            this.background = background;
            return this;
        }

        /** Whether the wallet should broadcast; default true, except for identity requests. */
        public Builder broadcast(boolean broadcast) {
            this.broadcast = broadcast;
            return this;
        }

        /** An info pair with a UTF-8 text value (set again, a key keeps its place and takes the new value). */
        public Builder info(String key, String value) {
            Objects.requireNonNull(value, "value");
            return info(key, Bytes.of(value.getBytes(StandardCharsets.UTF_8)));
        }

        /** An info pair with a bytes value. */
        public Builder info(String key, Bytes value) {
            info.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The protocol version, 2 or 3; by default the lowest that can express the request.
         *
         * @throws IllegalArgumentException unless 2 or 3
         */
        public Builder version(int version) {
            if (version != 2 && version != 3) {
                throw new IllegalArgumentException("version " + version + ": supported are 2 and 3");
            }
            this.version = version;
            return this;
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
            int kinds = (actions.isEmpty() ? 0 : 1) + (transaction == null ? 0 : 1) + (identity ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalStateException(kinds == 0
                        ? "a signing request needs actions, a transaction or an identity request"
                        : "a signing request has exactly one of actions, a transaction and an identity request");
            }
            int needed = multiChain || identityScope != null ? 3 : 2;
            int v = version == 0 ? needed : version;
            if (v < needed) {
                throw new IllegalStateException("a " + (multiChain ? "multi-chain request" : "scoped identity request")
                        + " needs protocol version 3, not " + version);
            }
            if (identity && Boolean.TRUE.equals(broadcast)) {
                throw new IllegalStateException("an identity request cannot be broadcast");
            }
            boolean bc = broadcast != null ? broadcast : !identity;
            int flags = (bc ? FLAG_BROADCAST : 0) | (background ? FLAG_BACKGROUND : 0);

            int alias;
            Checksum256 id;
            if (multiChain) {
                alias = 0;
                id = null;
            } else {
                id = chainId != null ? chainId : ChainAliases.EOS;
                int a = ChainAliases.alias(id);
                alias = a > 0 ? a : -1;
            }

            List<InfoPair> pairs = new ArrayList<>(info.size() + 1);
            info.forEach((k, val) -> pairs.add(new InfoPair(k, val)));
            if (multiChain && !chainIds.isEmpty()) {
                BinaryWriter out = new BinaryWriter(8 + chainIds.size() * 33);
                out.writeVarUInt32(chainIds.size());
                for (Checksum256 c : chainIds) {
                    RequestCodec.writeChainVariant(c, out);
                }
                pairs.removeIf(p -> p.key().equals(CHAIN_IDS_KEY));
                pairs.add(new InfoPair(CHAIN_IDS_KEY, Bytes.of(out.toByteArray())));
            }

            int reqType;
            List<Action> acts = null;
            Transaction trx = null;
            Name scope = null;
            if (identity) {
                reqType = REQ_IDENTITY;
                if (v > 2) {
                    scope = identityScope != null ? identityScope : Name.EMPTY;
                }
            } else if (transaction != null) {
                reqType = REQ_TRANSACTION;
                trx = transaction instanceof Transaction t ? t : JsonActions.transaction((JsonNode) transaction, abis);
            } else {
                List<Action> list = new ArrayList<>(actions.size());
                for (int i = 0; i < actions.size(); i++) {
                    Object a = actions.get(i);
                    list.add(a instanceof Action act ? act
                            : JsonActions.action((JsonNode) a, abis, actions.size() == 1 ? "action" : "actions[" + i + "]"));
                }
                acts = List.copyOf(list);
                reqType = acts.size() == 1 ? REQ_ACTION : REQ_ACTIONS;
            }
            return new SigningRequest(v, alias, id, multiChain ? chainIds : List.of(), reqType, acts, trx, scope,
                    identity ? identityPermission : null, flags, callback, List.copyOf(pairs), null, null);
        }
    }
}
