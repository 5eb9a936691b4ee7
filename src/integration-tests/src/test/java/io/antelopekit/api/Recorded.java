package io.antelopekit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded node answer from the directory named by the system property
 * {@code antelopekit.mockData} (default {@code src/conformance/mock-data}): its HTTP status and its body
 * exactly as the node sent it ({@code text}).
 */
record Recorded(String file, int status, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir() {
        return Path.of(System.getProperty("antelopekit.mockData", "../conformance/mock-data"));
    }

    /** Reads one recording, such as {@code antelope/41d2b5db1ef387ee364f1115e0dc4bdec9800993.json}. */
    static Recorded of(String file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(dir().resolve(file), StandardCharsets.UTF_8));
            return new Recorded(file, root.get("status").asInt(), root.get("text").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mock data " + dir().resolve(file), e);
        }
    }

    /** The files {@code index.tsv} lists for {@code guessedEndpoint} (its fourth column), in its order. */
    static List<String> filesFor(String guessedEndpoint) {
        try {
            List<String> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir().resolve("index.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t", -1);
                if (cols.length > 3 && cols[3].equals(guessedEndpoint)) {
                    out.add(cols[0]);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("index.tsv lists no file for " + guessedEndpoint);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON. */
    JsonNode json() {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
