package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.AbiDefinition;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.transaction.Compression;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.SignedTransaction;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The devnet as a node: real HTTP on 127.0.0.1, transactions built and signed with the SDK. */
class DevnetTest {

    static Devnet devnet;
    static DevnetHttp node;
    static final DevAccount ALICE = DevAccount.of("alice");
    static final DevAccount BOB = DevAccount.of("bob");
    static final DevAccount CAROL = DevAccount.of("carol");
    static final DevAccount DAVE = DevAccount.of("dave");

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.manualBlockProduction().irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
    }

    @AfterAll
    static void stop() {
    }

    @Test
    void getInfoHasTheChainIdAndAHeadAndIrreversibleBlock() {
        StepVerifier.create(node.post("/v1/chain/get_info", "{}"))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.body().get("chain_id").asText()).isEqualTo(devnet.chainId().toString());
                    assertThat(r.body().get("head_block_num").asLong()).isPositive();
                    assertThat(r.body().get("last_irreversible_block_num").asLong())
                            .isLessThanOrEqualTo(r.body().get("head_block_num").asLong());
                    assertThat(r.body().get("head_block_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
                    assertThat(r.body().get("head_block_id").asText()).hasSize(64);
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void aSignedTransferIsAcceptedMovesBalancesAndBecomesIrreversible() {
        long aliceBefore = node.balance("alice", "EOS");
        long bobBefore = node.balance("bob", "EOS");
        PackedTransaction trx = node.transfer("alice", "bob", "1.2345 EOS", "hi bob", ALICE.privateKey());
        Checksum256 id = trx.id();

        StepVerifier.create(node.post("/v1/chain/send_transaction", trx))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(202);
                    assertThat(r.body().get("transaction_id").asText()).isEqualTo(id.toString());
                    JsonNode p = r.body().get("processed");
                    assertThat(p.get("receipt").get("status").asText()).isEqualTo("executed");
                    JsonNode traces = p.get("action_traces");
                    assertThat(traces).hasSize(3);
                    assertThat(traces.get(0).get("receiver").asText()).isEqualTo("eosio.token");
                    assertThat(traces.get(0).get("act").get("data").get("quantity").asText()).isEqualTo("1.2345 EOS");
                    assertThat(traces.get(1).get("receiver").asText()).isEqualTo("alice");
                    assertThat(traces.get(1).get("creator_action_ordinal").asInt()).isEqualTo(1);
                    assertThat(traces.get(2).get("receiver").asText()).isEqualTo("bob");
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);

        assertThat(node.balance("alice", "EOS")).isEqualTo(aliceBefore - 12345);
        assertThat(node.balance("bob", "EOS")).isEqualTo(bobBefore + 12345);
        assertThat(node.status(id)).isEqualTo("LOCALLY_APPLIED");

        StepVerifier.create(devnet.produceBlock()).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
        assertThat(node.status(id)).isEqualTo("IN_BLOCK");
        JsonNode st = node.call("/v1/chain/get_transaction_status", Map.of("id", id.toString())).body();
        JsonNode block = node.call("/v1/chain/get_block", Map.of("block_num_or_id", st.get("block_number").asLong())).body();
        assertThat(block.get("id").asText()).isEqualTo(st.get("block_id").asText());
        JsonNode inBlock = null;
        for (JsonNode t : block.get("transactions")) {
            if (t.get("trx").get("id").asText().equals(id.toString())) {
                inBlock = t;
            }
        }
        assertThat(inBlock).as("the transaction in its block").isNotNull();
        assertThat(inBlock.get("status").asText()).isEqualTo("executed");
        assertThat(inBlock.get("trx").get("transaction").get("actions").get(0).get("data").get("memo").asText())
                .isEqualTo("hi bob");

        StepVerifier.create(devnet.produceBlocks(2)).expectNextCount(1).expectComplete().verify(DevnetHttp.TIMEOUT);
        assertThat(node.status(id)).isEqualTo("IRREVERSIBLE");
    }

    @Test
    void aSignatureByAnotherKeyIsUnsatisfiedAuthorization() {
        PackedTransaction trx = node.transfer("alice", "bob", "0.0001 EOS", "", BOB.privateKey());
        StepVerifier.create(node.post("/v1/chain/send_transaction", trx))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.body().get("code").asInt()).isEqualTo(401);
                    assertThat(r.errorName()).isEqualTo("unsatisfied_authorization");
                    assertThat(r.body().get("error").get("code").asLong()).isEqualTo(3090003);
                    assertThat(r.errorMessage()).contains("transaction declares authority '{\"actor\":\"alice\","
                            + "\"permission\":\"active\"}'").contains(BOB.publicKey().toLegacyString());
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        assertThat(node.status(trx.id())).isEqualTo("FAILED");
    }

    @Test
    void aTransferAuthorizedByTheWrongAccountIsMissingAuthority() {
        Transaction t = Transaction.of(node.header(60), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "",
                PermissionLevel.of("bob", "active")));
        StepVerifier.create(node.post("/v1/chain/send_transaction", node.sign(t, BOB.privateKey())))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(500);
                    assertThat(r.errorName()).isEqualTo("missing_auth_exception");
                    assertThat(r.errorMessage()).isEqualTo("missing authority of alice");
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void anExpiredTransactionIsRefused() {
        Transaction t = Transaction.of(node.header(-1), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "",
                ALICE.active()));
        StepVerifier.create(node.post("/v1/chain/send_transaction", node.sign(t, ALICE.privateKey())))
                .assertNext(r -> {
                    assertThat(r.errorName()).isEqualTo("expired_tx_exception");
                    assertThat(r.body().get("error").get("code").asLong()).isEqualTo(3040005);
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        Transaction far = Transaction.of(node.header(3700), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "",
                ALICE.active()));
        assertThat(node.send(node.sign(far, ALICE.privateKey())).errorName()).isEqualTo("tx_exp_too_far_exception");
    }

    @Test
    void theSameTransactionTwiceIsADuplicate() {
        PackedTransaction trx = node.transfer("alice", "carol", "0.0002 EOS", "once", ALICE.privateKey());
        assertThat(node.send(trx).status()).isEqualTo(202);
        StepVerifier.create(node.post("/v1/chain/push_transaction", trx))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.errorName()).isEqualTo("tx_duplicate");
                    assertThat(r.body().get("error").get("code").asLong()).isEqualTo(3040008);
                    assertThat(r.errorMessage()).isEqualTo("duplicate transaction " + trx.id());
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void overdrawingIsTheContractsAssertion() {
        long balance = node.balance("dave", "EOS");
        String tooMuch = String.format("%d.%04d EOS", (balance + 1) / 10000, (balance + 1) % 10000);
        StepVerifier.create(node.post("/v1/chain/send_transaction",
                        node.transfer("dave", "alice", tooMuch, "", DAVE.privateKey())))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(500);
                    assertThat(r.errorName()).isEqualTo("eosio_assert_message_exception");
                    assertThat(r.errorMessage()).isEqualTo("assertion failure with message: overdrawn balance");
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        assertThat(node.balance("dave", "EOS")).isEqualTo(balance);
    }

    @Test
    void tokenContractChecksHaveTheContractsMessages() {
        String memo = "x".repeat(257);
        assertThat(node.send(node.transfer("alice", "bob", "1.0000 EOS", memo, ALICE.privateKey())).errorMessage())
                .isEqualTo("assertion failure with message: memo has more than 256 bytes");
        assertThat(node.send(node.transfer("alice", "bob", "1.00 EOS", "", ALICE.privateKey())).errorMessage())
                .isEqualTo("assertion failure with message: symbol precision mismatch");
        assertThat(node.send(node.transfer("alice", "alice", "1.0000 EOS", "", ALICE.privateKey())).errorMessage())
                .isEqualTo("assertion failure with message: cannot transfer to self");
        assertThat(node.send(node.transfer("alice", "bob", "0.0000 EOS", "", ALICE.privateKey())).errorMessage())
                .isEqualTo("assertion failure with message: must transfer positive quantity");
        assertThat(node.send(node.transfer("alice", "nobody", "1.0000 EOS", "", ALICE.privateKey())).errorMessage())
                .isEqualTo("assertion failure with message: to account does not exist");
    }

    @Test
    void aWrongReferenceBlockIsInvalidTapos() {
        TransactionHeader h = node.header(60);
        TransactionHeader bad = new TransactionHeader(h.expiration(), h.refBlockNum(), (h.refBlockPrefix() + 1) & 0xFFFFFFFFL,
                0, 0, 0);
        Transaction t = Transaction.of(bad, DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "", ALICE.active()));
        assertThat(node.send(node.sign(t, ALICE.privateKey())).errorName()).isEqualTo("invalid_ref_block_exception");
    }

    @Test
    void anExtraSignatureIsIrrelevant() {
        PackedTransaction p = node.sign(Transaction.of(node.header(60),
                DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "", ALICE.active())),
                ALICE.privateKey(), CAROL.privateKey());
        assertThat(node.send(p).errorName()).isEqualTo("tx_irrelevant_sig");
    }

    @Test
    void contextFreeDataIsCoveredByTheSignature() {
        Transaction t = Transaction.of(node.header(60), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "cfd",
                ALICE.active()));
        SignedTransaction signedWithout = t.sign(devnet.chainId(), ALICE.privateKey());
        PackedTransaction tampered = signedWithout.withContextFreeData(List.of(Bytes.from("abcd"))).pack(Compression.ZLIB);
        assertThat(node.send(tampered).errorName()).isEqualTo("unsatisfied_authorization");
        SignedTransaction good = SignedTransaction.of(t, List.of(), List.of(Bytes.from("abcd")))
                .sign(devnet.chainId(), ALICE.privateKey());
        assertThat(node.send(good.pack(Compression.ZLIB)).status()).isEqualTo(202);
    }

    @Test
    void aTransactionOverTheNetLimitIsRefused() {
        Transaction t = Transaction.of(node.header(60).withLimits(8, 0),
                DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "", ALICE.active()));
        DevnetHttp.Resp r = node.send(node.sign(t, ALICE.privateKey()));
        assertThat(r.errorName()).isEqualTo("tx_net_usage_exceeded");
        assertThat(r.errorMessage()).startsWith("transaction net usage is too high: ").endsWith(" > 64");
    }

    @Test
    void unknownEndpointsGetTheNodes404() {
        StepVerifier.create(node.post("/v1/chain/get_nothing", "{}"))
                .assertNext(r -> {
                    assertThat(r.status()).isEqualTo(404);
                    assertThat(r.body().get("message").asText()).isEqualTo("Not Found");
                    assertThat(r.errorMessage()).isEqualTo("Unknown Endpoint");
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void getAccountShowsPermissionsKeysAndCoreBalance() {
        JsonNode a = node.call("/v1/chain/get_account", Map.of("account_name", "carol")).body();
        assertThat(a.get("account_name").asText()).isEqualTo("carol");
        assertThat(a.get("core_liquid_balance").asText()).endsWith(" EOS");
        assertThat(a.get("permissions")).hasSize(2);
        JsonNode active = a.get("permissions").get(0);
        assertThat(active.get("perm_name").asText()).isEqualTo("active");
        assertThat(active.get("parent").asText()).isEqualTo("owner");
        assertThat(active.get("required_auth").get("threshold").asInt()).isEqualTo(1);
        assertThat(active.get("required_auth").get("keys").get(0).get("key").asText())
                .isEqualTo(CAROL.publicKey().toLegacyString());
        assertThat(node.call("/v1/chain/get_account", Map.of("account_name", "nobody")).status()).isEqualTo(500);
    }

    @Test
    void abisAreServedAsJsonAndBinary() {
        JsonNode abi = node.call("/v1/chain/get_abi", Map.of("account_name", "eosio.token")).body();
        assertThat(abi.get("abi").get("actions").findValuesAsText("name")).contains("transfer", "issue", "open", "close");
        JsonNode raw = node.call("/v1/chain/get_raw_abi", Map.of("account_name", "eosio.token")).body();
        byte[] bytes = Base64.getDecoder().decode(raw.get("abi").asText());
        assertThat(Checksum256.hash(bytes).toString()).isEqualTo(raw.get("abi_hash").asText());
        assertThat(AbiDefinition.decode(bytes).actions()).hasSize(abi.get("abi").get("actions").size());
        assertThat(node.call("/v1/chain/get_raw_abi", Map.of("account_name", "nobody")).errorName())
                .isEqualTo("account_query_exception");
    }

    @Test
    void tableRowsOfTheTokenContract() {
        JsonNode stat = node.call("/v1/chain/get_table_rows", Map.of("code", "eosio.token", "scope", "EOS",
                "table", "stat", "json", true)).body();
        assertThat(stat.get("rows").get(0).get("max_supply").asText()).isEqualTo("10000000000.0000 EOS");
        assertThat(stat.get("rows").get(0).get("issuer").asText()).isEqualTo("eosio");
        assertThat(stat.get("more").asBoolean()).isFalse();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("code", "eosio.token");
        q.put("scope", "carol");
        q.put("table", "accounts");
        q.put("json", true);
        q.put("show_payer", true);
        JsonNode rows = node.call("/v1/chain/get_table_rows", q).body();
        assertThat(rows.get("rows").get(0).get("data").get("balance").asText()).endsWith(" EOS");
        assertThat(rows.get("rows").get(0).get("payer").asText()).isEqualTo("carol");
        q.put("json", false);
        q.remove("show_payer");
        assertThat(node.call("/v1/chain/get_table_rows", q).body().get("rows").get(0).asText()).hasSize(32);
    }

    @Test
    void requiredKeysAreTheOnesThatSatisfyTheAuthorities() {
        Transaction t = Transaction.of(node.header(60), DevnetHttp.transferAction("alice", "bob", "0.0001 EOS", "",
                ALICE.active()));
        Map<String, Object> body = Map.of("transaction", t, "available_keys",
                List.of(BOB.publicKey().toString(), ALICE.publicKey().toString()));
        JsonNode r = node.call("/v1/chain/get_required_keys", body).body();
        assertThat(r.get("required_keys")).hasSize(1);
        assertThat(r.get("required_keys").get(0).asText()).isEqualTo(ALICE.publicKey().toLegacyString());
    }

    @Test
    void computeTransactionRunsWithoutApplying() {
        long before = node.balance("carol", "EOS");
        PackedTransaction trx = node.transfer("carol", "dave", "1.0000 EOS", "dry", CAROL.privateKey());
        DevnetHttp.Resp r = node.call("/v1/chain/compute_transaction", Map.of("transaction", trx));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("processed").get("action_traces")).hasSize(3);
        assertThat(node.balance("carol", "EOS")).isEqualTo(before);
        assertThat(node.status(trx.id())).isEqualTo("UNKNOWN");
    }

    @Test
    void newAccountsPermissionsAndLinksWorkLikeANode() {
        PrivateKey k1 = PrivateKey.from("PVT_K1_2bfGi9rYsXQSXXTvJbDAPhHLQUojjaNLomdm3cEJ1XTzMqUt3V");
        DevAccount erin = DevAccount.of("erin");
        Map<String, Object> ownerAuth = authority(1, erin.publicKey().toString());
        Action create = Action.of("eosio", "newaccount", ALICE.active(),
                Map.of("creator", "alice", "name", "erin", "owner", ownerAuth, "active", ownerAuth), DevnetHttp.EOSIO_ABI);
        assertThat(node.send(node.sign(Transaction.of(node.header(60), create), ALICE.privateKey())).status())
                .isEqualTo(202);
        // the same name again
        Action again = Action.of("eosio", "newaccount", ALICE.active(),
                Map.of("creator", "alice", "name", "erin", "owner", ownerAuth, "active", ownerAuth), DevnetHttp.EOSIO_ABI);
        assertThat(node.send(node.sign(Transaction.of(node.header(61), again), ALICE.privateKey())).errorName())
                .isEqualTo("account_name_exists_exception");

        // erin's active becomes 2 of: k1 (weight 1), bob@active (weight 1)
        Map<String, Object> multi = new LinkedHashMap<>();
        multi.put("threshold", 2);
        multi.put("keys", List.of(Map.of("key", k1.toPublic().toString(), "weight", 1)));
        multi.put("accounts", List.of(Map.of("permission", Map.of("actor", "bob", "permission", "active"), "weight", 1)));
        multi.put("waits", List.of());
        Action update = Action.of("eosio", "updateauth", PermissionLevel.of("erin", "owner"),
                Map.of("account", "erin", "permission", "active", "parent", "owner", "auth", multi), DevnetHttp.EOSIO_ABI);
        assertThat(node.send(node.sign(Transaction.of(node.header(60), update), erin.privateKey())).status())
                .isEqualTo(202);
        // fund erin, then erin@active needs k1 and bob
        assertThat(node.send(node.transfer("alice", "erin", "5.0000 EOS", "", ALICE.privateKey())).status())
                .isEqualTo(202);
        Transaction spend = Transaction.of(node.header(60), DevnetHttp.transferAction("erin", "bob", "1.0000 EOS", "",
                PermissionLevel.of("erin", "active")));
        assertThat(node.send(node.sign(spend, k1)).errorName()).isEqualTo("unsatisfied_authorization");
        assertThat(node.send(node.sign(spend, k1, BOB.privateKey())).status()).isEqualTo(202);

        // a custom permission linked to transfers
        Action addPerm = Action.of("eosio", "updateauth", PermissionLevel.of("erin", "owner"),
                Map.of("account", "erin", "permission", "pay", "parent", "active", "auth",
                        authority(1, CAROL.publicKey().toString())), DevnetHttp.EOSIO_ABI);
        Action link = Action.of("eosio", "linkauth", PermissionLevel.of("erin", "owner"),
                Map.of("account", "erin", "code", "eosio.token", "type", "transfer", "requirement", "pay"),
                DevnetHttp.EOSIO_ABI);
        assertThat(node.send(node.sign(Transaction.of(node.header(62), addPerm, link), erin.privateKey())).status())
                .isEqualTo(202);
        Transaction viaPay = Transaction.of(node.header(60), DevnetHttp.transferAction("erin", "bob", "1.0000 EOS", "pay",
                PermissionLevel.of("erin", "pay")));
        assertThat(node.send(node.sign(viaPay, CAROL.privateKey())).status()).isEqualTo(202);
        JsonNode account = node.call("/v1/chain/get_account", Map.of("account_name", "erin")).body();
        assertThat(account.get("permissions").findValuesAsText("perm_name")).containsExactly("active", "owner", "pay");
        assertThat(account.get("permissions").get(2).get("linked_actions").get(0).get("action").asText())
                .isEqualTo("transfer");
        // a permission below the linked one is irrelevant for other actions of the contract
        Action open = Action.of("eosio.token", "open", PermissionLevel.of("erin", "pay"),
                Map.of("owner", "erin", "symbol", "4,EOS", "ram_payer", "erin"), DevnetHttp.TOKEN_ABI);
        assertThat(node.send(node.sign(Transaction.of(node.header(60), open), CAROL.privateKey())).errorName())
                .isEqualTo("irrelevant_auth_exception");
    }

    private static Map<String, Object> authority(int threshold, String key) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("threshold", threshold);
        a.put("keys", List.of(Map.of("key", key, "weight", 1)));
        a.put("accounts", List.of());
        a.put("waits", List.of());
        return a;
    }

    @Test
    void unknownActionsAndAccountsAreRefusedAsTheNodeRefusesThem() {
        Action unknown = Action.of(io.antelopekit.chain.Name.from("eosio.token"), io.antelopekit.chain.Name.from("mint"),
                List.of(ALICE.active()), Bytes.EMPTY);
        DevnetHttp.Resp r = node.send(node.sign(Transaction.of(node.header(60), unknown), ALICE.privateKey()));
        assertThat(r.errorName()).isEqualTo("eosio_assert_code_exception");
        Action noAccount = Action.of(io.antelopekit.chain.Name.from("nocontract"), io.antelopekit.chain.Name.from("hi"),
                List.of(ALICE.active()), Bytes.EMPTY);
        DevnetHttp.Resp r2 = node.send(node.sign(Transaction.of(node.header(60), noAccount), ALICE.privateKey()));
        assertThat(r2.errorName()).isEqualTo("transaction_exception");
        assertThat(r2.errorMessage()).isEqualTo("action's code account 'nocontract' does not exist");
    }

    @Test
    void sendTransaction2ReturnsAFailureTraceWhenAsked() {
        PackedTransaction trx = node.transfer("bob", "alice", "99999999.0000 EOS", "", BOB.privateKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("return_failure_trace", true);
        body.put("retry_trx", false);
        body.put("transaction", trx);
        DevnetHttp.Resp r = node.call("/v1/chain/send_transaction2", body);
        assertThat(r.status()).isEqualTo(202);
        JsonNode except = r.body().get("processed").get("except");
        assertThat(except.get("name").asText()).isEqualTo("eosio_assert_message_exception");
        assertThat(except.get("stack").get(0).get("format").asText())
                .isEqualTo("assertion failure with message: overdrawn balance");
        body.put("return_failure_trace", false);
        body.put("transaction", node.transfer("bob", "alice", "99999999.0000 EOS", "2", BOB.privateKey()));
        assertThat(node.call("/v1/chain/send_transaction2", body).errorName()).isEqualTo("eosio_assert_message_exception");
    }

    @Test
    void otherReadsHaveTheNodesShapes() {
        JsonNode stats = node.call("/v1/chain/get_currency_stats", Map.of("code", "eosio.token", "symbol", "EOS")).body();
        assertThat(stats.get("EOS").get("issuer").asText()).isEqualTo("eosio");
        JsonNode blockInfo = node.call("/v1/chain/get_block_info", Map.of("block_num", 1)).body();
        assertThat(blockInfo.get("block_num").asLong()).isEqualTo(1);
        assertThat(blockInfo.get("ref_block_prefix").asLong())
                .isEqualTo(io.antelopekit.api.model.ChainInfo.refBlockPrefix(blockInfo.get("id").asText()));
        JsonNode byKey = node.call("/v1/chain/get_accounts_by_authorizers",
                Map.of("keys", List.of(DAVE.publicKey().toString()))).body();
        assertThat(byKey.get("accounts").findValuesAsText("account_name")).containsOnly("dave");
        assertThat(byKey.get("accounts").findValuesAsText("permission_name")).containsExactly("active", "owner");
        JsonNode unknown = node.call("/v1/chain/get_transaction_status", Map.of("id", "00".repeat(32))).body();
        assertThat(unknown.get("state").asText()).isEqualTo("UNKNOWN");
        assertThat(unknown.has("block_number")).isFalse();
        assertThat(unknown.get("irreversible_number").asLong()).isPositive();
    }

    @Test
    void aMalformedBodyIsAnInvalidRequest() {
        DevnetHttp.Resp r = node.call("/v1/chain/send_transaction", "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorName()).isEqualTo("invalid_http_request");
        assertThat(r.body().get("message").asText()).isEqualTo("Invalid Request");
    }
}
