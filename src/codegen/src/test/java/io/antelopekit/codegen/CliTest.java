package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, with ABI files and against a node stand-in on 127.0.0.1 that answers get_abi. */
class CliTest {

    private HttpServer node;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startNode() throws IOException {
        Path kittest = GeneratedCode.abiFiles().stream().filter(p -> p.getFileName().toString().equals("kittest.abi.json"))
                .findFirst().orElseThrow();
        String abi = Files.readString(kittest, StandardCharsets.UTF_8);
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/v1/chain/get_abi", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(exchange.getRequestMethod() + " " + body);
            String answer;
            int status = 200;
            if (body.contains("\"kittest\"")) {
                answer = "{\"account_name\":\"kittest\",\"abi\":" + abi + "}";
            } else if (body.contains("\"nobody\"")) {
                answer = "{\"account_name\":\"nobody\"}";
            } else {
                status = 500;
                answer = "{\"code\":500,\"message\":\"Internal Service Error\",\"error\":{\"what\":\"unknown key\"}}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        node.start();
    }

    @AfterEach
    void stopNode() {
        node.stop(0);
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void generatesFromAbiFiles(@TempDir Path out) throws IOException {
        List<Path> files = GeneratedCode.abiFiles();
        Path kittest = files.stream().filter(p -> p.getFileName().toString().equals("kittest.abi.json")).findFirst().orElseThrow();
        Path token = files.stream().filter(p -> p.getFileName().toString().equals("eosio.token.json")).findFirst().orElseThrow();
        Run r = run("--abi", kittest.toString(), "--abi", token.toString(), "--package", "com.example.contracts",
                "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        Path k = out.resolve("com/example/contracts/Kittest.java");
        Path t = out.resolve("com/example/contracts/EosioToken.java");
        assertThat(r.out()).contains("wrote " + k, "wrote " + t);
        assertThat(Files.readString(k)).contains("public final class Kittest", "Name.from(\"kittest\")");
        assertThat(Files.readString(t)).contains("public final class EosioToken", "Name.from(\"eosio.token\")");
    }

    @Test
    void anAccountAndAClassNameCanBeGiven(@TempDir Path out) throws IOException {
        Path token = GeneratedCode.abiFiles().get(1);
        Run r = run("--abi", token.toString(), "--account", "token.x", "--class-name", "MyToken", "--package", "p", "--out",
                out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("p/MyToken.java"))).contains("public final class MyToken",
                "ACCOUNT = Name.from(\"token.x\")");
    }

    @Test
    void fetchesTheAbiFromANode(@TempDir Path out) throws IOException {
        String url = "http://127.0.0.1:" + node.getAddress().getPort();
        Run r = run("--url", url, "--account", "kittest", "--package", "com.example", "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(requests).containsExactly("POST {\"account_name\":\"kittest\"}");
        String fromNode = Files.readString(out.resolve("com/example/Kittest.java"));
        assertThat(fromNode).contains("public ItemsTable items(Name scope)", "public Mono<StatsResult> statsReadOnly(Stats data)");
    }

    @Test
    void failuresAreMessagesAndExitStatuses(@TempDir Path out) throws IOException {
        String url = "http://127.0.0.1:" + node.getAddress().getPort();
        Run none = run("--url", url, "--account", "nobody", "--package", "p", "--out", out.toString());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("error: account nobody has no ABI");

        Run failing = run("--url", url, "--account", "other", "--package", "p", "--out", out.toString());
        assertThat(failing.status()).isEqualTo(1);
        assertThat(failing.err()).contains("HTTP 500", "unknown key");

        Run noAccount = run("--url", url, "--package", "p", "--out", out.toString());
        assertThat(noAccount.status()).isEqualTo(2);
        assertThat(noAccount.err()).contains("--url needs at least one --account");

        Run both = run("--url", url, "--abi", "x.json", "--package", "p", "--out", out.toString());
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        Run missingFile = run("--abi", out.resolve("missing.abi.json").toString(), "--package", "p", "--out", out.toString());
        assertThat(missingFile.status()).isEqualTo(1);
        assertThat(missingFile.err()).contains("missing.abi.json");

        Run badPackage = run("--abi", "x.json", "--package", "a.new.b", "--out", out.toString());
        assertThat(badPackage.status()).isEqualTo(2);
        assertThat(badPackage.err()).contains("not a Java package name");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void accountsFromFileNames() {
        assertThat(Cli.accountOf(Path.of("a/eosio.token.abi.json"))).isEqualTo("eosio.token");
        assertThat(Cli.accountOf(Path.of("kittest.json"))).isEqualTo("kittest");
        assertThat(Cli.accountOf(Path.of("x.abi"))).isEqualTo("x");
    }
}
