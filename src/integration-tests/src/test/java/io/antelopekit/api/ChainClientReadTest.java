package io.antelopekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.crypto.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Each read endpoint against a local server replaying recorded node answers. */
@ExtendWith(NonBlocking.class)
class ChainClientReadTest {

    static final String GET_INFO = "antelope/41d2b5db1ef387ee364f1115e0dc4bdec9800993.json";
    static final String GET_ACCOUNT = "antelope/27d7e1910840d0348a2501505553c581715bac46.json";
    static final String GET_ABI = "antelope/3f3786a2323931bf4cf1f7b363b68bf6ccbe62dd.json";
    static final String GET_RAW_ABI = "antelope/36ecb0300faf53a8b5c92d3f78a5b3e7bc5e8ae4.json";
    static final String GET_BLOCK = "antelope/6942c2f7aee796fc7c0b1fa07656fa7e82a69c26.json";
    static final String BY_AUTHORIZERS = "antelope/557e3bdca14031c6cef8d0949ecd0da075cb5744.json";
    static final String TRX_STATUS = "antelope/8f4db291612f27108edcd7e089b05533ce6d6624.json";
    static final String UNKNOWN_BLOCK = "antelope/948902394c93880fd7f60c8cef68310c6c3008a4.json";
    static final String NO_ABI = "session/26bc8ef1e52107e1fc2e027b754c0fc1c7e67d3a.json";
    static final String PUB = "PUB_K1_5xycLwLXYFbC9ATY2rJDuf1abR43S3ZojXsSbZ7RYWgUGmaUrM";

    private MockNode node;
    private ChainClient client;

    @BeforeEach
    void start() {
        node = MockNode.start();
        client = Clients.fast(node).header("X-Api-Key", "secret-key").build();
    }

    @AfterEach
    void stop() {
        client.dispose();
        node.close();
    }

