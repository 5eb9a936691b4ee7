package io.antelopekit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Reads the reference implementation's conformance vectors (JSON Lines) from the directory
 * named by the system property {@code antelopekit.vectors} (default {@code src/conformance/vectors}).
 */
final class Vectors {

    static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    static Path dir() {
        return Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors"));
    }

    /** Every line of {@code file}, parsed; fails if the file is missing or empty. */
    static List<JsonNode> lines(String file) {
        Path path = dir().resolve(file);
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException(path + " has no vectors");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vectors " + path.toAbsolutePath(), e);
        }
    }

    /** One dynamic test per line of {@code file}, named by its line number and {@code name}. */
    static Stream<DynamicTest> each(String file, Function<JsonNode, String> name, Consumer<JsonNode> check) {
        List<JsonNode> rows = lines(file);
        List<DynamicTest> tests = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            tests.add(DynamicTest.dynamicTest(file + ":" + (i + 1) + " " + name.apply(row), () -> check.accept(row)));
        }
        return tests.stream();
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
