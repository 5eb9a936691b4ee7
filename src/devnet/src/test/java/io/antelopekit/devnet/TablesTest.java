package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.crypto.PublicKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic tables below the HTTP API: what no built-in contract exercises (a float128
 * index), the refusal of writes in a read-only transaction, undo, and the node's number
 * conversions.
 */
class TablesTest {

    static final Name CODE = Name.from("ldbl");
    static final Name TABLE = Name.from("vals");
    static final Name SCOPE = Name.from("s");
    static final Abi ABI = Abi.fromJson("{\"version\":\"eosio::abi/1.2\",\"structs\":[{\"name\":\"val\",\"base\":\"\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"uint64\"},{\"name\":\"v\",\"type\":\"float64\"}]}],"
            + "\"tables\":[{\"name\":\"vals\",\"index_type\":\"i64\",\"key_names\":[],\"key_types\":[],\"type\":\"val\"}]}");

    /** A state with account {@code ldbl}, its ABI, and rows whose second index is float128. */
    static ChainState state(double... values) {
        ChainState state = new ChainState();
        PublicKey key = DevAccount.of(CODE).publicKey();
        ChainState.Account a = state.createAccount(CODE, Chain.single(key), Chain.single(key), TimePoint.of(0));
        a.compiledAbi = ABI;
        for (int i = 0; i < values.length; i++) {
            long id = i + 1;
            ObjectNode row = Json.MAPPER.createObjectNode().put("id", id).put("v", values[i]);
            state.tables.store(CODE, SCOPE, TABLE, CODE, id, ABI.encode("val", row));
            state.tables.storeSecondary(Tables.Kind.LONG_DOUBLE, CODE, SCOPE, TABLE, CODE, id,
                    new Tables.Float128Bits(TableApi.doubleToFloat128(values[i])));
        }
        state.undo.commit();
        return state;
    }

    static JsonNode rows(ChainState state, String... fields) {
        ObjectNode q = Json.MAPPER.createObjectNode().put("code", "ldbl").put("scope", "s").put("table", "vals").put("json", true)
                .put("index_position", "2").put("key_type", "float128");
        for (int i = 0; i < fields.length; i += 2) {
            q.put(fields[i], fields[i + 1]);
        }
        return Json.MAPPER.valueToTree(new TableApi(state).rows(q));
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("rows").forEach(r -> out.add(r.get("id").asLong()));
        return out;
    }

    @Test
    void aFloat128IndexOrdersByValueAndReadsDecimalOrHexBounds() {
        ChainState s = state(1.0, -2.5, 1e10, 0.0, -0.0);
        // -2.5, then 0 and -0 (equal: by primary key), 1, 1e10
        assertThat(ids(rows(s))).containsExactly(2L, 4L, 5L, 1L, 3L);
        assertThat(ids(rows(s, "lower_bound", "0.5"))).containsExactly(1L, 3L);
        // hex: the binary128 bits as one number; 0x3fff0000000000000000000000000000 is 1.0
        assertThat(ids(rows(s, "encode_type", "hex", "lower_bound", "0x3fff0000000000000000000000000000")))
                .containsExactly(1L, 3L);
        JsonNode page = rows(s, "limit", "4");
        assertThat(page.get("next_key").asText()).as("the key as a double, 17 decimals").isEqualTo(
                "10000000000.00000000000000000");
        assertThat(rows(s, "limit", "1", "reverse", "true").get("next_key").asText())
                .isEqualTo("1.00000000000000000");
    }

