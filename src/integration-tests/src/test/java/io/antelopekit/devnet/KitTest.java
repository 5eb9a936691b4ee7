package io.antelopekit.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test helper: the built-in {@code kittest} contract's actions, built with its ABI and sent to a devnet. */
final class KitTest {

    static final Abi ABI = Abi.fromJson(DevnetHttp.resource("/io/antelopekit/devnet/kittest.abi.json"));

    /**
     * An item as the tests set it.
     *
     * @param scope its scope
     * @param id its primary key
     * @param owner its owner (authorizes, pays)
     * @param price secondary index 3 (float64)
     * @param hash secondary index 4 (sha256), 64 hex digits
     * @param rank secondary index 5 (i128)
     */
    record Item(String scope, long id, String owner, double price, String hash, BigInteger rank) {
        /** The setitem data: the item's fields, a label, tags, a note, a payload variant and the {@code extra} extension. */
        ObjectNode data(Integer extra) {
            ObjectNode d = DevnetHttp.MAPPER.createObjectNode();
            d.put("scope", scope).put("id", id).put("owner", owner).put("price", price).put("hash", hash)
                    .put("rank", rank.toString()).put("label", "item " + id);
            ArrayNode tags = d.putArray("tags");
            for (long i = 0; i < id % 3; i++) {
                tags.add("t" + i);
            }
            if (id % 2 == 0) {
                d.put("note", "even " + id);
            } else {
                d.putNull("note");
            }
            ArrayNode payload = d.putArray("payload");
            if (id % 3 == 0) {
                payload.add("uint64").add(id * 1000);
            } else if (id % 3 == 1) {
                payload.add("string").add("p" + id);
            } else {
                payload.add("point3").addObject().put("x", (int) id).put("y", -1).put("z", 7);
            }
            if (extra != null) {
                d.put("extra", extra);
            }
            return d;
        }

        /** The row's binary form: the {@code item} struct of the setitem data. */
        byte[] binary() {
            ObjectNode d = data(null);
            d.remove("scope");
            return ABI.encode("item", d);
        }

        /**
         * The row as a node writes it decoded: 64-bit integers as numbers up to 0xffffffff,
         * float64 as a string with 17 decimals, uint128 as a decimal string.
         */
        JsonNode row() {
            ObjectNode d = data(null);
            d.remove("scope");
            d.put("price", fixed17(price));
            JsonNode payload = d.get("payload");
            if (payload.get(0).asText().equals("uint64")) {
                ((ArrayNode) payload).set(1, DevnetHttp.MAPPER.getNodeFactory().numberNode(id * 1000));
            }
            return d;
        }
    }

    /** How a node writes a double: fixed, 17 decimals. */
    static String fixed17(double d) {
        String s = new java.math.BigDecimal(d).setScale(17, java.math.RoundingMode.HALF_EVEN).toPlainString();
        return d == 0 && 1 / d < 0 ? "-" + s : s;
    }

    /** The SHA-256 of {@code text}, in hex: a test item's hash. */
    static String hash(String text) {
        return Checksum256.hash(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private final DevnetHttp node;

    KitTest(DevnetHttp node) {
        this.node = node;
    }

    static Action setitem(Item item, PermissionLevel auth, Integer extra) {
        return Action.of("kittest", "setitem", auth, item.data(extra), ABI);
    }

    static Action delitem(String scope, long id, PermissionLevel auth) {
        return Action.of("kittest", "delitem", auth, Map.of("scope", scope, "id", id), ABI);
    }

    static Action stats(String scope, String owner, List<PermissionLevel> auth) {
        return Action.of("kittest", "stats", auth, Map.of("scope", scope, "owner", owner), ABI);
    }

    /** Sends {@code action} signed by the dev key of each authorizer. */
    DevnetHttp.Resp push(Action action) {
        return node.send(signed(action));
    }

    PackedTransaction signed(Action action) {
        Transaction t = Transaction.of(node.header(60), action);
        return node.sign(t, action.authorization().stream().map(p -> DevAccount.of(p.actor()).privateKey())
                .distinct().toArray(io.antelopekit.crypto.PrivateKey[]::new));
    }

    /** Stores {@code item}, authorized by its owner; fails the test unless the node accepted it. */
    void set(Item item) {
        DevnetHttp.Resp r = push(setitem(item, PermissionLevel.of(item.owner(), "active"), null));
        if (r.status() != 202) {
            throw new AssertionError("setitem " + item + " refused: " + r.body());
        }
    }

    /** {@code send_read_only_transaction} of {@code actions}, unsigned. */
    DevnetHttp.Resp readOnly(Transaction trx) {
        return node.call("/v1/chain/send_read_only_transaction", Map.of("transaction", node.sign(trx)));
    }

    DevnetHttp.Resp readOnly(Action... actions) {
        return readOnly(Transaction.of(node.header(60), actions));
    }
}
