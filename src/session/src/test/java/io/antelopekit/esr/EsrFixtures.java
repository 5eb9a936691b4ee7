package io.antelopekit.esr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Requests, ABIs and keys shared by the signing-request tests. */
final class EsrFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    static final Checksum256 EOS = Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");
    static final Checksum256 TELOS = Checksum256.from("4667b205c6838ef70ff7988f6e8257e8be0e1284a2f59699054a018f743b1d11");
    static final Checksum256 WAX = Checksum256.from("1064487b3cd1a897ce03ae5b6a865651747e2e152090f99c1d19d44e01aea5a4");
    /** A chain without an alias. */
    static final Checksum256 OTHER = Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d");

    static final Name TOKEN = Name.from("eosio.token");
    static final Name NEST = Name.from("nest");

    /** The transfer action of eosio.token. */
    static final Abi TOKEN_ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.1","types":[],"structs":[{"name":"transfer","base":"","fields":[
              {"name":"from","type":"name"},{"name":"to","type":"name"},
              {"name":"quantity","type":"asset"},{"name":"memo","type":"string"}]}],
             "actions":[{"name":"transfer","type":"transfer","ricardian_contract":""}]}""");

    /** Names nested every way the placeholder walk must follow: alias, array, optional, variant, base struct, extension. */
    static final Abi NEST_ABI = Abi.fromJson("""
            {"version":"eosio::abi/1.1",
             "types":[{"new_type_name":"account","type":"name"}],
             "structs":[
               {"name":"inner","base":"","fields":[{"name":"who","type":"account"},{"name":"perm","type":"name"}]},
               {"name":"other","base":"","fields":[{"name":"n","type":"uint64"}]},
               {"name":"basic","base":"","fields":[{"name":"owner","type":"name"}]},
               {"name":"deep","base":"basic","fields":[
                 {"name":"list","type":"name[]"},
                 {"name":"maybe","type":"name?"},
                 {"name":"pick","type":"choice"},
                 {"name":"inners","type":"inner[]"},
                 {"name":"text","type":"string"},
                 {"name":"amount","type":"uint64"},
                 {"name":"ext","type":"name$"}]}],
             "variants":[{"name":"choice","types":["inner","other"]}],
             "actions":[{"name":"deep","type":"deep","ricardian_contract":""}]}""");

    static final Map<Name, Abi> ABIS = Map.of(TOKEN, TOKEN_ABI, NEST, NEST_ABI);

    static final PermissionLevel ALICE = PermissionLevel.from("alice@active");

    static final PrivateKey KEY = PrivateKey.from("5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3");

    private EsrFixtures() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A transfer from the signer (placeholders in authorization and data). */
    static JsonNode transfer(String to, String quantity, String memo) {
        return json("{\"account\":\"eosio.token\",\"name\":\"transfer\","
                + "\"authorization\":[{\"actor\":\"............1\",\"permission\":\"............2\"}],"
                + "\"data\":{\"from\":\"............1\",\"to\":\"" + to + "\",\"quantity\":\"" + quantity
                + "\",\"memo\":\"" + memo + "\"}}");
    }

    static SigningRequest.Builder transferRequest() {
        return SigningRequest.builder().chainId(EOS).abi(TOKEN, TOKEN_ABI).action(transfer("bob", "1.0000 EOS", "hi"));
    }

    /** One request of every kind and option, for round trips and as fuzzing seeds. */
    static List<SigningRequest> samples() {
        List<SigningRequest> out = new ArrayList<>();
        out.add(transferRequest().build());
        out.add(transferRequest().callback("https://example.com/cb?tx={{tx}}&sig={{sig}}", true)
                .info("foo", "bar").info("raw", Bytes.from("0102")).build());
        out.add(SigningRequest.builder().chainId(TELOS).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 TLOS", "one")).action(transfer("carol", "2.0000 TLOS", "two"))
                .broadcast(false).build());
        out.add(SigningRequest.builder().chainId(OTHER).abi(TOKEN, TOKEN_ABI).transaction(json(
                "{\"delay_sec\":3,\"max_cpu_usage_ms\":10,\"actions\":[" + transfer("dave", "0.0001 EOS", "") + "]}"))
                .build());
        out.add(SigningRequest.builder().chainId(EOS).identity().callback("https://example.com/login?sig={{sig}}")
                .build());
        out.add(SigningRequest.builder().chainId(WAX).identity(PermissionLevel.from("teamgreymass@active"))
                .build());
        out.add(SigningRequest.builder().chainId(TELOS).identityScope(Name.from("myapp")).callback("myapp://login")
                .build());
        out.add(SigningRequest.builder().multiChain(List.of(EOS, TELOS, OTHER)).abi(TOKEN, TOKEN_ABI)
                .action(transfer("bob", "1.0000 EOS", "multi")).build());
        out.add(SigningRequest.builder().multiChain(List.of()).identityScope(Name.from("anyapp")).build());
        out.add(transferRequest().build().sign(Name.from("app"), KEY));
        out.add(SigningRequest.builder().chainId(EOS).abi(NEST, NEST_ABI).action(json("""
                {"account":"nest","name":"deep","authorization":[{"actor":"............1","permission":"............1"}],
                 "data":{"owner":"............1","list":["............1","x","............2"],"maybe":"............2",
                         "pick":["inner",{"who":"............1","perm":"............2"}],
                         "inners":[{"who":"............1","perm":"active"}],
                         "text":"............1","amount":1,"ext":"............1"}}""")).build());
        return out;
    }

    /** The links of {@code esr.jsonl} (compressed and not), when the vectors are there. */
    static List<String> vectorLinks() {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors")).resolve("esr.jsonl");
        List<String> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    out.add(row.get("request_uri").asText());
                    out.add(row.get("request_uri_uncompressed").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
