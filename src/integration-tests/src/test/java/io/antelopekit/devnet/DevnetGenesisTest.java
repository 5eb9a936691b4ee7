package io.antelopekit.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.crypto.KeyType;
import io.antelopekit.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Genesis descriptions, dev keys, registered contracts and the irreversible distance. */
class DevnetGenesisTest {

    static final String NOTES_ABI = "{\"version\":\"eosio::abi/1.1\",\"types\":[],\"structs\":[{\"name\":\"post\",\"base\":\"\","
            + "\"fields\":[{\"name\":\"author\",\"type\":\"name\"},{\"name\":\"text\",\"type\":\"string\"}]}],"
            + "\"actions\":[{\"name\":\"post\",\"type\":\"post\",\"ricardian_contract\":\"\"}],\"tables\":[],"
            + "\"ricardian_clauses\":[],\"variants\":[]}";

    @Test
    void devKeysAreTheDocumentedDerivation() {
        DevAccount alice = DevAccount.of("alice");
        byte[] seed = Checksum256.hash("antelopekit-devnet:alice".getBytes(StandardCharsets.UTF_8)).bytes();
        assertThat(alice.privateKey()).isEqualTo(PrivateKey.of(KeyType.K1, seed));
        assertThat(alice.toString()).contains("alice").doesNotContain(alice.privateKey().toSecretString());
        assertThat(Genesis.defaults().devAccounts()).extracting(d -> d.name().toString())
                .containsExactly("eosio", "eosio.token", "alice", "bob", "carol", "dave");
    }

