package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ActionTrace;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * The built-in {@code kittest} contract (setitem, delitem and the read-only stats) and
 * {@code send_read_only_transaction} as the node runs it: return values, refused writes and
 * authorizations, failures answered as traces.
 */
class DevnetKitTestTest {

    static Devnet devnet;
    static DevnetHttp node;
    static KitTest kit;
    static ChainClient client;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction());

    static final PermissionLevel ALICE = PermissionLevel.of("alice", "active");
    static final PermissionLevel BOB = PermissionLevel.of("bob", "active");

    static KitTest.Item item(String scope, long id, String owner, double price) {
        return new KitTest.Item(scope, id, owner, price, KitTest.hash(scope + id), BigInteger.valueOf(id * 10));
    }

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
        kit = new KitTest(node);
        client = ChainClient.builder().endpoints(devnet.url()).build();
        kit.set(item("market", 1, "alice", 5.5));
        kit.set(item("market", 2, "alice", 8.25));
        kit.set(item("market", 3, "bob", 100));
        kit.set(item("market", 4, "alice", 8.25));
        kit.set(item("market", 5, "alice", 0.125));
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static JsonNode row(String scope, long id) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("code", "kittest");
        q.put("scope", scope);
        q.put("table", "items");
        q.put("json", true);
        q.put("show_payer", true);
        q.put("lower_bound", Long.toString(id));
        q.put("upper_bound", Long.toString(id));
        JsonNode rows = node.call("/v1/chain/get_table_rows", q).body().get("rows");
        return rows.isEmpty() ? null : rows.get(0);
    }

    static JsonNode except(DevnetHttp.Resp r) {
        assertThat(r.status()).as("a read-only failure is a trace: %s", r.body()).isEqualTo(200);
        JsonNode except = r.body().get("processed").get("except");
        assertThat(except.isObject()).as("except in %s", r.body()).isTrue();
        return except;
    }

    static String exceptMessage(JsonNode except) {
        return except.get("stack").get(0).get("format").asText();
    }

    // ------------------------------------------------------------------ read-only transactions

    @Test
    void statsInAReadOnlyTransactionReturnsTheOwnersFigures() {
        DevnetHttp.Resp r = kit.readOnly(KitTest.stats("market", "alice", List.of()));
        assertThat(r.status()).isEqualTo(200);
        JsonNode p = r.body().get("processed");
        assertThat(p.get("except").isNull()).isTrue();
        assertThat(p.get("receipt").toString()).isEqualTo("{\"status\":\"executed\",\"cpu_usage_us\":0,"
                + "\"net_usage_words\":0}");
        assertThat(p.get("net_usage").asLong() % 8).as("net usage rounded up to a word").isZero();
        JsonNode t = p.get("action_traces").get(0);
        // four items of alice: 5.5 + 8.25 + 8.25 + 0.125; the most expensive is item 2 (item 4 ties, a higher id)
        assertThat(t.get("return_value_data").toString())
                .isEqualTo("{\"owner\":\"alice\",\"count\":4,\"total\":\"22.12500000000000000\",\"top\":2}");
        byte[] expected = KitTest.ABI.encode("stats_result", t.get("return_value_data"));
        assertThat(t.get("return_value_hex_data").asText()).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(t.get("receipt").get("global_sequence").asLong()).isZero();
        assertThat(t.get("receipt").get("recv_sequence").asLong()).isZero();
        assertThat(t.get("receipt").get("auth_sequence")).isEmpty();
        assertThat(t.get("act").get("data").get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void statsOfAnOwnerWithoutItemsHasNoTop() {
        JsonNode t = kit.readOnly(KitTest.stats("market", "carol", List.of())).body().get("processed")
                .get("action_traces").get(0);
        assertThat(t.get("return_value_data").toString())
                .isEqualTo("{\"owner\":\"carol\",\"count\":0,\"total\":\"0.00000000000000000\",\"top\":null}");
    }

    @Test
    void theClientReadsTheReturnValueOfAReadOnlyTransaction() {
        Transaction t = Transaction.of(node.header(60), KitTest.stats("market", "bob", List.of()));
        StepVerifier.create(client.sendReadOnlyTransaction(node.sign(t)))
                .assertNext(res -> {
                    assertThat(res.transactionId()).isEqualTo(t.id());
                    ActionTrace a = res.processed().actionTraces().get(0);
                    assertThat(a.returnValueData().get("count").asInt()).isEqualTo(1);
                    assertThat(a.returnValueData().get("top").asLong()).isEqualTo(3);
                    assertThat(res.processed().failed()).isFalse();
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void aReadOnlyTransactionIsNotCheckedForExpirationTaposOrSignatures() {
        // expired long ago, a reference block that never was, signed by a key that has nothing to do with it
        TransactionHeader stale = TransactionHeader.of(TimePointSec.of(1_000_000), Checksum256.hash(new byte[] {1}));
        Transaction t = Transaction.of(stale, KitTest.stats("market", "alice", List.of()));
        DevnetHttp.Resp r = node.call("/v1/chain/send_read_only_transaction", Map.of("transaction",
                node.sign(t, DevAccount.of("dave").privateKey())));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("processed").get("except").isNull()).isTrue();
        assertThat(r.body().get("processed").get("action_traces").get(0).get("return_value_data").get("count")
                .asInt()).isEqualTo(4);
    }

    @Test
    void aReadOnlyActionWithAnAuthorizationIsRefused() {
        JsonNode except = except(kit.readOnly(KitTest.stats("market", "alice", List.of(ALICE))));
        assertThat(except.get("name").asText()).isEqualTo("transaction_exception");
        assertThat(except.get("code").asLong()).isEqualTo(3040000);
        assertThat(exceptMessage(except)).isEqualTo("read-only action 'stats' cannot have authorizations");
    }

    @Test
    void aReadOnlyTransactionThatWritesIsRefusedAndChangesNothing() {
        // setitem needs its owner's authority, which a read-only transaction cannot declare
        DevnetHttp.Resp r = kit.readOnly(KitTest.setitem(item("market", 9, "alice", 1), ALICE, null)
                .withAuthorization(List.of()));
        JsonNode except = except(r);
        assertThat(except.get("name").asText()).isEqualTo("missing_auth_exception");
        assertThat(exceptMessage(except)).isEqualTo("missing authority of alice");
        JsonNode failed = r.body().get("processed").get("action_traces").get(0);
        assertThat(failed.get("receipt").isNull()).isTrue();
        assertThat(failed.get("except").get("name").asText()).isEqualTo("missing_auth_exception");
        assertThat(row("market", 9)).isNull();
        // a native action that writes is refused by its handler's first check
        Action newaccount = Action.of("eosio", "newaccount", List.of(), Map.of("creator", "alice", "name", "zed",
                "owner", Map.of("threshold", 1, "keys", List.of(), "accounts", List.of(), "waits", List.of()),
                "active", Map.of("threshold", 1, "keys", List.of(), "accounts", List.of(), "waits", List.of())),
                DevnetHttp.EOSIO_ABI);
        JsonNode refused = except(kit.readOnly(newaccount));
        assertThat(refused.get("name").asText()).isEqualTo("action_validate_exception");
        assertThat(exceptMessage(refused)).isEqualTo("newaccount not allowed in read-only transaction");
        assertThat(node.call("/v1/chain/get_account", Map.of("account_name", "zed")).status()).isEqualTo(500);
    }

    @Test
    void aFailedReadOnlyTransactionListsTheActionsAsTheNodeLeavesThem() {
        DevnetHttp.Resp r = kit.readOnly(KitTest.stats("market", "alice", List.of()),
                KitTest.delitem("market", 99, ALICE).withAuthorization(List.of()),
                KitTest.stats("market", "bob", List.of()));
        JsonNode p = r.body().get("processed");
        assertThat(p.get("except").get("name").asText()).isEqualTo("eosio_assert_message_exception");
        assertThat(exceptMessage(p.get("except"))).isEqualTo("assertion failure with message: item not found");
        assertThat(p.get("receipt").isNull()).isTrue();
        JsonNode traces = p.get("action_traces");
        assertThat(traces).hasSize(3);
        assertThat(traces.get(0).get("receipt").isObject()).as("ran").isTrue();
        assertThat(traces.get(0).get("return_value_data").get("count").asInt()).isEqualTo(4);
        assertThat(traces.get(1).get("receipt").isNull()).as("failed").isTrue();
        assertThat(traces.get(1).get("except").get("name").asText()).isEqualTo("eosio_assert_message_exception");
        assertThat(traces.get(2).get("receipt").isNull()).as("not run").isTrue();
        assertThat(traces.get(2).get("except").isNull()).isTrue();
        assertThat(traces.get(2).has("return_value_data")).as("nothing returned").isFalse();
    }

    @Test
    void aDelayedReadOnlyTransactionIsRefusedBeforeItRuns() {
        Transaction t = Transaction.of(node.header(60).withDelaySec(10), KitTest.stats("market", "alice", List.of()));
        DevnetHttp.Resp r = kit.readOnly(t);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorName()).isEqualTo("transaction_exception");
        assertThat(r.errorMessage()).isEqualTo("transaction cannot be delayed");
    }

    @Test
    void statsPushedNormallyReturnsItsValueInTheTraceAndChangesNothing() {
        DevnetHttp.Resp r = kit.push(KitTest.stats("market", "bob", List.of(BOB)));
        assertThat(r.status()).isEqualTo(202);
        JsonNode t = r.body().get("processed").get("action_traces").get(0);
        assertThat(t.get("return_value_data").toString())
                .isEqualTo("{\"owner\":\"bob\",\"count\":1,\"total\":\"100.00000000000000000\",\"top\":3}");
        assertThat(t.get("receipt").get("global_sequence").asLong()).isPositive();
        // the digest covers the return value (generate_action_digest)
        assertThat(t.get("receipt").get("act_digest").asText()).hasSize(64);
    }

    // ------------------------------------------------------------------ setitem and delitem

    @Test
    void setitemStoresTheRowPaidByItsOwnerAndIgnoresTheExtension() {
        KitTest.Item i = item("hall", 1, "bob", 3.5);
        DevnetHttp.Resp r = kit.push(KitTest.setitem(i, BOB, 42));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
        JsonNode stored = row("hall", 1);
        assertThat(stored.get("payer").asText()).isEqualTo("bob");
        assertThat(stored.get("data").toString()).isEqualTo(i.row().toString());
        // replaced by its owner, same id: a new price moves it in the price index
        kit.set(item("hall", 1, "bob", 0.5));
        assertThat(row("hall", 1).get("data").get("price").asDouble()).isEqualTo(0.5);
        JsonNode byPrice = node.call("/v1/chain/get_table_rows", Map.of("code", "kittest", "scope", "hall", "table",
                "items", "index_position", "3", "key_type", "float64", "upper_bound", "1")).body();
        assertThat(byPrice.get("rows")).hasSize(1);
    }

    @Test
    void setitemNeedsTheOwnersAuthority() {
        DevnetHttp.Resp r = kit.push(KitTest.setitem(item("market", 7, "alice", 1), BOB, null));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorName()).isEqualTo("missing_auth_exception");
        assertThat(r.errorMessage()).isEqualTo("missing authority of alice");
        assertThat(row("market", 7)).isNull();
    }

    @Test
    void anItemOfAnotherOwnerCannotBeReplaced() {
        DevnetHttp.Resp r = kit.push(KitTest.setitem(item("market", 1, "bob", 1), BOB, null));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorName()).isEqualTo("eosio_assert_message_exception");
        assertThat(r.errorMessage()).isEqualTo("assertion failure with message: item belongs to another owner");
        assertThat(row("market", 1).get("payer").asText()).isEqualTo("alice");
    }

    @Test
    void aNaNPriceIsRefusedAsTheNodeRefusesANaNSecondaryKey() {
        DevnetHttp.Resp r = kit.push(KitTest.setitem(item("market", 8, "alice", Double.NaN), ALICE, null));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorName()).isEqualTo("transaction_exception");
        assertThat(r.errorMessage()).isEqualTo("NaN is not an allowed value for a secondary key");
    }

    @Test
    void delitemNeedsTheOwnersAuthorityAndAnItem() {
        kit.set(item("cellar", 1, "alice", 2));
        kit.set(item("cellar", 2, "alice", 3));
        DevnetHttp.Resp byBob = kit.push(KitTest.delitem("cellar", 1, BOB));
        assertThat(byBob.errorName()).isEqualTo("missing_auth_exception");
        assertThat(byBob.errorMessage()).isEqualTo("missing authority of alice");
        DevnetHttp.Resp missing = kit.push(KitTest.delitem("cellar", 42, ALICE));
        assertThat(missing.errorName()).isEqualTo("eosio_assert_message_exception");
        assertThat(missing.errorMessage()).isEqualTo("assertion failure with message: item not found");
        assertThat(kit.push(KitTest.delitem("cellar", 1, ALICE)).status()).isEqualTo(202);
        assertThat(row("cellar", 1)).isNull();
        JsonNode scope = node.call("/v1/chain/get_table_by_scope", Map.of("code", "kittest", "lower_bound", "cellar",
                "upper_bound", "cellar")).body();
        assertThat(scope.get("rows")).hasSize(4);
        assertThat(scope.get("rows").get(0).get("count").asInt()).as("one row and its owner entry").isEqualTo(2);
        // the last item gone, the scope's tables go too
        assertThat(kit.push(KitTest.delitem("cellar", 2, ALICE)).status()).isEqualTo(202);
        assertThat(node.call("/v1/chain/get_table_by_scope", Map.of("code", "kittest", "lower_bound", "cellar",
                "upper_bound", "cellar")).body().get("rows")).isEmpty();
    }

    @Test
    void kittestIsAnAccountWithCodeAndItsAbi() {
        JsonNode abi = node.call("/v1/chain/get_abi", Map.of("account_name", "kittest")).body();
        assertThat(abi.get("abi").get("action_results").get(0).get("result_type").asText()).isEqualTo("stats_result");
        JsonNode raw = node.call("/v1/chain/get_raw_abi", Map.of("account_name", "kittest")).body();
        assertThat(raw.get("code_hash").asText()).isNotEqualTo("0".repeat(64));
        JsonNode account = node.call("/v1/chain/get_account", Map.of("account_name", "kittest")).body();
        assertThat(account.get("last_code_update").asText()).isNotEqualTo("1970-01-01T00:00:00.000");
        assertThat(Devnet.TEST_CONTRACT).isEqualTo(Name.from("kittest"));
    }
}
