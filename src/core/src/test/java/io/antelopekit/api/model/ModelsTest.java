package io.antelopekit.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Focused behaviour of the models and of {@link ChainJson#mapper()}. */
class ModelsTest {

    private static final ObjectMapper M = ChainJson.mapper();

    private static final String ID = "621c3a54350f2e88fdf3d732170bb02e3dabee443eaf0fb6667f79ff137abda1";

    @Test
    void int64FieldsAreWrittenAsTheNodeWritesThem() throws Exception {
        for (long v : new long[] {0, -1, 4294967295L, -4294967295L}) {
            AccountRamDelta d = new AccountRamDelta(Name.from("alice"), v);
            assertThat(M.valueToTree(d).get("delta").isNumber()).as("%d is a number", v).isTrue();
        }
        for (long v : new long[] {4294967296L, -4294967296L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            JsonNode delta = M.valueToTree(new AccountRamDelta(Name.from("alice"), v)).get("delta");
            assertThat(delta.isTextual()).as("%d is a string", v).isTrue();
            assertThat(delta.textValue()).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void int64FieldsReadNumbersAndStrings() throws Exception {
        String json = "{\"used\":\"-1\",\"available\":-1,\"max\":\"68719476736\",\"current_used\":\"5\"}";
        AccountResourceLimit limit = M.readValue(json, AccountResourceLimit.class);
        assertThat(limit.used()).isEqualTo(-1L);
        assertThat(limit.available()).isEqualTo(-1L);
        assertThat(limit.max()).isEqualTo(68719476736L);
        assertThat(limit.currentUsed()).isEqualTo(5L);
        assertThat(limit.lastUsageUpdateTime()).isNull();
    }

    @Test
    void integersNeverTruncateOrOverflowSilently() {
        assertThatThrownBy(() -> M.readValue("{\"account\":\"alice\",\"delta\":1.5}", AccountRamDelta.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> M.readValue("{\"account\":\"alice\",\"delta\":\"99999999999999999999\"}",
                AccountRamDelta.class)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> M.readValue("{\"account\":\"alice\",\"delta\":\"lots\"}", AccountRamDelta.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void invalidChainValuesFailTheParseAndNameTheField() {
        assertThatThrownBy(() -> M.readValue("{\"account\":\"Alice\",\"delta\":1}", AccountRamDelta.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("account")
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    @Test
    void jsonNodeFieldsKeepNumbersExactly() throws Exception {
        String json = "{\"rows\":[{\"f\":1.50,\"big\":123456789012345678901234567890,\"s\":\"2.00000000000000000\"}],"
                + "\"more\":false,\"next_key\":\"\"}";
        TableRowsResponse page = M.readValue(json, TableRowsResponse.class);
        JsonNode row = page.rows().get(0);
        assertThat(row.get("f").decimalValue().toPlainString()).isEqualTo("1.50");
        assertThat(row.get("big").bigIntegerValue().toString()).isEqualTo("123456789012345678901234567890");
        assertThat(M.writeValueAsString(page)).contains("1.50").contains("123456789012345678901234567890");
    }

    @Test
    void modelListsAreImmutable() throws Exception {
        TableRowsResponse page = M.readValue("{\"rows\":[\"00\"],\"more\":true,\"next_key\":\"5\"}",
                TableRowsResponse.class);
        assertThatThrownBy(() -> page.rows().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(page.more()).isTrue();
        assertThat(page.nextKey()).isEqualTo("5");
        assertThat(page.nextKeyBytes()).isNull();
    }

    @Test
    void blockTrxIsAnIdStringForDeferredTransactionsAndAnObjectOtherwise() throws Exception {
        String deferred = "{\"status\":\"expired\",\"cpu_usage_us\":0,\"net_usage_words\":0,\"trx\":\"" + ID + "\"}";
        BlockTransaction t = M.readValue(deferred, BlockTransaction.class);
        assertThat(t.trx().isIdOnly()).isTrue();
        assertThat(t.trx().id()).isEqualTo(Checksum256.from(ID));
        assertThat(t.trx().compressionType()).isNull();
        assertThat(M.valueToTree(t).get("trx").textValue()).isEqualTo(ID);

        String full = "{\"status\":\"executed\",\"cpu_usage_us\":100,\"net_usage_words\":12,\"trx\":{\"id\":\"" + ID
                + "\",\"signatures\":[],\"compression\":\"zlib\",\"packed_context_free_data\":\"\","
                + "\"context_free_data\":[],\"packed_trx\":\"00\",\"transaction\":{\"expiration\":"
                + "\"2023-07-30T19:25:08\",\"ref_block_num\":7119,\"ref_block_prefix\":1642130642,"
                + "\"max_net_usage_words\":0,\"max_cpu_usage_ms\":0,\"delay_sec\":0,\"context_free_actions\":[],"
                + "\"actions\":[{\"account\":\"eosio.token\",\"name\":\"transfer\",\"authorization\":"
                + "[{\"actor\":\"alice\",\"permission\":\"active\"}],\"data\":{\"memo\":\"hi\"},\"hex_data\":\"ab\"}]}}}";
        BlockTransaction f = M.readValue(full, BlockTransaction.class);
        assertThat(f.trx().isIdOnly()).isFalse();
        assertThat(f.trx().compressionType()).isEqualTo(io.antelopekit.chain.transaction.Compression.ZLIB);
        ActionJson act = f.trx().transaction().actions().get(0);
        assertThat(act.authorization()).containsExactly(PermissionLevel.of("alice", "active"));
        assertThat(act.data().get("memo").textValue()).isEqualTo("hi");
        assertThat(f.trx().transaction().refBlockPrefix()).isEqualTo(1642130642L);
        assertThat(M.valueToTree(f).get("trx").isObject()).isTrue();
    }

    @Test
    void authSequenceIsAPair() throws Exception {
        ActionReceipt r = M.readValue("{\"receiver\":\"eosio.token\",\"act_digest\":\"" + ID + "\","
                + "\"global_sequence\":\"5000000000\",\"recv_sequence\":7,\"auth_sequence\":[[\"alice\",42]],"
                + "\"code_sequence\":2,\"abi_sequence\":3}", ActionReceipt.class);
        assertThat(r.authSequence()).containsExactly(new AuthSequence(Name.from("alice"), 42));
        assertThat(r.globalSequence()).isEqualTo(5000000000L);
        assertThat(M.writeValueAsString(r)).contains("\"auth_sequence\":[[\"alice\",42]]")
                .contains("\"global_sequence\":\"5000000000\"");
    }

    @Test
    void traceExceptionsAreNullWhenTheNodeSendsNull() throws Exception {
        String ok = "{\"id\":\"" + ID + "\",\"block_num\":1,\"block_time\":\"2023-08-04T18:49:44.000\","
                + "\"producer_block_id\":null,\"receipt\":{\"status\":\"executed\",\"cpu_usage_us\":269,"
                + "\"net_usage_words\":18},\"elapsed\":269,\"net_usage\":144,\"scheduled\":false,"
                + "\"action_traces\":[],\"account_ram_delta\":null,\"except\":null,\"error_code\":null}";
        TransactionTrace trace = M.readValue(ok, TransactionTrace.class);
        assertThat(trace.exception()).isNull();
        assertThat(trace.failed()).isFalse();
        assertThat(trace.receipt().cpuUsageUs()).isEqualTo(269L);

        TransactionTrace failed = M.readValue(ok.replace("\"except\":null",
                "\"except\":{\"code\":3050003,\"name\":\"eosio_assert_message_exception\"}")
                .replace("\"error_code\":null", "\"error_code\":7"),
                TransactionTrace.class);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.exception().get("name").textValue()).isEqualTo("eosio_assert_message_exception");
        assertThat(failed.errorCode()).isEqualTo(7L);
        assertThat(M.valueToTree(failed).has("except")).isTrue();
    }

    @Test
    void chainErrorBodyFromARecordedError() throws Exception {
        String body = "{\"code\":400,\"message\":\"Unknown Block\",\"error\":{\"code\":3100002,"
                + "\"name\":\"unknown_block_exception\",\"what\":\"Unknown block\",\"details\":[{\"message\":"
                + "\"Could not find reversible block: 10000000\",\"file\":\"chain_plugin.cpp\",\"line_number\":2164,"
                + "\"method\":\"get_block_header_state\"}]}}";
        ChainErrorBody e = M.readValue(body, ChainErrorBody.class);
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.error().code()).isEqualTo(3100002L);
        assertThat(e.error().name()).isEqualTo("unknown_block_exception");
        assertThat(e.error().details()).hasSize(1);
        assertThat(e.error().details().get(0).lineNumber()).isEqualTo(2164L);
        assertThat(e.data()).isNull();

        ChainErrorBody terse = M.readValue("{\"code\":500,\"message\":\"Internal Service Error\",\"error\":"
                + "{\"code\":3050003,\"name\":\"eosio_assert_message_exception\",\"what\":\"x\",\"details\":"
                + "[{\"message\":\"assertion failure\"}]}}", ChainErrorBody.class);
        assertThat(terse.error().details().get(0).file()).isNull();

        ChainErrorBody service = M.readValue("{\"code\":402,\"message\":\"Fee required\",\"data\":{\"fee\":\"0.0010 EOS\"}}",
                ChainErrorBody.class);
        assertThat(service.error()).isNull();
        assertThat(service.data().get("fee").textValue()).isEqualTo("0.0010 EOS");
    }

    @Test
    void rawAbiDecodesBase64() throws Exception {
        RawAbiResponse raw = M.readValue("{\"account_name\":\"greymassnoop\",\"code_hash\":\"" + "0".repeat(64)
                + "\",\"abi_hash\":\"1245e8954bce991492621cd66ffe556ef2c2925ee03071a3fba996c83040f867\","
                + "\"abi\":\"DmVvc2lvOjphYmkvMS4xAAEEbm9vcAAAAQAAAAAAUCmdBG5vb3AZVGhpcyBhY3Rpb24gZG9lcyBub3RoaW5nLgAAAAAA\"}",
                RawAbiResponse.class);
        byte[] abi = raw.abiBytes();
        assertThat(abi[0]).isEqualTo((byte) 14);
        assertThat(new String(Arrays.copyOfRange(abi, 1, 15), StandardCharsets.US_ASCII)).isEqualTo("eosio::abi/1.1");
        assertThat(raw.codeHash()).isEqualTo(Checksum256.ZERO);
        assertThat(M.valueToTree(raw).get("abi").textValue()).isEqualTo(raw.abiBase64());

        // a node's over-padded base64 (recorded: 678 characters then "===") decodes as the node reads it
        assertThat(new RawAbiResponse(Name.from("pad"), null, null, "AAAAAA===").abiBytes()).containsExactly(0, 0, 0, 0);
        assertThat(new RawAbiResponse(Name.from("pad"), null, null, "AAAA").abiBytes()).containsExactly(0, 0, 0);
        assertThat(new RawAbiResponse(Name.from("pad"), null, null, "AAA=").abiBytes()).containsExactly(0, 0);
        assertThatThrownBy(() -> new RawAbiResponse(Name.from("lone"), null, null, "AAAAA").abiBytes())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("lone");
        RawAbiResponse bad = new RawAbiResponse(Name.from("bad"), null, null, "not base64!");
        assertThatThrownBy(bad::abiBytes).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bad").hasMessageContaining("abi");
        assertThat(new RawAbiResponse(Name.from("none"), null, null, null).abiBytes()).isEmpty();
    }

    @Test
    void everyRecordedAbiParsesIntoAnAbiDefinition() throws Exception {
        int abis = 0;
        for (MockData.Recording r : MockData.all()) {
            MockData.Endpoint e = MockData.classify(r, M.readTree(r.body()));
            io.antelopekit.abi.AbiDefinition def;
            if (e == MockData.Endpoint.GET_ABI) {
                def = M.readValue(r.body(), AbiResponse.class).abiDefinition();
            } else if (e == MockData.Endpoint.GET_CODE) {
                def = M.readValue(r.body(), CodeResponse.class).abiDefinition();
            } else if (e == MockData.Endpoint.GET_RAW_ABI) {
                RawAbiResponse raw = M.readValue(r.body(), RawAbiResponse.class);
                // the node's own hash of the ABI proves the bytes were decoded right
                assertThat(Checksum256.hash(raw.abiBytes())).as(r.file()).isEqualTo(raw.abiHash());
                def = raw.abiDefinition();
            } else {
                continue;
            }
            assertThat(def).as(r.file()).isNotNull();
            assertThat(def.version()).as(r.file()).startsWith("eosio::abi/1.");
            assertThat(def.actions()).as(r.file()).isNotEmpty();
            abis++;
        }
        assertThat(abis).isGreaterThanOrEqualTo(3);
        assertThat(new AbiResponse(Name.from("none"), null).abiDefinition()).isNull();
        assertThat(new RawAbiResponse(Name.from("none"), null, null, "").abiDefinition()).isNull();
    }

    @Test
    void currencyBalanceIsABareArray() throws Exception {
        CurrencyBalance b = M.readValue("[\"539235868.8986 EOS\",\"100360.0680 JUNGLE\"]", CurrencyBalance.class);
        assertThat(b.balances()).containsExactly(Asset.from("539235868.8986 EOS"), Asset.from("100360.0680 JUNGLE"));
        assertThat(M.writeValueAsString(b)).isEqualTo("[\"539235868.8986 EOS\",\"100360.0680 JUNGLE\"]");
        assertThat(M.readValue("[]", CurrencyBalance.class).isEmpty()).isTrue();

        Map<String, CurrencyStats> stats = M.readValue("{\"EOS\":{\"supply\":\"1.0000 EOS\",\"max_supply\":"
                + "\"2.0000 EOS\",\"issuer\":\"eosio\"}}", new TypeReference<Map<String, CurrencyStats>>() { });
        assertThat(stats.get("EOS").maxSupply()).isEqualTo(Asset.from("2.0000 EOS"));
    }

    @Test
    void transactionStatusState() throws Exception {
        TransactionStatus s = M.readValue("{\"state\":\"IN_BLOCK\",\"block_number\":5,\"head_number\":7,"
                + "\"irreversible_number\":3,\"earliest_tracked_block_number\":1}", TransactionStatus.class);
        assertThat(s.knownState()).isEqualTo(TransactionState.IN_BLOCK);
        assertThat(s.knownState().isFinal()).isFalse();
        assertThat(s.blockNumber()).isEqualTo(5L);
        assertThat(TransactionState.of("IRREVERSIBLE").isFinal()).isTrue();
        assertThat(TransactionState.of("FAILED").isFinal()).isTrue();
        assertThat(TransactionState.of("UNKNOWN")).isEqualTo(TransactionState.UNKNOWN);
        assertThat(TransactionState.of("SOMETHING_NEW")).isEqualTo(TransactionState.OTHER);
        assertThat(TransactionState.of("OTHER")).isEqualTo(TransactionState.OTHER);
        assertThat(TransactionState.of(null)).isEqualTo(TransactionState.OTHER);
    }

    @Test
    void accountPermissionsWithLegacyKeysOfAnyPrefix() throws Exception {
        String json = "{\"account_name\":\"lhp1ytjibtea\",\"ram_quota\":-1,\"permissions\":[{\"perm_name\":\"active\","
                + "\"parent\":\"owner\",\"required_auth\":{\"threshold\":1,\"keys\":[{\"key\":"
                + "\"FIO7hF6waZH6pBvVLrLj5ZLNTcUfcT6nNYiCVtYAmahnmzanqU1aA\",\"weight\":1}],\"accounts\":[{\"permission\":"
                + "{\"actor\":\"bob\",\"permission\":\"active\"},\"weight\":1}],\"waits\":[{\"wait_sec\":3600,\"weight\":1}]},"
                + "\"linked_actions\":[{\"account\":\"eosio.token\",\"action\":\"transfer\"},{\"account\":\"x\"}]}],"
                + "\"voter_info\":null}";
        AccountInfo a = M.readValue(json, AccountInfo.class);
        Authority auth = a.permission(Name.from("active")).orElseThrow().requiredAuth();
        assertThat(auth.keys().get(0).key())
                .isEqualTo(PublicKey.from("EOS7hF6waZH6pBvVLrLj5ZLNTcUfcT6nNYiCVtYAmahnmzanqU1aA"));
        assertThat(auth.accounts().get(0).permission()).isEqualTo(PermissionLevel.of("bob", "active"));
        assertThat(auth.waits().get(0).waitSec()).isEqualTo(3600L);
        assertThat(a.permission(Name.from("owner"))).isEmpty();
        assertThat(a.permission(Name.from("active")).orElseThrow().linkedActions().get(1).action()).isNull();
        assertThat(a.ramQuota()).isEqualTo(-1L);
        assertThat(a.voterInfo()).isNull();
        assertThat(a.coreLiquidBalance()).isNull();
    }

    @Test
    void theSharedMapperIsConfiguredForNodes() throws Exception {
        ObjectMapper fresh = ChainJson.newMapper();
        assertThat(fresh).isNotSameAs(ChainJson.mapper());
        ChainErrorDetail d = fresh.readValue("{\"message\":\"m\",\"unknown\":[1,2]}", ChainErrorDetail.class);
        assertThat(d.message()).isEqualTo("m");
        assertThat(fresh.writeValueAsString(d)).isEqualTo("{\"message\":\"m\"}");
        AccountResourceLimit nulls = fresh.readValue("{\"used\":null}", AccountResourceLimit.class);
        assertThat(nulls.used()).isZero();
    }
}
