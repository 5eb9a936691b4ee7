package io.antelopekit.esr;

import io.antelopekit.AntelopeException;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The binary form of the request data and its signature. */
final class RequestCodec {

    private RequestCodec() {
    }

    /** Writes a chain id as the {@code variant_id}: its alias when it has one, else the id. */
    static void writeChainVariant(Checksum256 chainId, BinaryWriter out) {
        int alias = ChainAliases.alias(chainId);
        if (alias > 0) {
            out.writeVarUInt32(0);
            out.writeByte(alias);
        } else {
            out.writeVarUInt32(1);
            chainId.encode(out);
        }
    }

    /**
     * Decodes the request data and optional signature of a version {@code version} request.
     *
     * @param compressed whether {@code payload} was inflated (offsets in messages are then in
     *     the inflated data)
     */
    static SigningRequest decode(int version, byte[] payload, boolean compressed) {
        BinaryReader in = new BinaryReader(payload);
        String field = "chain_id";
        int fieldAt = 0;
        try {
            // chain_id: variant of chain_alias (uint8) and chain_id (checksum256)
            long chainIndex = in.readVarUInt32();
            int chainAlias;
            Checksum256 chainId;
            if (chainIndex == 0) {
                chainAlias = in.readUInt8();
                if (chainAlias == 0) {
                    chainId = null;
                } else {
                    chainId = ChainAliases.chainId(chainAlias);
                    if (chainId == null) {
                        throw new InvalidSigningRequestException("unknown chain alias " + chainAlias);
                    }
                }
            } else if (chainIndex == 1) {
                chainAlias = -1;
                chainId = Checksum256.decode(in);
            } else {
                throw new InvalidSigningRequestException("unknown variant index " + chainIndex
                        + ": expected 0 (chain_alias) or 1 (chain_id)");
            }

            field = "req";
            fieldAt = in.position();
            long reqIndex = in.readVarUInt32();
            List<Action> actions = null;
            Transaction transaction = null;
            Name scope = null;
            PermissionLevel permission = null;
            int reqType = (int) reqIndex;
            switch ((int) Math.min(reqIndex, 4)) {
                case SigningRequest.REQ_ACTION:
                    actions = List.of(Action.decode(in));
                    break;
                case SigningRequest.REQ_ACTIONS:
                    int n = in.readLength("action[]", 18);
                    Action[] list = new Action[n];
                    for (int i = 0; i < n; i++) {
                        field = "req.action[" + i + "]";
                        fieldAt = in.position();
                        list[i] = Action.decode(in);
                    }
                    actions = List.of(list);
                    break;
                case SigningRequest.REQ_TRANSACTION:
                    transaction = Transaction.decode(in);
                    break;
                case SigningRequest.REQ_IDENTITY:
                    if (version > 2) {
                        field = "req.identity.scope";
                        fieldAt = in.position();
                        scope = Name.decode(in);
                    }
                    field = "req.identity.permission";
                    fieldAt = in.position();
                    if (in.readBoolean()) {
                        permission = PermissionLevel.decode(in);
                    }
                    break;
                default:
                    throw new InvalidSigningRequestException("unknown variant index " + reqIndex
                            + ": expected 0 (action), 1 (action[]), 2 (transaction) or 3 (identity)");
            }

            field = "flags";
            fieldAt = in.position();
            int flags = in.readUInt8();
            if ((flags & SigningRequest.FLAG_BROADCAST) != 0 && reqType == SigningRequest.REQ_IDENTITY) {
                throw new InvalidSigningRequestException("an identity request cannot have the broadcast flag");
            }
            field = "callback";
            fieldAt = in.position();
            String callback = in.readString();
            field = "info";
            fieldAt = in.position();
            int count = in.readLength("info", 2);
            List<SigningRequest.InfoPair> info = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                field = "info[" + i + "]";
                fieldAt = in.position();
                String key = in.readString();
                info.add(new SigningRequest.InfoPair(key, Bytes.decode(in)));
            }
            int dataEnd = in.position();

            RequestSignature signature = null;
            if (in.hasRemaining()) {
                field = "signature";
                fieldAt = in.position();
                Name signer = Name.decode(in);
                signature = new RequestSignature(signer, Signature.decode(in));
                in.expectEnd("request signature");
            }

            List<Checksum256> chainIds = List.of();
            if (chainAlias == 0) {
                for (int i = 0; i < info.size(); i++) {
                    if (info.get(i).key().equals(SigningRequest.CHAIN_IDS_KEY)) {
                        field = "info[" + i + "] (chain_ids)";
                        fieldAt = -1;
                        chainIds = decodeChainIds(info.get(i).value().bytes());
                        break;
                    }
                }
            }
            byte[] data = dataEnd == payload.length ? payload : Arrays.copyOf(payload, dataEnd);
            return new SigningRequest(version, chainAlias, chainId, chainIds, reqType, actions, transaction, scope,
                    permission, flags, callback, List.copyOf(info), signature, data);
        } catch (AntelopeException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            // the last three should never happen; kept typed so that decoding fails only one way
            String where = fieldAt >= 0 ? " (from offset " + fieldAt + " of the " + (compressed ? "inflated " : "")
                    + "request data)" : "";
            throw new InvalidSigningRequestException("invalid signing request: " + field + where + ": "
                    + e.getMessage(), e);
        }
    }

    /** The chain ids of a {@code chain_ids} info value: an array of chain id variants. */
    static List<Checksum256> decodeChainIds(byte[] value) {
        BinaryReader in = new BinaryReader(value);
        int n = in.readLength("chain_ids", 2);
        List<Checksum256> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = in.position();
            long index = in.readVarUInt32();
            if (index == 0) {
                int alias = in.readUInt8();
                Checksum256 id = ChainAliases.chainId(alias);
                if (id == null) {
                    throw new InvalidSigningRequestException("chain_ids[" + i + "] at offset " + at
                            + " is the unknown chain alias " + alias);
                }
                ids.add(id);
            } else if (index == 1) {
                ids.add(Checksum256.decode(in));
            } else {
                throw new InvalidSigningRequestException("chain_ids[" + i + "] at offset " + at
                        + " has unknown variant index " + index);
            }
        }
        in.expectEnd("chain_ids");
        return List.copyOf(ids);
    }
}
