package io.antelopekit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.TableQuery;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Float128;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.UInt128;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.session.ActionRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Contract Kit's checks and requests, without a node: ABI lookups, typed errors, the queries it builds. */
class ContractTest {

    static Abi abi;
    static ChainClient client;
    static Contract kittest;

    @BeforeAll
    static void setUp() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/io/antelopekit/devnet/kittest.abi.json")) {
            assertThat(in).as("kittest ABI on the test classpath").isNotNull();
            abi = Abi.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // never connects: these tests only build requests
        client = ChainClient.create("http://127.0.0.1:9");
        kittest = Contract.of(client, Name.from("kittest"), abi);
    }

    @AfterAll
    static void tearDown() {
        client.dispose();
    }

    static Map<String, Object> item(Object price) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", "alice");
        m.put("id", 7);
        m.put("owner", "alice");
        m.put("price", price);
        m.put("hash", "00".repeat(32));
        m.put("rank", "5");
        m.put("label", "seven");
        m.put("tags", List.of("a", "b"));
        m.put("note", null);
        m.put("payload", List.of("point3", Map.of("x", 1, "y", 2, "z", 3)));
        return m;
    }

    @Test
    void anActionWithoutAuthorizationCarriesTheSignerPlaceholder() {
        Action a = kittest.action("setitem", item(1.5));
        assertThat(a.account()).isEqualTo(Name.from("kittest"));
        assertThat(a.name()).isEqualTo(Name.from("setitem"));
        assertThat(a.authorization()).containsExactly(ActionRequest.PLACEHOLDER_SIGNER);
        assertThat(a.data().bytes()).isEqualTo(abi.encode("setitem", item(1.5)));
    }

    @Test
    void anActionTakesTheGivenAuthorization() {
        PermissionLevel alice = PermissionLevel.from("alice@active");
        Action a = kittest.action("delitem", Map.of("scope", "alice", "id", 7), List.of(alice));
        assertThat(a.authorization()).containsExactly(alice);
        assertThat(a.data().bytes()).isEqualTo(abi.encode("delitem", Map.of("scope", "alice", "id", 7)));
    }

    @Test
    void anUnknownActionIsTyped() {
        assertThatThrownBy(() -> kittest.action("transfer", Map.of()))
                .isInstanceOf(UnknownActionException.class)
                .hasMessageContaining("kittest has no action transfer")
                .hasMessageContaining("setitem, delitem, stats");
        assertThatThrownBy(() -> kittest.action("Bad", Map.of()))
                .isInstanceOf(UnknownActionException.class)
                .hasMessageContaining("\"Bad\"");
    }

    @Test
    void dataThatDoesNotEncodeNamesTheField() {
        assertThatThrownBy(() -> kittest.action("setitem", item("cheap")))
                .isInstanceOfSatisfying(ActionDataException.class, e -> assertThat(e.path()).isEqualTo("setitem.price"))
                .hasMessageContaining("setitem.price");
    }

    @Test
    void aReadOnlyCallNeedsAResultType() {
        assertThatThrownBy(() -> kittest.readOnly("delitem", Map.of("scope", "alice", "id", 1)))
                .isInstanceOf(UnknownActionException.class)
                .hasMessageContaining("returns no value");
    }

    @Test
    void anUnknownTableIsTyped() {
        assertThatThrownBy(() -> kittest.table("accounts", "alice"))
                .isInstanceOf(UnknownTableException.class)
                .hasMessageContaining("has no table accounts")
                .hasMessageContaining("items");
    }

    @Test
    void indexesAreCheckedAgainstTheAbi() {
        Table<?> items = kittest.table("items", "alice");
        assertThat(items.query("owner").index()).isEqualTo(Index.of(2, KeyType.NAME));
        assertThat(items.query("hash").index()).isEqualTo(Index.of(4, KeyType.CHECKSUM256));
        assertThat(items.query("rank").index()).isEqualTo(Index.of(5, KeyType.UINT128));
        assertThatThrownBy(() -> items.query("colour"))
                .isInstanceOf(UnknownIndexException.class)
                .hasMessageContaining("\"colour\"")
                .hasMessageContaining("[id, owner, price, hash, rank]");
        assertThatThrownBy(() -> items.query(Index.of(6, KeyType.UINT64)))
                .isInstanceOf(UnknownIndexException.class)
                .hasMessageContaining("not position 6");
        assertThatThrownBy(() -> items.query(Index.of(2, KeyType.UINT128)))
                .isInstanceOf(KeyTypeMismatchException.class)
                .hasMessageContaining("holds name keys (owner), not i128");
        // names and uint64 share one kind of index
        assertThat(items.query(Index.of(2, KeyType.UINT64)).index().position()).isEqualTo(2);
    }

    @Test
    void aCursorBuildsTheNodesQuery() {
        Table<?> items = kittest.table("items", "alice");
        TableQuery q = items.query(Index.of(2, KeyType.NAME)).from(Name.from("bob")).to(Name.from("carol"))
                .reverse(true).limit(25).query();
        assertThat(q).isEqualTo(TableQuery.of("kittest", "alice", "items").index(2, "name").lowerBound("bob")
                .upperBound("carol").reverse(true).limit(25));
        TableQuery all = items.query().query();
        assertThat(all).isEqualTo(TableQuery.of("kittest", "alice", "items").index(1, "i64")
                .limit(TableCursor.DEFAULT_PAGE_SIZE));
        assertThat(items.query().limit(1000).pageSize(7).query().limit()).isEqualTo(7);
    }

    @Test
    void keysAreWrittenAsTheNodeReadsThem() {
        assertThat(KeyType.UINT64.bound(-1L)).isEqualTo("18446744073709551615");
        assertThat(KeyType.NAME.bound(Name.from("eosio.token"))).isEqualTo("eosio.token");
        assertThat(KeyType.UINT128.bound(UInt128.from("340282366920938463463374607431768211455")))
                .isEqualTo("340282366920938463463374607431768211455");
        assertThat(KeyType.CHECKSUM256.bound(Checksum256.from("ab".repeat(32)))).isEqualTo("ab".repeat(32));
        assertThat(KeyType.FLOAT64.bound(1.0E22)).isEqualTo("10000000000000000000000");
        assertThat(KeyType.FLOAT64.bound(-0.25)).isEqualTo("-0.25");
        assertThat(KeyType.FLOAT128.bound(Float128.from("00".repeat(15) + "3f"))).isEqualTo("0x" + "00".repeat(15) + "3f");
        assertThatThrownBy(() -> KeyType.FLOAT64.bound(Double.NaN)).isInstanceOf(KeyTypeMismatchException.class);
        assertThatThrownBy(() -> KeyType.NAME.bound("alice"))
                .isInstanceOf(KeyTypeMismatchException.class)
                .hasMessageContaining("a name key must be a Name, got String alice");
        assertThat(KeyType.forAbiType("sha256")).contains(KeyType.CHECKSUM256);
        assertThat(KeyType.forAbiType("uint64")).contains(KeyType.UINT64);
        assertThat(KeyType.forAbiType("ripemd160")).isEmpty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aCursorRefusesAKeyOfAnotherTypeAtOnce() {
        TableCursor raw = kittest.table("items", "alice").query(Index.of(3, KeyType.FLOAT64));
        assertThatThrownBy(() -> raw.from("cheap"))
                .isInstanceOf(KeyTypeMismatchException.class)
                .hasMessageContaining("a float64 key must be a Double");
    }
}
