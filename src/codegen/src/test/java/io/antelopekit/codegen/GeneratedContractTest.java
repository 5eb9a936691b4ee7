package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.contract.Contract;
import io.antelopekit.contract.Table;
import io.antelopekit.session.ActionRequest;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated classes on the real runtime (antelopekit-contract): actions carry the data the
 * ABI would encode and the signer's placeholder, tables are the contract's. Nothing goes on the
 * wire: the client points at a closed port and is never asked anything.
 */
class GeneratedContractTest {

    @TempDir
    static Path dir;
    static ClassLoader loader;
    static ChainClient client;

    @BeforeAll
    static void generate() throws Exception {
        ContractGenerator g = ContractGenerator.builder().packageName("gen.rt").build();
        List<Path> files = GeneratedCode.abiFiles();
        String kittest = Files.readString(files.stream().filter(p -> p.endsWith("kittest.abi.json")).findFirst().orElseThrow(),
                StandardCharsets.UTF_8);
        String token = Files.readString(files.stream().filter(p -> p.endsWith("eosio.token.json")).findFirst().orElseThrow(),
                StandardCharsets.UTF_8);
        loader = GeneratedCode.compile(dir, List.of(g.generate("kittest", kittest), g.generate("eosio.token", token)));
        client = ChainClient.create("http://127.0.0.1:9");
    }

    @AfterAll
    static void dispose() {
        client.dispose();
    }

    @Test
    void aTransferIsTheActionTheAbiDescribes() throws Exception {
        Class<?> tokenClass = loader.loadClass("gen.rt.EosioToken");
        Object token = tokenClass.getConstructor(ChainClient.class).newInstance(client);
        Action transfer = (Action) tokenClass.getMethod("transfer", Name.class, Name.class, Asset.class, String.class)
                .invoke(token, Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi");
        Abi abi = (Abi) tokenClass.getMethod("abi").invoke(null);
        JsonNode json = new ObjectMapper().readTree("{\"from\":\"alice\",\"to\":\"bob\",\"quantity\":\"1.0000 EOS\",\"memo\":\"hi\"}");
        assertThat(transfer.account()).isEqualTo(Name.from("eosio.token"));
        assertThat(transfer.name()).isEqualTo(Name.from("transfer"));
        assertThat(transfer.data()).isEqualTo(Bytes.of(abi.encode("transfer", json)));
        assertThat(transfer.authorization()).containsExactly(ActionRequest.PLACEHOLDER_SIGNER);

        Object data = loader.loadClass("gen.rt.EosioToken$Transfer")
                .getConstructor(Name.class, Name.class, Asset.class, String.class)
                .newInstance(Name.from("alice"), Name.from("bob"), Asset.from("1.0000 EOS"), "hi");
        List<PermissionLevel> auth = List.of(PermissionLevel.of("alice", "active"));
        Action authorized = (Action) tokenClass.getMethod("transfer", data.getClass(), List.class).invoke(token, data, auth);
        assertThat(authorized.authorization()).isEqualTo(auth);
        assertThat(authorized.data()).isEqualTo(transfer.data());
    }

    @Test
    void theContractCanBeDeployedElsewhereAndItsTablesAreTyped() throws Exception {
        Class<?> kittestClass = loader.loadClass("gen.rt.Kittest");
        Constructor<?> elsewhere = kittestClass.getConstructor(ChainClient.class, Name.class);
        Object kittest = elsewhere.newInstance(client, Name.from("kittest2"));
        Contract contract = (Contract) kittestClass.getMethod("contract").invoke(kittest);
        assertThat(contract.account()).isEqualTo(Name.from("kittest2"));
        assertThat(contract.abi()).isSameAs(kittestClass.getMethod("abi").invoke(null));

        Object items = kittestClass.getMethod("items").invoke(kittest);
        Table<?> table = (Table<?>) items.getClass().getMethod("table").invoke(items);
        assertThat(table.name()).isEqualTo(Name.from("items"));
        assertThat(table.scope()).isEqualTo("kittest2");
        Object scoped = kittestClass.getMethod("items", String.class).invoke(kittest, "alice");
        assertThat(((Table<?>) scoped.getClass().getMethod("table").invoke(scoped)).scope()).isEqualTo("alice");
        Object byOwner = items.getClass().getMethod("byOwner").invoke(items);
        assertThat(((io.antelopekit.contract.TableCursor<?, ?>) byOwner).index())
                .isEqualTo(io.antelopekit.contract.Index.of(2, io.antelopekit.contract.KeyType.NAME));

        Action del = (Action) kittestClass.getMethod("delitem", Name.class, long.class)
                .invoke(kittest, Name.from("alice"), -1L);
        assertThat(del.account()).isEqualTo(Name.from("kittest2"));
        assertThat(del.data().bytes()).hasSize(16);
    }
}