    @Test
    void float128ConvertsToTheNearestDoubleTiesToEven() {
        BigInteger one = TableApi.doubleToFloat128(1.0);
        assertThat(one.toString(16)).isEqualTo("3fff0000000000000000000000000000");
        assertThat(TableApi.float128ToDouble(one)).isEqualTo(1.0);
        // 1 + 2^-53 is half way between 1 and the next double: even (1.0) wins
        assertThat(TableApi.float128ToDouble(one.setBit(112 - 53))).isEqualTo(1.0);
        // 1 + 2^-53 + 2^-60 is above half way
        assertThat(TableApi.float128ToDouble(one.setBit(112 - 53).setBit(112 - 60))).isEqualTo(Math.nextUp(1.0));
        for (double d : new double[] {-2.5, 1e-310, Double.MIN_VALUE, Double.MAX_VALUE, 1e300, -0.0}) {
            assertThat(TableApi.float128ToDouble(TableApi.doubleToFloat128(d))).as("%s round trip", d).isEqualTo(d);
        }
        assertThat(TableApi.float128ToDouble(TableApi.doubleToFloat128(Double.MAX_VALUE).add(BigInteger.ONE
                .shiftLeft(112)))).as("past the double range").isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void doublesAreWrittenAsFcWritesThem() {
        assertThat(TableApi.fcDouble(0.1)).isEqualTo("0.10000000000000001");
        assertThat(TableApi.fcDouble(-0.0)).isEqualTo("-0.00000000000000000");
        assertThat(TableApi.fcDouble(2.25)).isEqualTo("2.25000000000000000");
        assertThat(TableApi.fcDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void boundsAreReadAsTheNodesParsersReadThem() {
        assertThat(TableApi.boostUnsigned("010", 128, "lower_bound")).as("octal").isEqualTo(BigInteger.valueOf(8));
        assertThat(TableApi.boostUnsigned("0xff", 128, "lower_bound")).isEqualTo(BigInteger.valueOf(255));
        assertThat(TableApi.boostUnsigned("-1", 128, "lower_bound")).as("wraps")
                .isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        assertThat(TableApi.lexicalUint64("-1")).isEqualTo(-1L);
        assertThat(TableApi.toUint64("alice", "scope")).isEqualTo(Name.from("alice").value());
        assertThat(TableApi.toUint64("4,EOS", "scope")).isEqualTo(io.antelopekit.chain.Symbol.from("4,EOS").value());
        assertThat(TableApi.toUint64("EOS", "scope")).isEqualTo(io.antelopekit.chain.SymbolCode.from("EOS").value());
        assertThatThrownBy(() -> TableApi.nodeName("alice.")).hasMessageContaining(
                "Name not properly normalized (name: alice., normalized: alice)");
        assertThat(TableApi.indexPosition("")).isEqualTo(-1);
        assertThat(TableApi.indexPosition("1")).isEqualTo(-1);
        assertThat(TableApi.indexPosition("secondary")).isZero();
        assertThat(TableApi.indexPosition("three")).isEqualTo(1);
        assertThat(TableApi.indexPosition("tenth")).isEqualTo(8);
        assertThat(TableApi.indexPosition("12")).isEqualTo(10);
    }

    @Test
    void aReadOnlyActionCannotWriteATable() {
        ChainState s = state(1.0);
        Action act = Action.of(CODE, Name.from("any"), List.of(), io.antelopekit.chain.Bytes.of(new byte[0]));
        ActionContext ctx = new ActionContext(act, CODE, s, TimePoint.of(0), true);
        assertThatThrownBy(() -> ctx.store(SCOPE, TABLE, CODE, 9, new byte[16]))
                .isInstanceOfSatisfying(NodeError.class, e -> {
                    assertThat(e.kind()).isEqualTo(NodeError.TABLE_OPERATION_NOT_PERMITTED);
                    assertThat(e.details().get(0).message())
                            .isEqualTo("cannot store a db record when executing a readonly transaction");
                    assertThat(e.details().get(0).method()).isEqualTo("db_store_i64");
                });
        assertThatThrownBy(() -> ctx.update(SCOPE, TABLE, 1, null, new byte[16])).isInstanceOfSatisfying(
                NodeError.class, e -> assertThat(e.details().get(0).message())
                        .isEqualTo("cannot update a db record when executing a readonly transaction"));
        assertThatThrownBy(() -> ctx.removeSecondary(Tables.Kind.LONG_DOUBLE, SCOPE, TABLE, 0, 1))
                .isInstanceOfSatisfying(NodeError.class, e -> assertThat(e.details().get(0).message())
                        .isEqualTo("cannot remove a db record when executing a readonly transaction"));
        assertThat(s.tables.find(CODE, SCOPE, TABLE, 9)).isNull();
        // reads are allowed
        assertThat(ctx.find(SCOPE, TABLE, 1)).isNotNull();
    }

    @Test
    void aRolledBackTransactionLeavesTheTablesAsTheyWere() {
        ChainState s = state(1.0);
        s.tables.store(CODE, Name.from("t2"), TABLE, CODE, 7, new byte[] {1});
        s.tables.remove(CODE, SCOPE, TABLE, 1);
        s.tables.removeSecondary(Tables.Kind.LONG_DOUBLE, CODE, SCOPE, TABLE, 1);
        assertThat(s.tables.table(CODE, SCOPE, TABLE)).as("gone with its last object").isNull();
        s.undo.rollback();
        assertThat(s.tables.table(CODE, Name.from("t2"), TABLE)).isNull();
        Tables.Table t = s.tables.table(CODE, SCOPE, TABLE);
        assertThat(t.count).isEqualTo(2);
        assertThat(t.rows).containsOnlyKeys(1L);
        assertThat(t.index(Tables.Kind.LONG_DOUBLE).ordered).hasSize(1);
    }
}
