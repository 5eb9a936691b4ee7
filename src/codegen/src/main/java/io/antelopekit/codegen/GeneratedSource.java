package io.antelopekit.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One generated Java source file.
 *
 * @param packageName its package
 * @param className its simple class name
 * @param source its text
 */
public record GeneratedSource(String packageName, String className, String source) {

    public GeneratedSource {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The class's fully qualified name.
     *
     * @return {@code package.ClassName}
     */
    public String qualifiedName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /**
     * Where the file goes under a source root: {@code com/example/EosioToken.java}.
     *
     * @return the relative path
     */
    public Path relativePath() {
        Path p = Path.of("");
        for (String part : packageName.split("\\.")) {
            if (!part.isEmpty()) {
                p = p.resolve(part);
            }
        }
        return p.resolve(className + ".java");
    }

    /**
     * Writes the file under {@code sourceRoot}, creating its package directories. A file that
     * already holds the same text is left alone, so that incremental builds see no change.
     *
     * @param sourceRoot the source root
     * @return the file
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path writeTo(Path sourceRoot) {
        Path file = sourceRoot.resolve(relativePath());
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                return file;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
