package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signer placeholders ({@code ............1} actor, {@code ............2} permission) in
 * authorizations and in action data given as records, maps, {@code JsonNode} or encoded bytes:
 * substituted where the ABI types a value {@code name} (through aliases, arrays, optionals,
 * variants, binary extensions, nested and base structs), never in strings.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionPlaceholdersTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final TransactOptions NO_BROADCAST = TransactOptions.DEFAULT.withBroadcast(false);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Name TOKEN = Name.from("eosio.token");
    static final Name APP = Name.from("app");
    static final Abi APP_ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.2","types":[{"new_type_name":"account","type":"name"}],
             "structs":[
              {"name":"permission_level","base":"","fields":[{"name":"actor","type":"name"},
                                                              {"name":"permission","type":"name"}]},
              {"name":"approve","base":"","fields":[
                {"name":"level","type":"permission_level"},{"name":"levels","type":"permission_level[]"},
                {"name":"who","type":"account"},{"name":"maybe","type":"name?"},{"name":"note","type":"string"},
                {"name":"choice","type":"choice"},{"name":"other","type":"choice"},{"name":"ext","type":"name$"}]},
              {"name":"based","base":"permission_level","fields":[{"name":"extra","type":"name"}]}],
             "variants":[{"name":"choice","types":["name","string"]}],
             "actions":[{"name":"approve","type":"approve","ricardian_contract":""},
                        {"name":"based","type":"based","ricardian_contract":""}],
             "tables":[],"ricardian_clauses":[]}
            """);

    static Devnet devnet;
    static ChainClient client;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    static Session session() {
        return Session.builder().chain(ChainDefinition.of(devnet.chainId(), devnet.url())).client(client)
                .actor("alice").permission("active").abi(APP, APP_ABI)
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
    }

    static Transaction transact(Session session, Object... actions) {
        return session.transact(TransactArgs.ofActions(List.of(actions)), NO_BROADCAST).block(TIMEOUT).transaction();
    }

    record Transfer(Name from, Name to, Asset quantity, String memo) {
    }

    record TextTransfer(String from, String to, String quantity, String memo) {
    }

    static long balance(String account) {
        return client.getCurrencyBalance(TOKEN, Name.from(account), SymbolCode.from("EOS"))
                .map(b -> b.balances().get(0).units()).block(TIMEOUT);
    }

    @Test
    void recordsWithNamesOrTextAreResolvedAndTheTransferLands() {
        Session session = session();
        Abi token = session.abi(TOKEN).block(TIMEOUT);
        long before = balance("bob");
        TransactResult r = session.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                new Transfer(ActionRequest.PLACEHOLDER_ACTOR, Name.from("bob"), Asset.from("0.0001 EOS"),
                        "............1")))).block(TIMEOUT);
        JsonNode data = r.transaction().actions().get(0).decodeData(token);
        assertThat(data.get("from").asText()).isEqualTo("alice");
        assertThat(data.get("memo").asText()).isEqualTo("............1");
        assertThat(balance("bob") - before).isEqualTo(1);

        Transaction t = transact(session, ActionRequest.of("eosio.token", "transfer",
                new TextTransfer("............1", "............2", "0.0001 EOS", "memo")));
        JsonNode text = t.actions().get(0).decodeData(token);
        assertThat(text.get("from").asText()).isEqualTo("alice");
        assertThat(text.get("to").asText()).isEqualTo("active");
    }

    static Map<String, Object> approve() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", Map.of("actor", "............1", "permission", "............2"));
        m.put("levels", List.of(Map.of("actor", "bob", "permission", "active"),
                Map.of("actor", "............1", "permission", "owner")));
        m.put("who", "............2");
        m.put("maybe", "............1");
        m.put("note", "............1 signs as ............2");
        m.put("choice", List.of("name", "............1"));
        m.put("other", List.of("string", "............1"));
        m.put("ext", "............1");
        return m;
    }

    static void assertResolved(JsonNode d) {
        assertThat(d.get("level").get("actor").asText()).isEqualTo("alice");
        assertThat(d.get("level").get("permission").asText()).isEqualTo("active");
        assertThat(d.get("levels").get(0).get("actor").asText()).isEqualTo("bob");
        assertThat(d.get("levels").get(1).get("actor").asText()).isEqualTo("alice");
        assertThat(d.get("levels").get(1).get("permission").asText()).isEqualTo("owner");
        assertThat(d.get("who").asText()).isEqualTo("active");
        assertThat(d.get("maybe").asText()).isEqualTo("alice");
        assertThat(d.get("note").asText()).isEqualTo("............1 signs as ............2");
        assertThat(d.get("choice").get(1).asText()).isEqualTo("alice");
        assertThat(d.get("other").get(1).asText()).isEqualTo("............1");
        assertThat(d.get("ext").asText()).isEqualTo("alice");
    }

    @Test
    void mapsAreResolvedThroughNestedStructsArraysAliasesOptionalsVariantsAndExtensions() {
        Transaction t = transact(session(), ActionRequest.of("app", "approve", approve()));
        assertResolved(t.actions().get(0).decodeData(APP_ABI));
        assertThat(t.actions().get(0).authorization()).containsExactly(PermissionLevel.of("alice", "active"));
    }

    @Test
    void jsonNodesAreResolvedAndLeftUnchanged() {
        JsonNode given = JSON.valueToTree(approve());
        String copy = given.toString();
        Transaction t = transact(session(), ActionRequest.of("app", "approve", given));
        assertResolved(t.actions().get(0).decodeData(APP_ABI));
        assertThat(given.toString()).isEqualTo(copy);
    }

    @Test
    void baseStructFieldsAreResolved() {
        Transaction t = transact(session(), ActionRequest.of("app", "based",
                Map.of("actor", "............1", "permission", "............2", "extra", "............1")));
        JsonNode d = t.actions().get(0).decodeData(APP_ABI);
        assertThat(d.get("actor").asText()).isEqualTo("alice");
        assertThat(d.get("permission").asText()).isEqualTo("active");
        assertThat(d.get("extra").asText()).isEqualTo("alice");
    }

    @Test
    void encodedActionsAreResolvedThroughTheAbiOfTheirContract() {
        Bytes raw = Bytes.of(APP_ABI.encode("approve", approve()));
        Action encoded = Action.of(APP, Name.from("approve"), List.of(ActionRequest.PLACEHOLDER_SIGNER), raw);
        Transaction t = transact(session(), encoded);
        assertResolved(t.actions().get(0).decodeData(APP_ABI));
        assertThat(t.actions().get(0).authorization()).containsExactly(PermissionLevel.of("alice", "active"));

        // and inside a whole transaction, context-free actions too
        Session session = session();
        Transaction whole = Transaction.of(new io.antelopekit.chain.transaction.TransactionHeader(
                io.antelopekit.chain.TimePointSec.of(0), 0, 0, 0, 0, 0),
                List.of(Action.of(APP, Name.from("approve"), List.of(), raw)), List.of(encoded), List.of());
        Transaction out = session.transact(TransactArgs.of(whole), NO_BROADCAST).block(TIMEOUT).transaction();
        assertResolved(out.actions().get(0).decodeData(APP_ABI));
        assertResolved(out.contextFreeActions().get(0).decodeData(APP_ABI));
    }

    @Test
    void bytesThatOnlyLookLikeAPlaceholderAreKept() {
        Session session = session();
        Abi token = session.abi(TOKEN).block(TIMEOUT);
        // an amount of 1 (0.0001 EOS) is the uint64 1, as ............1 is: the typed walk tells them apart
        Bytes raw = Bytes.of(token.encode("transfer",
                Map.of("from", "alice", "to", "bob", "quantity", "0.0001 EOS", "memo", "")));
        Action encoded = Action.of(TOKEN, Name.from("transfer"), List.of(PermissionLevel.of("alice", "active")), raw);
        Transaction t = transact(session, encoded);
        assertThat(t.actions().get(0)).isSameAs(encoded);

        Transaction mixed = transact(session, ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", "0.0001 EOS", "memo", "")));
        assertThat(mixed.actions().get(0).data()).isEqualTo(raw);
    }

    @Test
    void encodedDataOfAContractWithoutAnAbiIsKeptAsGiven() {
        // no such account on the devnet: no ABI to read the bytes with, so they are left alone
        Bytes raw = Bytes.of(APP_ABI.encode("based",
                Map.of("actor", "............1", "permission", "............2", "extra", "bob")));
        Action encoded = Action.of(Name.from("nocontract"), Name.from("based"),
                List.of(ActionRequest.PLACEHOLDER_SIGNER), raw);
        Transaction t = transact(session(), encoded);
        assertThat(t.actions().get(0).data()).isEqualTo(raw);
        assertThat(t.actions().get(0).authorization()).containsExactly(PermissionLevel.of("alice", "active"));
    }
}
