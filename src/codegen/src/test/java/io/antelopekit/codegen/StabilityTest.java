package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generating twice gives the same files, with no date in them; a file that did not change is not rewritten. */
class StabilityTest {

    @Test
    void generatingTwiceGivesIdenticalFiles(@TempDir Path dir) throws Exception {
        for (Path file : GeneratedCode.abiFiles()) {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            String account = GeneratedRoundTripTest.accountOf(file);
            GeneratedSource first = ContractGenerator.builder().packageName("p").build().generate(account, json);
            GeneratedSource second = ContractGenerator.builder().packageName("p").build().generate(account, json);
            assertThat(second.source()).as(file.toString()).isEqualTo(first.source());
            assertThat(first.source()).doesNotContainPattern(Pattern.compile("20[0-9]{2}-[01][0-9]-[0-3][0-9]T"));

            Path written = first.writeTo(dir);
            byte[] bytes = Files.readAllBytes(written);
            Files.setLastModifiedTime(written, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
            second.writeTo(dir);
            assertThat(Files.readAllBytes(written)).isEqualTo(bytes);
            assertThat(Files.getLastModifiedTime(written).toMillis()).as("an unchanged file is left alone").isEqualTo(1_000_000L);
        }
    }

    @Test
    void membersAreSortedSoTheAbisOrderDoesNotMatter() {
        String a = "{\"version\":\"eosio::abi/1.2\",\"structs\":[{\"name\":\"b\",\"base\":\"\",\"fields\":[]},"
                + "{\"name\":\"a\",\"base\":\"\",\"fields\":[]}],\"actions\":[{\"name\":\"y\",\"type\":\"a\"},{\"name\":\"x\",\"type\":\"b\"}]}";
        String b = "{\"version\":\"eosio::abi/1.2\",\"structs\":[{\"name\":\"a\",\"base\":\"\",\"fields\":[]},"
                + "{\"name\":\"b\",\"base\":\"\",\"fields\":[]}],\"actions\":[{\"name\":\"x\",\"type\":\"b\"},{\"name\":\"y\",\"type\":\"a\"}]}";
        ContractGenerator g = ContractGenerator.builder().packageName("p").build();
        String sa = g.generate("c", a).source();
        String sb = g.generate("c", b).source();
        // the same but for the header's hash and the embedded ABI, which keep the ABI as it was given
        assertThat(strip(sa)).isEqualTo(strip(sb));
        assertThat(sa.indexOf("public Action x(")).isLessThan(sa.indexOf("public Action y("));
        assertThat(sa.indexOf("public record A(")).isLessThan(sa.indexOf("public record B("));
    }

    private static String strip(String source) {
        return source.replaceAll("SHA-256 of the ABI: [0-9a-f]+", "").replaceAll("(?s)String\\.join\\(.*?\\)\\);", "");
    }

    @Test
    void anAbiLargerThanAClassFileConstantIsSplit(@TempDir Path dir) {
        // one ricardian clause of 150,000 characters, some of them 3 bytes in UTF-8
        String body = "ab€".repeat(50_000);
        String abi = "{\"version\":\"eosio::abi/1.2\",\"structs\":[{\"name\":\"s\",\"base\":\"\",\"fields\":[]}],"
                + "\"ricardian_clauses\":[{\"id\":\"big\",\"body\":\"" + body + "\"}]}";
        GeneratedSource source = ContractGenerator.builder().packageName("gen.big").build().generate("big", abi);
        ClassLoader loader = GeneratedCode.compile(dir, java.util.List.of(source));
        Object parsed = null;
        try {
            parsed = loader.loadClass("gen.big.Big").getMethod("abi").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        assertThat(((io.antelopekit.abi.Abi) parsed).definition().ricardianClauses().get(0).body()).isEqualTo(body);
    }
}
