package io.antelopekit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guides' code is their example projects' code, both ways, so that a guide and its project
 * cannot drift apart: every fenced {@code java}, {@code xml} and {@code yaml} block of
 * {@code docs/bots.md}, {@code docs/pipelines.md}, {@code docs/webflux.md}, {@code docs/contracts.md}
 * and {@code docs/kafka.md} must appear in the sources of {@code examples/bot}, {@code examples/pipeline},
 * {@code examples/webflux-service}, {@code examples/contracts} and {@code examples/kafka}
 * (built and tested by the root build), and every line of those sources (the pom, Java main and
 * test code, resources) must be in the guide's blocks, so that following a guide literally in an
 * empty directory gives its project.
 *
 * <p>How a block is found: both sides are compared line by line after normalising whitespace
 * (each line trimmed, runs of blanks made one space, blank lines dropped). The block's lines must
 * be consecutive lines of one source file, except that:
 * <ul>
 *   <li>a line that is only {@code ...}, {@code // ...}, {@code # ...} or {@code <!-- ... -->}
 *       stands for any number of source lines left out: the block's parts around it must appear
 *       in that order in the same file;</li>
 *   <li>the first line of each part may be the end of a source line (a guide may show
 *       {@code Session.builder()} from {@code return Session.builder()}).</li>
 * </ul>
 * A source line is in the guide when it is a whole line of one of its blocks; a file may be
 * spread over several blocks, in any order, and a block may repeat lines shown before.
 *
 * <p>Reads the files relative to the checkout's root ({@code antelopekit.root}, which surefire sets).
 */
class GuideExamplesTest {

    static final Path ROOT = Path.of(System.getProperty("antelopekit.root", "../..")).toAbsolutePath().normalize();
    static final Set<String> CHECKED = Set.of("java", "xml", "yaml");
    static final Set<String> ELISIONS = Set.of("...", "// ...", "# ...", "<!-- ... -->");
    static final Set<String> SOURCE_SUFFIXES = Set.of(".java", ".xml", ".yml", ".yaml");

    /** A fenced block of a guide: its language, the line of its opening fence, and its lines. */
    record Block(String language, int line, List<String> lines) {
    }

    static Stream<Arguments> guides() {
        return Stream.of(
                Arguments.of("docs/bots.md", "examples/bot"),
                Arguments.of("docs/pipelines.md", "examples/pipeline"),
                Arguments.of("docs/webflux.md", "examples/webflux-service"),
                Arguments.of("docs/contracts.md", "examples/contracts"),
                Arguments.of("docs/kafka.md", "examples/kafka"));
    }

    @ParameterizedTest(name = "{0} quotes {1}")
    @MethodSource("guides")
    void everyCodeBlockOfTheGuideIsInItsExampleProject(String guide, String example) {
        List<Block> blocks = blocks(read(ROOT.resolve(guide)));
        assertThat(blocks).as(guide + " has java blocks").anyMatch(b -> b.language().equals("java"));
        List<List<String>> sources = sources(ROOT.resolve(example));
        assertThat(sources).as(example + " has sources").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block b : blocks) {
            if (CHECKED.contains(b.language())) {
                String missing = missing(b.lines(), sources);
                if (missing != null) {
                    problems.add(guide + ":" + b.line() + " (" + b.language() + "): not in " + example
                            + "; the first line not found where the block's lines before it are: " + missing);
                }
            }
        }
        assertThat(problems).as("blocks of " + guide + " that " + example + " does not have").isEmpty();
    }

    @ParameterizedTest(name = "{0} holds all of {1}")
    @MethodSource("guides")
    void everyLineOfTheExampleProjectIsInItsGuide(String guide, String example) {
        List<List<String>> blocks = new ArrayList<>();
        for (Block b : blocks(read(ROOT.resolve(guide)))) {
            if (CHECKED.contains(b.language())) {
                blocks.add(normalise(b.lines()));
            }
        }
        Path project = ROOT.resolve(example);
        List<String> problems = new ArrayList<>();
        for (Path file : sourceFiles(project)) {
            String line = uncovered(normalise(read(file)), blocks);
            if (line != null) {
                problems.add(example + "/" + project.relativize(file) + ": \"" + line + "\" is in no block of " + guide);
            }
        }
        assertThat(problems).as("lines of " + example + " that " + guide + " does not show").isEmpty();
    }

    @Test
    void theComparisonFindsQuotedCodeAndNothingElse() {
        List<List<String>> source = List.of(normalise(List.of(
                "class A {",
                "    void run() {",
                "        return Flux.range(0,   3)",
                "",
                "                .map(i -> i + 1);   // one more",
                "    }",
                "    int other() { return 1; }",
                "}")));
        // whole lines, other indentation and blank lines, the first line the end of a source line
        assertThat(missing(List.of("Flux.range(0, 3)", "  .map(i -> i + 1);   // one more"), source)).isNull();
        // an elision skips lines, in order
        assertThat(missing(List.of("void run() {", "// ...", "int other() { return 1; }"), source)).isNull();
        // a changed line, parts out of order, or a line split from another is not there
        assertThat(missing(List.of("Flux.range(0, 3)", ".map(i -> i + 2);   // one more"), source))
                .isEqualTo(".map(i -> i + 2); // one more");
        assertThat(missing(List.of("int other() { return 1; }", "...", "void run() {"), source))
                .isEqualTo("void run() {");
        assertThat(missing(List.of("void run() {", "int other() { return 1; }"), source))
                .isEqualTo("int other() { return 1; }");
        assertThat(missing(List.of("void run()", "{"), source)).isEqualTo("void run()");
    }

    @Test
    void aFileIsCoveredWhenEachOfItsLinesIsInABlock() {
        List<String> file = normalise(List.of("class A {", "  int a;", "  int b;", "}"));
        assertThat(uncovered(file, List.of(List.of("int b;", "}"), List.of("class A {", "int a;")))).isNull();
        assertThat(uncovered(file, List.of(List.of("class A {", "int a;", "..."), List.of("}")))).isEqualTo("int b;");
        assertThat(uncovered(file, List.of(List.of("class A {", "int a;", "int b; // changed", "}")))).isEqualTo("int b;");
    }

    /**
     * The first line of {@code file} that is not a whole line of one of {@code blocks}, taking
     * the file's lines in runs as long as a block has them together; {@code null} when none.
     */
    static String uncovered(List<String> file, List<List<String>> blocks) {
        int pos = 0;
        while (pos < file.size()) {
            int longest = 0;
            for (List<String> block : blocks) {
                for (int s = 0; s < block.size(); s++) {
                    int n = 0;
                    while (pos + n < file.size() && s + n < block.size() && block.get(s + n).equals(file.get(pos + n))
                            && !ELISIONS.contains(block.get(s + n))) {
                        n++;
                    }
                    longest = Math.max(longest, n);
                }
            }
            if (longest == 0) {
                return file.get(pos);
            }
            pos += longest;
        }
        return null;
    }

    /** The fenced blocks of a Markdown text, with the language of each opening fence. */
    static List<Block> blocks(List<String> markdown) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            String open = markdown.get(i).strip();
            if (!open.startsWith("```")) {
                continue;
            }
            String language = open.substring(3).strip();
            List<String> lines = new ArrayList<>();
            int j = i + 1;
            while (j < markdown.size() && !markdown.get(j).strip().equals("```")) {
                lines.add(markdown.get(j));
                j++;
            }
            blocks.add(new Block(language, i + 1, lines));
            i = j;
        }
        return blocks;
    }

    /**
     * The first line of {@code block} not found in any one of {@code sources} (normalised), as
     * the class description says; {@code null} when the whole block is found.
     */
    static String missing(List<String> block, List<List<String>> sources) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String line : normalise(block)) {
            if (ELISIONS.contains(line)) {
                parts.add(part);
                part = new ArrayList<>();
            } else {
                part.add(line);
            }
        }
        parts.add(part);
        parts.removeIf(List::isEmpty);
        String best = parts.isEmpty() ? null : parts.get(0).get(0);
        long bestScore = -1;
        for (List<String> source : sources) {
            int from = 0;
            int found = 0;
            String firstMissing = null;
            int prefix = 0;
            for (List<String> p : parts) {
                int at = find(p, source, from);
                if (at < 0) {
                    prefix = longestPrefix(p, source, from);
                    firstMissing = p.get(prefix);
                    break;
                }
                found++;
                from = at + p.size();
            }
            if (firstMissing == null) {
                return null;
            }
            // the file that has the most of the block: the most parts, then the longest start of the next
            long score = (long) found << 32 | prefix;
            if (score > bestScore) {
                bestScore = score;
                best = firstMissing;
            }
        }
        return best;
    }

    /** Where {@code part} starts in {@code source} at or after {@code from}; -1 when nowhere. */
    static int find(List<String> part, List<String> source, int from) {
        for (int s = from; s + part.size() <= source.size(); s++) {
            if (matches(part, source, s, part.size())) {
                return s;
            }
        }
        return -1;
    }

    /** How many of {@code part}'s first lines are found together somewhere in {@code source} after {@code from}. */
    static int longestPrefix(List<String> part, List<String> source, int from) {
        int longest = 0;
        for (int s = from; s < source.size(); s++) {
            int n = 0;
            while (n < part.size() && s + n < source.size() && matches(part, source, s, n + 1)) {
                n++;
            }
            longest = Math.max(longest, n);
        }
        return Math.min(longest, part.size() - 1);
    }

    private static boolean matches(List<String> part, List<String> source, int at, int count) {
        for (int k = 0; k < count; k++) {
            String line = part.get(k);
            String there = source.get(at + k);
            boolean same = k == 0 ? there.equals(line) || there.endsWith(" " + line) || there.endsWith(line)
                    && line.length() < there.length() && !Character.isJavaIdentifierPart(
                            there.charAt(there.length() - line.length() - 1))
                    : there.equals(line);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Each line trimmed, with runs of blanks made one space; blank lines dropped. */
    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String n = line.strip().replaceAll("\\s+", " ");
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The normalised lines of each source file of an example project. */
    static List<List<String>> sources(Path project) {
        return sourceFiles(project).stream().map(f -> normalise(read(f))).toList();
    }

    /** The source files of an example project: its pom, Java code and resources, outside {@code target}. */
    static List<Path> sourceFiles(Path project) {
        try (Stream<Path> files = Files.walk(project)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !project.relativize(f).toString().startsWith("target"))
                    .filter(f -> SOURCE_SUFFIXES.stream().anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (antelopekit.root is " + ROOT + ")", e);
        }
    }
}
