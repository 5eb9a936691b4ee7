package io.antelopekit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.crypto.PublicKey;
import java.util.List;

/**
 * The JSON request bodies of {@link ChainClient}'s calls, written with {@link ChainJson#mapper()}
 * in the node's field names. Transactions are taken as the values the mapper writes.
 */
final class RequestBodies {

    /** {@code {}}: the body of calls without parameters. Never modified. */
    static final byte[] EMPTY = {'{', '}'};

    private static final ObjectMapper MAPPER = ChainJson.mapper();

    private RequestBodies() {
    }

    /** An object with one string field. */
    static byte[] field(String field, String value) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put(field, value);
        return MAPPER.writeValueAsBytes(o);
    }

    /** {@code get_block_info}: the block number as a number. */
    static byte[] blockInfo(long blockNum) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("block_num", blockNum);
        return MAPPER.writeValueAsBytes(o);
    }

    /** {@code get_currency_balance}; {@code symbol} may be {@code null} (all of the contract's tokens). */
    static byte[] currencyBalance(Name code, Name account, SymbolCode symbol) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("code", code.toString());
        o.put("account", account.toString());
        if (symbol != null) {
            o.put("symbol", symbol.toString());
        }
        return MAPPER.writeValueAsBytes(o);
    }

    /** {@code get_required_keys}: the transaction and the available keys. */
    static byte[] requiredKeys(Object transaction, List<PublicKey> keys) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("transaction", MAPPER.valueToTree(transaction));
        ArrayNode a = o.putArray("available_keys");
        keys.forEach(k -> a.add(k.toString()));
        return MAPPER.writeValueAsBytes(o);
    }

    /** {@code get_accounts_by_authorizers}: the permissions as {@code {actor, permission}} and the keys. */
    static byte[] accountsByAuthorizers(List<PermissionLevel> permissions, List<PublicKey> keys)
            throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode accounts = o.putArray("accounts");
        for (PermissionLevel p : permissions) {
            accounts.addObject().put("actor", p.actor().toString()).put("permission", p.permission().toString());
        }
        ArrayNode keyArray = o.putArray("keys");
        keys.forEach(k -> keyArray.add(k.toString()));
        return MAPPER.writeValueAsBytes(o);
    }

    /** The transaction itself, as {@code push_transaction} and {@code send_transaction} take it. */
    static byte[] transaction(Object transaction) throws JsonProcessingException {
        return MAPPER.writeValueAsBytes(transaction);
    }

    /** {@code {"transaction": ...}}, as {@code compute_transaction} and read-only transactions take it. */
    static byte[] wrapped(Object transaction) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.set("transaction", MAPPER.valueToTree(transaction));
        return MAPPER.writeValueAsBytes(o);
    }

    /** {@code send_transaction2}: the options, then the transaction. */
    static byte[] sendTransaction2(Object transaction, SendOptions options) throws JsonProcessingException {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("return_failure_trace", options.returnFailureTrace());
        o.put("retry_trx", options.retryTrx());
        if (options.retryTrxNumBlocks() != null) {
            o.put("retry_trx_num_blocks", options.retryTrxNumBlocks());
        }
        o.set("transaction", MAPPER.valueToTree(transaction));
        return MAPPER.writeValueAsBytes(o);
    }

    /** A value for {@link ChainClient#call}: {@code {}} for {@code null}, else the value as the mapper writes it. */
    static byte[] value(Object body) throws JsonProcessingException {
        return body == null ? EMPTY : MAPPER.writeValueAsBytes(body);
    }
}
