package io.antelopekit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources the strict way ({@code -Xlint:all -Werror}, Java 17) against the
 * test class path, and loads them.
 */
final class GeneratedCode {

    private GeneratedCode() {
    }

    /** Writes, compiles and loads {@code sources} under {@code dir}; fails the test with javac's messages if they do not compile. */
    static ClassLoader compile(Path dir, List<GeneratedSource> sources) {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        List<File> files = new ArrayList<>();
        for (GeneratedSource s : sources) {
            files.add(s.writeTo(src).toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(classes);
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
            StringBuilder messages = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                messages.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            assertThat(messages.toString()).as("javac -Xlint:all -Werror on the generated code").isEmpty();
            assertThat(ok).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedCode.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ABI files of the tests: the conformance copy's and the devnet's. */
    static List<Path> abiFiles() {
        Path vectors = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"));
        Path root = Path.of(System.getProperty("antelopekit.root", "../.."));
        List<Path> out = new ArrayList<>();
        for (String name : List.of("eosio.json", "eosio.token.json", "eosio.evm.json", "esr-test.eosio.token.json",
                "todoapp12345.json", "vectors.test.json")) {
            out.add(vectors.resolve("abis").resolve(name));
        }
        Path devnet = root.resolve("src/devnet/src/main/resources/io/antelopekit/devnet");
        out.add(devnet.resolve("kittest.abi.json"));
        out.add(devnet.resolve("eosio.abi.json"));
        for (Path p : out) {
            assertThat(p).as("test ABI").isRegularFile();
        }
        return out;
    }

    /** The contract account of a test ABI file: its name without {@code .abi.json} or {@code .json}. */
    static String account(Path abiFile) {
        return Cli.accountOf(abiFile);
    }
}