    @Test
    void getInfoReadsTheRecordedAnswer() {
        JsonNode expected = Recorded.of(GET_INFO).json();
        node.chain("get_info", MockNode.recorded(GET_INFO));
        StepVerifier.create(client.getInfo())
                .assertNext(info -> {
                    assertThat(info.chainId()).isEqualTo(Checksum256.from(expected.get("chain_id").asText()));
                    assertThat(info.headBlockNum()).isEqualTo(expected.get("head_block_num").asLong());
                    assertThat(info.headBlockProducer().toString()).isEqualTo(expected.get("head_block_producer").asText());
                })
                .expectComplete().verify(Clients.VERIFY);
        MockNode.Request r = node.requests("get_info").get(0);
        assertThat(r.json()).isEqualTo(ChainJson.mapper().createObjectNode());
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.headers().get("x-api-key")).isEqualTo("secret-key");
        assertThat(r.headers().get("content-length")).isEqualTo("2");
    }

    @Test
    void publishersAreCold() {
        node.chain("get_info", MockNode.recorded(GET_INFO));
        // one connection: a request sent while the publishers are made would hold it before the first
        // subscription's, so it would reach the node before that subscription has its answer
        ChainClient single = Clients.fast(node).maxConnections(1).build();
        try {
            Mono<?> info = single.getInfo();
            single.getAccount(Name.from("eosio"));
            single.tableRows(TableQuery.of("eosio.token", "eosio", "stat"));
            single.trackTransaction(Checksum256.ZERO);
            single.heads();
            assertThat(node.count()).isZero();
            StepVerifier.create(info).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
            assertThat(node.count()).as("only the subscribed request went out").isEqualTo(1);
            StepVerifier.create(info).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
            assertThat(node.count()).as("each subscription sends anew").isEqualTo(2);
        } finally {
            single.dispose();
        }
    }

    @Test
    void getAccount() {
        JsonNode expected = Recorded.of(GET_ACCOUNT).json();
        node.chain("get_account", MockNode.recorded(GET_ACCOUNT));
        Name account = Name.from(expected.get("account_name").asText());
        StepVerifier.create(client.getAccount(account))
                .assertNext(a -> assertThat(a.accountName()).isEqualTo(account))
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_account").get(0).json().get("account_name").asText()).isEqualTo(account.toString());
    }

    @Test
    void getAbiAndRawAbi() {
        node.chain("get_abi", MockNode.recorded(GET_ABI)).chain("get_raw_abi", MockNode.recorded(GET_RAW_ABI));
        StepVerifier.create(client.getAbi(Name.from("eosio.token")))
                .assertNext(r -> assertThat(r.abi().get("version").asText()).startsWith("eosio::abi/1."))
                .expectComplete().verify(Clients.VERIFY);
        StepVerifier.create(client.getRawAbi(Name.from("eosio.token")))
                .assertNext(r -> assertThat(r.abiBase64()).isEqualTo(Recorded.of(GET_RAW_ABI).json().get("abi").asText()))
                .expectComplete().verify(Clients.VERIFY);
        StepVerifier.create(client.abi(Name.from("eosio.token")))
                .assertNext(abi -> {
                    assertThat(abi.actionType("transfer")).contains("transfer");
                    assertThat(abi.tableType(Name.from("accounts"))).contains("account");
                })
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_raw_abi")).hasSize(2)
                .allSatisfy(r -> assertThat(r.json().get("account_name").asText()).isEqualTo("eosio.token"));
    }

    @Test
    void abiOfAnAccountWithoutOneIsEmpty() {
        node.chain("get_raw_abi", MockNode.json(200, "{\"account_name\":\"alice\",\"code_hash\":\""
                + Checksum256.ZERO + "\",\"abi_hash\":\"" + Checksum256.ZERO + "\",\"abi\":\"\"}"));
        StepVerifier.create(client.abi(Name.from("alice"))).expectComplete().verify(Clients.VERIFY);
    }

    @Test
    void abiThatDoesNotDecodeIsMalformed() {
        node.chain("get_raw_abi", MockNode.json(200, "{\"account_name\":\"alice\",\"code_hash\":\""
                + Checksum256.ZERO + "\",\"abi_hash\":\"" + Checksum256.ZERO + "\",\"abi\":\"AAEC\"}"));
        StepVerifier.create(client.abi(Name.from("alice")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MalformedResponseException.class)
                        .hasMessageContaining("binary ABI of alice"))
                .verify(Clients.VERIFY);
        assertThat(node.count()).as("not retried").isEqualTo(1);
    }

    @Test
    void getBlockByNumberAndId() {
        JsonNode expected = Recorded.of(GET_BLOCK).json();
        node.chain("get_block", MockNode.recorded(GET_BLOCK));
        long num = expected.get("block_num").asLong();
        Checksum256 id = Checksum256.from(expected.get("id").asText());
        StepVerifier.create(client.getBlock(num))
                .assertNext(b -> assertThat(b.producer().toString()).isEqualTo(expected.get("producer").asText()))
                .expectComplete().verify(Clients.VERIFY);
        StepVerifier.create(client.getBlock(id)).expectNextCount(1).expectComplete().verify(Clients.VERIFY);
        List<MockNode.Request> sent = node.requests("get_block");
        assertThat(sent.get(0).json().get("block_num_or_id").asText()).isEqualTo(Long.toString(num));
        assertThat(sent.get(1).json().get("block_num_or_id").asText()).isEqualTo(id.toString());
    }

    @Test
    void getBlockInfo() {
        JsonNode block = Recorded.of(GET_BLOCK).json();
        ObjectNode info = ChainJson.mapper().createObjectNode();
        for (String f : List.of("block_num", "ref_block_num", "id", "timestamp", "producer", "confirmed", "previous",
                "transaction_mroot", "action_mroot", "schedule_version", "producer_signature", "ref_block_prefix")) {
            if (block.has(f)) {
                info.set(f, block.get(f));
            }
        }
        info.put("ref_block_num", block.get("block_num").asLong() & 0xffff);
        node.chain("get_block_info", MockNode.json(200, info.toString()));
        StepVerifier.create(client.getBlockInfo(block.get("block_num").asLong()))
                .assertNext(b -> {
                    assertThat(b.blockNum()).isEqualTo(block.get("block_num").asLong());
                    assertThat(b.refBlockPrefix()).isEqualTo(block.get("ref_block_prefix").asLong());
                })
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_block_info").get(0).json().get("block_num").isNumber()).isTrue();
    }

    @Test
    void getCurrencyBalance() {
        node.chain("get_currency_balance", MockNode.json(200, "[\"1.0000 EOS\"]"));
        StepVerifier.create(client.getCurrencyBalance(Name.from("eosio.token"), Name.from("alice"), SymbolCode.from("EOS")))
                .assertNext(b -> assertThat(b.balances()).extracting(Object::toString).containsExactly("1.0000 EOS"))
                .expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("get_currency_balance").get(0).json();
        assertThat(body.get("code").asText()).isEqualTo("eosio.token");
        assertThat(body.get("account").asText()).isEqualTo("alice");
        assertThat(body.get("symbol").asText()).isEqualTo("EOS");
    }

    @Test
    void getRequiredKeys() {
        node.chain("get_required_keys", MockNode.json(200, "{\"required_keys\":[\"" + PUB + "\"]}"));
        StepVerifier.create(client.getRequiredKeys(Fixtures.packed().transaction(), List.of(PublicKey.from(PUB))))
                .assertNext(r -> assertThat(r.requiredKeys()).containsExactly(PublicKey.from(PUB)))
                .expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("get_required_keys").get(0).json();
        assertThat(body.get("available_keys").get(0).asText()).isEqualTo(PublicKey.from(PUB).toString());
        assertThat(body.get("transaction").get("expiration").asText()).isEqualTo(Fixtures.EXPIRATION);
    }

    @Test
    void getAccountsByAuthorizers() {
        node.chain("get_accounts_by_authorizers", MockNode.recorded(BY_AUTHORIZERS));
        StepVerifier.create(client.getAccountsByAuthorizers(List.of(PermissionLevel.of("alice", "active")),
                        List.of(PublicKey.from(PUB))))
                .assertNext(r -> assertThat(r.accounts()).isNotEmpty())
                .expectComplete().verify(Clients.VERIFY);
        JsonNode body = node.requests("get_accounts_by_authorizers").get(0).json();
        assertThat(body.get("accounts").get(0).get("actor").asText()).isEqualTo("alice");
        assertThat(body.get("accounts").get(0).get("permission").asText()).isEqualTo("active");
        assertThat(body.get("keys").get(0).asText()).isEqualTo(PublicKey.from(PUB).toString());
    }

    @Test
    void getTransactionStatus() {
        node.chain("get_transaction_status", MockNode.recorded(TRX_STATUS));
        Checksum256 id = Checksum256.hash(new byte[] {1});
        StepVerifier.create(client.getTransactionStatus(id))
                .assertNext(s -> assertThat(s.knownState()).isEqualTo(TransactionState.UNKNOWN))
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests("get_transaction_status").get(0).json().get("id").asText()).isEqualTo(id.toString());
    }

    @Test
    void genericCall() {
        node.on("/v1/chain/get_producers", MockNode.json(200, "{\"rows\":[],\"total_producer_vote_weight\":\"0\",\"more\":\"\"}"));
        StepVerifier.create(client.call("/v1/chain/get_producers", Map.of("limit", 5, "json", true), JsonNode.class))
                .assertNext(n -> assertThat(n.get("rows").isArray()).isTrue())
                .expectComplete().verify(Clients.VERIFY);
        assertThat(node.requests().get(0).json().get("limit").asInt()).isEqualTo(5);
    }

    @Test
    void nodeErrorBodyBecomesChainApiException() {
        JsonNode recorded = Recorded.of(UNKNOWN_BLOCK).json();
        node.chain("get_block", MockNode.recorded(UNKNOWN_BLOCK));
        StepVerifier.create(client.getBlock(10_000_000))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    ChainApiException a = (ChainApiException) e;
                    assertThat(a.httpStatus()).isEqualTo(400);
                    assertThat(a.code()).isEqualTo(recorded.at("/error/code").asLong());
                    assertThat(a.name()).isEqualTo("unknown_block_exception");
                    assertThat(a.what()).isEqualTo(recorded.at("/error/what").asText());
                    assertThat(a.nodeMessage()).isEqualTo(recorded.get("message").asText());
                    assertThat(a.details()).hasSize(1);
                    assertThat(a.details().get(0).message()).isEqualTo(recorded.at("/error/details/0/message").asText());
                    assertThat(a.details().get(0).method()).isEqualTo("get_block_header_state");
                    assertThat(a.endpoint().toString()).isEqualTo(node.url() + "/v1/chain/get_block");
                    assertThat(a.isTransient()).isFalse();
                    assertThat(a).hasMessageContaining("unknown_block_exception")
                            .hasMessageContaining("Could not find reversible block: 10000000");
                })
                .verify(Clients.VERIFY);
        assertThat(node.count()).as("a 400 is not retried").isEqualTo(1);
    }

    @Test
    void accountQueryErrorOnGetRawAbi() {
        node.chain("get_raw_abi", MockNode.recorded(NO_ABI));
        StepVerifier.create(client.getRawAbi(Name.from("nobody")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class,
                        a -> assertThat(a.name()).isEqualTo("account_query_exception")))
                .verify(Clients.VERIFY);
    }

    @Test
    void nonNodeErrorBodyIsKeptAsText() {
        node.chain("get_info", MockNode.json(403, "<html>Forbidden</html>"));
        StepVerifier.create(client.getInfo())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ChainApiException.class, a -> {
                    assertThat(a.httpStatus()).isEqualTo(403);
                    assertThat(a.errorBody()).isNull();
                    assertThat(a.name()).isNull();
                    assertThat(a.bodyText()).isEqualTo("<html>Forbidden</html>");
                    assertThat(a.isTransient()).isFalse();
                }))
                .verify(Clients.VERIFY);
    }

    @Test
    void configNeverShowsHeaderValues() {
        assertThat(client.config().toString()).contains("X-Api-Key=***").doesNotContain("secret-key");
        assertThat(client.config().headers()).containsEntry("X-Api-Key", "secret-key");
    }

    @Test
    void abiDecodedModelFromGetAbi() {
        node.chain("get_abi", MockNode.recorded(GET_ABI));
        StepVerifier.create(client.getAbi(Name.from("eosio.token")).map(r -> Abi.fromJson(r.abi().toString())))
                .assertNext(abi -> assertThat(abi.tableType(Name.from("stat"))).contains("currency_stats"))
                .expectComplete().verify(Clients.VERIFY);
    }
}
