package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as users run it: {@code java -jar antelopekit-codegen-VERSION-cli.jar}, the
 * shaded jar that the root build packages before this module's tests, in a JVM of its own. It
 * writes what the library writes, and says what is wrong with bad input.
 */
class CodegenCliJarTest {

    static final Path ROOT = Path.of(System.getProperty("antelopekit.root", "../..")).toAbsolutePath().normalize();
    static final Path KITTEST = ROOT.resolve("src/devnet/src/main/resources/io/antelopekit/devnet/kittest.abi.json");

    static Path cliJar() throws IOException {
        Path target = ROOT.resolve("src/codegen/target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "antelopekit-codegen-*-cli.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        return null;
    }

    record Run(int exit, String output) {
    }

    static Run run(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the command line ends").isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theJarWritesWhatTheLibraryWrites(@TempDir Path out) throws Exception {
        Path jar = cliJar();
        assumeTrue(jar != null, "src/codegen/target has no -cli jar: build it with mvn -pl src/codegen package");
        Run r = run(jar, "--abi", KITTEST.toString(), "--account", "kittest", "--package", "com.example.contracts",
                "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        Path written = out.resolve("com/example/contracts/Kittest.java");
        assertThat(written).exists();
        GeneratedSource expected = ContractGenerator.builder().packageName("com.example.contracts").build()
                .generate("kittest", Files.readString(KITTEST));
        assertThat(Files.readString(written)).isEqualTo(expected.source());
    }

    @Test
    void badInputIsReportedWithANonZeroExit(@TempDir Path out) throws Exception {
        Path jar = cliJar();
        assumeTrue(jar != null, "src/codegen/target has no -cli jar: build it with mvn -pl src/codegen package");
        Run r = run(jar, "--abi", KITTEST.toString(), "--account", "Not.A.Name", "--package", "com.example",
                "--out", out.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("Not.A.Name");
    }
}