    @Test
    void aJsonGenesisGivesAccountsKeysBalancesAndContracts() {
        PrivateKey zoe = PrivateKey.from("PVT_K1_2bfGi9rYsXQSXXTvJbDAPhHLQUojjaNLomdm3cEJ1XTzMqUt3V");
        String json = "{\"chain_id\":\"" + "ab".repeat(32) + "\",\"core_symbol\":\"8,WAX\","
                + "\"accounts\":[{\"name\":\"zoe\",\"key\":\"" + zoe.toPublic() + "\"},{\"name\":\"yan\"}],"
                + "\"tokens\":[{\"issuer\":\"eosio\",\"max_supply\":\"1000.00000000 WAX\","
                + "\"balances\":{\"zoe\":\"12.50000000 WAX\",\"yan\":\"1.00000000 WAX\"}}],"
                + "\"contracts\":[{\"account\":\"notes\",\"abi\":" + NOTES_ABI + "}]}";
        Genesis g = Genesis.fromJson(json);
        assertThat(g.chainId().toString()).isEqualTo("ab".repeat(32));
        try (Devnet devnet = Devnet.builder().genesis(g).manualBlockProduction().start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            JsonNode zoeAccount = node.call("/v1/chain/get_account", Map.of("account_name", "zoe")).body();
            assertThat(zoeAccount.get("core_liquid_balance").asText()).isEqualTo("12.50000000 WAX");
            assertThat(zoeAccount.get("permissions").get(0).get("required_auth").get("keys").get(0).get("key").asText())
                    .isEqualTo(zoe.toPublic().toLegacyString());
            JsonNode stats = node.call("/v1/chain/get_currency_stats", Map.of("code", "eosio.token", "symbol", "WAX"))
                    .body();
            assertThat(stats.get("WAX").get("supply").asText()).isEqualTo("13.50000000 WAX");

            // an action of a registered contract is authorised, decoded and recorded
            Abi notes = Abi.fromJson(NOTES_ABI);
            Action post = Action.of("notes", "post", PermissionLevel.of("zoe", "active"),
                    Map.of("author", "zoe", "text", "hello"), notes);
            Action forgedPost = Action.of("notes", "post", PermissionLevel.of("zoe", "active"),
                    Map.of("author", "zoe", "text", "forged"), notes);
            DevnetHttp.Resp ok = node.send(node.sign(Transaction.of(node.header(60), post), zoe));
            assertThat(ok.status()).isEqualTo(202);
            assertThat(ok.body().get("processed").get("action_traces").get(0).get("act").get("data").get("text").asText())
                    .isEqualTo("hello");
            DevnetHttp.Resp forged = node.send(node.sign(Transaction.of(node.header(60), forgedPost),
                    DevAccount.of("yan").privateKey()));
            assertThat(forged.errorName()).isEqualTo("unsatisfied_authorization");
            Action other = Action.of(io.antelopekit.chain.Name.from("notes"), io.antelopekit.chain.Name.from("erase"),
                    java.util.List.of(PermissionLevel.of("zoe", "active")), io.antelopekit.chain.Bytes.EMPTY);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), other), zoe)).errorName())
                    .isEqualTo("eosio_assert_code_exception");
        }
    }

    @Test
    void anEmptyGenesisStillRunsTheTokenContract() {
        try (Devnet devnet = Devnet.builder().genesis(Genesis.builder().account("ann").build())
                .manualBlockProduction().start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            DevAccount token = DevAccount.of("eosio.token");
            Action create = Action.of("eosio.token", "create", token.active(),
                    Map.of("issuer", "ann", "maximum_supply", "1000.000 ABC"), DevnetHttp.TOKEN_ABI);
            Action issue = Action.of("eosio.token", "issue", PermissionLevel.of("ann", "active"),
                    Map.of("to", "ann", "quantity", "10.000 ABC", "memo", ""), DevnetHttp.TOKEN_ABI);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), create), token.privateKey())).status())
                    .isEqualTo(202);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), issue), DevAccount.of("ann").privateKey()))
                    .status()).isEqualTo(202);
            assertThat(node.balance("ann", "ABC")).isEqualTo(10_000);
            DevnetHttp.Resp again = node.send(node.sign(Transaction.of(node.header(61), create), token.privateKey()));
            assertThat(again.errorMessage()).isEqualTo("assertion failure with message: token with symbol already exists");

            PrivateKey ann = DevAccount.of("ann").privateKey();
            Action retire = Action.of("eosio.token", "retire", PermissionLevel.of("ann", "active"),
                    Map.of("quantity", "4.000 ABC", "memo", "burn"), DevnetHttp.TOKEN_ABI);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), retire), ann)).status()).isEqualTo(202);
            assertThat(node.balance("ann", "ABC")).isEqualTo(6_000);
            JsonNode stats = node.call("/v1/chain/get_currency_stats", Map.of("code", "eosio.token", "symbol", "ABC"))
                    .body();
            assertThat(stats.get("ABC").get("supply").asText()).isEqualTo("6.000 ABC");
            Action open = Action.of("eosio.token", "open", PermissionLevel.of("ann", "active"),
                    Map.of("owner", "eosio", "symbol", "3,ABC", "ram_payer", "ann"), DevnetHttp.TOKEN_ABI);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), open), ann)).status()).isEqualTo(202);
            assertThat(node.call("/v1/chain/get_currency_balance", Map.of("code", "eosio.token", "account", "eosio"))
                    .body().get(0).asText()).isEqualTo("0.000 ABC");
            Action wrongPrecision = Action.of("eosio.token", "open", PermissionLevel.of("ann", "active"),
                    Map.of("owner", "eosio", "symbol", "2,ABC", "ram_payer", "ann"), DevnetHttp.TOKEN_ABI);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), wrongPrecision), ann)).errorMessage())
                    .isEqualTo("assertion failure with message: symbol precision mismatch");
            Action close = Action.of("eosio.token", "close", PermissionLevel.of("eosio", "active"),
                    Map.of("owner", "eosio", "symbol", "3,ABC"), DevnetHttp.TOKEN_ABI);
            PrivateKey eosio = DevAccount.of("eosio").privateKey();
            assertThat(node.send(node.sign(Transaction.of(node.header(60), close), eosio)).status()).isEqualTo(202);
            assertThat(node.send(node.sign(Transaction.of(node.header(61), close), eosio)).errorMessage())
                    .isEqualTo("assertion failure with message: Balance row already deleted or never existed. "
                            + "Action won't have any effect.");
            Action closeAnn = Action.of("eosio.token", "close", PermissionLevel.of("ann", "active"),
                    Map.of("owner", "ann", "symbol", "3,ABC"), DevnetHttp.TOKEN_ABI);
            assertThat(node.send(node.sign(Transaction.of(node.header(60), closeAnn), ann)).errorMessage())
                    .isEqualTo("assertion failure with message: Cannot close because the balance is not zero.");
        }
    }

    @Test
    void aGenesisFileIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("genesis.json");
        java.nio.file.Files.writeString(file, "{\"accounts\":[{\"name\":\"fay\"}],\"tokens\":[{\"issuer\":\"fay\","
                + "\"max_supply\":\"100.0000 EOS\",\"balances\":{\"fay\":\"7.0000 EOS\"}}]}");
        Genesis g = Genesis.fromFile(file);
        assertThat(g.tokens().get(0).balances()).containsEntry(io.antelopekit.chain.Name.from("fay"),
                io.antelopekit.chain.Asset.from("7.0000 EOS"));
        assertThat(g.devAccounts()).extracting(d -> d.name().toString()).contains("fay");
        assertThatThrownBy(() -> Genesis.fromFile(dir.resolve("missing.json"))).isInstanceOf(DevnetException.class)
                .hasMessageContaining("missing.json");
    }

    @Test
    void invalidGenesisEntriesAreNamed() {
        assertThatThrownBy(() -> Genesis.builder().account("alice").account("alice"))
                .isInstanceOf(DevnetException.class).hasMessageContaining("\"alice\" is defined twice");
        assertThatThrownBy(() -> Genesis.builder().token("eosio", "100.0000 EOS").balance("nobody", "1.0000 EOS").build())
                .isInstanceOf(DevnetException.class).hasMessageContaining("nobody is not an account");
        assertThatThrownBy(() -> Genesis.builder().token("eosio", "100.0000 EOS").account("a")
                .balance("a", "101.0000 EOS").build())
                .isInstanceOf(DevnetException.class).hasMessageContaining("exceed its maximum supply");
        assertThatThrownBy(() -> Genesis.fromJson("{\"accounts\":[{\"name\":\"ok\"},{\"name\":\"bad\",\"key\":\"EOSxyz\"}]}"))
                .isInstanceOf(DevnetException.class).hasMessageStartingWith("genesis.accounts[1]: ");
        assertThatThrownBy(() -> Genesis.fromJson("[1]")).isInstanceOf(DevnetException.class);
    }

    @Test
    void theIrreversibleBlockTrailsTheHeadByTheDistanceGiven() {
        try (Devnet devnet = Devnet.builder().manualBlockProduction().irreversibleDistance(5).start()) {
            DevnetHttp node = new DevnetHttp(devnet);
            long t0 = io.antelopekit.chain.TimePoint.from(node.info().get("head_block_time").asText()).micros();
            StepVerifier.create(devnet.produceBlocks(10)).expectNext(11L).expectComplete().verify(DevnetHttp.TIMEOUT);
            JsonNode info = node.info();
            // a chain stepped by hand keeps its own time: 500 ms a block
            assertThat(io.antelopekit.chain.TimePoint.from(info.get("head_block_time").asText()).micros() - t0)
                    .isEqualTo(5_000_000L);
            assertThat(info.get("head_block_num").asLong()).isEqualTo(11);
            assertThat(info.get("last_irreversible_block_num").asLong()).isEqualTo(6);
            JsonNode byId = node.call("/v1/chain/get_block", Map.of("block_num_or_id",
                    info.get("last_irreversible_block_id").asText())).body();
            assertThat(byId.get("block_num").asLong()).isEqualTo(6);
            JsonNode next = node.call("/v1/chain/get_block", Map.of("block_num_or_id", 7)).body();
            assertThat(next.get("previous").asText()).isEqualTo(byId.get("id").asText());
            assertThat(node.call("/v1/chain/get_block", Map.of("block_num_or_id", 99)).errorName())
                    .isEqualTo("unknown_block_exception");
        }
    }
}
