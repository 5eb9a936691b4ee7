package io.antelopekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The project's copy of the reference's vectors and recorded node answers
 * ({@code src/conformance}, so a clone with nothing beside it passes) is the original byte for
 * byte: a vector changed there must be copied here, never edited here. The original is the
 * directory named by {@code -Dantelopekit.conformanceOrigin} (holding {@code vectors} and
 * {@code mock-data}; CI names it); without it, the copy is used as it is and this test is skipped.
 */
class ConformanceCopyTest {

    private static final Path ROOT = Path.of(System.getProperty("antelopekit.root", "../.."));
    private static final Path COPY = ROOT.resolve("src/conformance");
    private static final String ORIGIN = System.getProperty("antelopekit.conformanceOrigin", "");

    @Test
    void theCopyIsTheSharedVectorsByteForByte() {
        Assumptions.assumeFalse(ORIGIN.isBlank(), "no -Dantelopekit.conformanceOrigin: the project's copy is used as it is");
        for (String dir : new String[] {"vectors", "mock-data"}) {
            Path shared = Path.of(ORIGIN).resolve(dir);
            assertThat(shared).as("the original " + dir + " named by antelopekit.conformanceOrigin").isDirectory();
            Map<String, Long> copy = files(COPY.resolve(dir));
            Map<String, Long> original = files(shared);
            assertThat(copy).as("src/conformance/" + dir + " against " + shared).isEqualTo(original);
            original.keySet().forEach(f -> {
                try {
                    assertThat(Files.mismatch(COPY.resolve(dir).resolve(f), shared.resolve(f))).as(f).isEqualTo(-1L);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Every file under {@code root}, by relative path, with its size. */
    private static Map<String, Long> files(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            Map<String, Long> out = new TreeMap<>();
            all.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out.put(root.relativize(p).toString(), Files.size(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
