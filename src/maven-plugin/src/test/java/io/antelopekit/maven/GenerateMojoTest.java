package io.antelopekit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals without Maven around them (the integration test in src/it runs them in a real build). */
class GenerateMojoTest {

    private static final Path DEVNET = Path.of(System.getProperty("antelopekit.root", "../.."),
            "src/devnet/src/main/resources/io/antelopekit/devnet");

    @Test
    void generatesFromFilesAndFromANodeAndAddsTheSourceRoot(@TempDir Path dir) throws Exception {
        String kittest = Files.readString(DEVNET.resolve("kittest.abi.json"), StandardCharsets.UTF_8);
        HttpServer node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/v1/chain/get_abi", exchange -> {
            byte[] body = ("{\"account_name\":\"kittest2\",\"abi\":" + kittest + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        try {
            Path abis = Files.createDirectories(dir.resolve("abis"));
            Files.copy(DEVNET.resolve("eosio.token.abi.json"), abis.resolve("eosio.token.abi.json"));
            Files.writeString(abis.resolve("notes.txt"), "not an ABI");
            GenerateMojo mojo = new GenerateMojo();
            mojo.project = new MavenProject();
            mojo.packageName = "com.example";
            mojo.abiDirectory = abis.toFile();
            mojo.outputDirectory = dir.resolve("out").toFile();
            mojo.url = "http://127.0.0.1:" + node.getAddress().getPort();
            mojo.accounts = List.of("kittest2");
            mojo.execute();
            assertThat(dir.resolve("out/com/example/EosioToken.java")).content().contains("public final class EosioToken");
            assertThat(dir.resolve("out/com/example/Kittest2.java")).content().contains("Name.from(\"kittest2\")");
            assertThat(mojo.project.getCompileSourceRoots()).containsExactly(dir.resolve("out").toString());
        } finally {
            node.stop(0);
        }
    }

    @Test
    void theTestGoalAddsATestSourceRoot(@TempDir Path dir) throws Exception {
        GenerateTestMojo mojo = new GenerateTestMojo();
        mojo.project = new MavenProject();
        mojo.packageName = "com.example";
        mojo.abiDirectory = DEVNET.toFile();
        mojo.outputDirectory = dir.toFile();
        mojo.execute();
        assertThat(dir.resolve("com/example/Kittest.java")).exists();
        assertThat(mojo.project.getTestCompileSourceRoots()).containsExactly(dir.toString());
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }

    @Test
    void problemsFailTheBuildWithTheGeneratorsMessage(@TempDir Path dir) throws IOException {
        GenerateMojo noUrl = new GenerateMojo();
        noUrl.project = new MavenProject();
        noUrl.packageName = "p";
        noUrl.abiDirectory = new File(dir.toFile(), "none");
        noUrl.outputDirectory = dir.toFile();
        noUrl.accounts = List.of("kittest");
        assertThatThrownBy(noUrl::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("<url>");

        Files.writeString(dir.resolve("bad.abi.json"), "{\"version\":\"eosio::abi/1.2\",\"structs\":["
                + "{\"name\":\"s\",\"base\":\"\",\"fields\":[{\"name\":\"encode\",\"type\":\"bool\"}]}]}");
        GenerateMojo clash = new GenerateMojo();
        clash.project = new MavenProject();
        clash.packageName = "p";
        clash.abiDirectory = dir.toFile();
        clash.outputDirectory = dir.resolve("out").toFile();
        assertThatThrownBy(clash::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContainingAll("bad", "name clash", "field \"encode\"");
        assertThat(clash.project.getCompileSourceRoots()).isEmpty();
    }
}
