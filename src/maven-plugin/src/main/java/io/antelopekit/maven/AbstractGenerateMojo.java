package io.antelopekit.maven;

import io.antelopekit.codegen.AbiFetcher;
import io.antelopekit.codegen.CodegenException;
import io.antelopekit.codegen.ContractGenerator;
import io.antelopekit.codegen.GeneratedSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What both goals do: read {@code *.abi.json} files from a directory (the account is the file
 * name without {@code .abi.json}) and the ABIs of {@code <accounts>} from the node at
 * {@code <url>}, generate one class per contract with {@link ContractGenerator}, and add the
 * output directory as a source root.
 */
abstract class AbstractGenerateMojo extends AbstractMojo {

    static final String ABI_SUFFIX = ".abi.json";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The package of the generated classes. */
    @Parameter(property = "antelope.packageName", required = true)
    String packageName;

    /** A node to fetch the ABIs of {@code accounts} from ({@code POST <url>/v1/chain/get_abi}). */
    @Parameter(property = "antelope.url")
    String url;

    /** Contract accounts whose ABIs are fetched from {@code url}. */
    @Parameter
    List<String> accounts = new ArrayList<>();

    /** Skips the goal. */
    @Parameter(property = "antelope.skip", defaultValue = "false")
    boolean skip;

    /** The directory of the {@code *.abi.json} files. */
    abstract File abiDirectory();

    /** Where the sources are written. */
    abstract File outputDirectory();

    /** Adds the output directory to the project's sources. */
    abstract void addSourceRoot(String directory);

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("antelopekit: skipped");
            return;
        }
        ContractGenerator generator;
        try {
            generator = ContractGenerator.builder().packageName(packageName).build();
        } catch (IllegalStateException e) {
            throw new MojoFailureException("antelopekit: " + e.getMessage(), e);
        }
        Path out = outputDirectory().toPath();
        int written = 0;
        try {
            for (Path file : abiFiles()) {
                String name = file.getFileName().toString();
                String account = name.substring(0, name.length() - ABI_SUFFIX.length());
                written += write(generator.generate(account, Files.readString(file, StandardCharsets.UTF_8)), out, file.toString());
            }
            if (accounts != null && !accounts.isEmpty()) {
                if (url == null || url.isBlank()) {
                    throw new MojoFailureException("antelopekit: <accounts> needs the <url> of a node to fetch their ABIs from");
                }
                AbiFetcher fetcher = AbiFetcher.create(url);
                for (String account : accounts) {
                    written += write(generator.generate(account, fetcher.fetch(account)), out, url + " (" + account + ")");
                }
            }
        } catch (CodegenException | IllegalArgumentException e) {
            throw new MojoFailureException("antelopekit: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("antelopekit: " + e.getMessage(), e);
        }
        if (written == 0) {
            getLog().warn("antelopekit: no ABI to generate from (no *" + ABI_SUFFIX + " in " + abiDirectory()
                    + ", no <accounts>)");
            return;
        }
        addSourceRoot(out.toString());
    }

    private int write(GeneratedSource source, Path out, String from) {
        Path file = source.writeTo(out);
        getLog().info("antelopekit: " + source.qualifiedName() + " from " + from + " -> " + file);
        return 1;
    }

    /** The ABI files, sorted by name. */
    List<Path> abiFiles() throws IOException {
        Path dir = abiDirectory().toPath();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ABI_SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
