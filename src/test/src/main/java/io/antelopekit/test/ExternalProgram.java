package io.antelopekit.test;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A program from outside the build that a test starts (redis-server, chromium): present, or the
 * test is skipped with one line that names it and how to install it. When the system property
 * {@code antelopekit.require} names it ({@code -Dantelopekit.require=redis-server,chromium}, as
 * {@code .ci/run} sets it), its absence fails the test instead, so CI never skips silently.
 *
 * <pre>{@code
 * Path redis = ExternalProgram.require("redis-server", "apt-get install redis-server");
 * }</pre>
 */
public final class ExternalProgram {

    private ExternalProgram() {
    }

    /**
     * The program's path: the first executable {@code name} on the {@code PATH}.
     *
     * @param install how to install it, for the message
     */
    public static Path require(String name, String install) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, name))) {
                return Path.of(entry, name);
            }
        }
        return missing(name, name + " is not on the PATH: " + install);
    }

    /** {@code file} when it is executable; else skipped or failed as {@link #require} does. */
    public static Path requireFile(String name, Path file, String install) {
        if (Files.isExecutable(file)) {
            return file;
        }
        return missing(name, file + " is missing: " + install);
    }

    private static Path missing(String name, String message) {
        if (required(name)) {
            fail(message + " (antelopekit.require names " + name + ")");
        }
        // a class whose @BeforeAll is skipped shows as "Tests run: 0" in Maven's console: say why there
        System.err.println("SKIPPED " + caller() + ": " + message);
        assumeTrue(false, "skipped: " + message);
        throw new AssertionError("unreachable");
    }

    /** Whether {@code antelopekit.require} names {@code name}. */
    static boolean required(String name) {
        String list = System.getProperty("antelopekit.require", "");
        return Arrays.stream(list.split(",")).map(String::trim).anyMatch(name::equals);
    }

    /** The test class that asked, for the skip line. */
    private static String caller() {
        for (StackTraceElement f : new Throwable().getStackTrace()) {
            String c = f.getClassName();
            if (!c.startsWith(ExternalProgram.class.getPackageName() + ".")) {
                return c.substring(c.lastIndexOf('.') + 1);
            }
        }
        return "a test";
    }
}
