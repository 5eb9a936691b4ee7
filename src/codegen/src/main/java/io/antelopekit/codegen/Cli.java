package io.antelopekit.codegen;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of the generator, the main class of the {@code -cli} jar.
 *
 * <pre>{@code
 * java -jar antelopekit-codegen-<version>-cli.jar --abi eosio.token.abi.json --package com.example --out src/main/java
 * java -jar antelopekit-codegen-<version>-cli.jar --url http://127.0.0.1:8888 --account eosio.token \
 *     --account kittest --package com.example --out src/main/java
 * }</pre>
 *
 * <p>Exit status 0 when every class was written, 1 when generation failed, 2 for a usage error.
 */
@Command(name = "antelopekit-codegen", sortOptions = false,
        description = "Generates typed Java classes for Antelope contracts from their ABIs.")
public final class Cli implements Callable<Integer> {

    static final class Source {
        @Option(names = "--abi", paramLabel = "FILE", required = true,
                description = "An ABI file (JSON); repeat for several contracts.")
        List<Path> abiFiles;

        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "A node to fetch the ABIs of the --account contracts from (POST /v1/chain/get_abi).")
        String url;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The contract account; with --abi, defaults to the file name without .abi.json or .json.")
    private List<String> accounts = List.of();

    @Option(names = "--package", paramLabel = "PACKAGE", required = true, description = "The package of the classes.")
    private String packageName;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The source root to write to.")
    private Path out;

    @Option(names = "--class-name", paramLabel = "NAME",
            description = "The class name, for one contract only (default: from the account, eosio.token -> EosioToken).")
    private String className;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help.")
    private boolean help;

    private PrintWriter stdout;
    private PrintWriter stderr;

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command with the process's output and error streams.
     *
     * @param args the command line
     * @return the exit status: 0 done, 1 generation failed, 2 usage error
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        Cli cli = new Cli();
        cli.stdout = out;
        cli.stderr = err;
        CommandLine line = new CommandLine(cli).setOut(out).setErr(err);
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public Integer call() {
        ContractGenerator generator;
        try {
            generator = ContractGenerator.builder().packageName(packageName).build();
        } catch (IllegalStateException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        }
        try {
            if (source.url != null) {
                if (accounts.isEmpty()) {
                    stderr.println("error: --url needs at least one --account");
                    return 2;
                }
                if (className != null && accounts.size() > 1) {
                    stderr.println("error: --class-name names one class, but there are " + accounts.size() + " accounts");
                    return 2;
                }
                AbiFetcher fetcher = AbiFetcher.create(source.url);
                for (String account : accounts) {
                    write(generator.generate(account, fetcher.fetch(account), className));
                }
            } else {
                if (!accounts.isEmpty() && accounts.size() != source.abiFiles.size()) {
                    stderr.println("error: give one --account per --abi file, or none (" + source.abiFiles.size()
                            + " files, " + accounts.size() + " accounts)");
                    return 2;
                }
                if (className != null && source.abiFiles.size() > 1) {
                    stderr.println("error: --class-name names one class, but there are " + source.abiFiles.size() + " files");
                    return 2;
                }
                for (int i = 0; i < source.abiFiles.size(); i++) {
                    Path file = source.abiFiles.get(i);
                    String account = accounts.isEmpty() ? accountOf(file) : accounts.get(i);
                    write(generator.generate(account, Files.readString(file, StandardCharsets.UTF_8), className));
                }
            }
            return 0;
        } catch (CodegenException | IllegalArgumentException | UncheckedIOException e) {
            stderr.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("error: cannot read " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    private void write(GeneratedSource generated) {
        Path file = generated.writeTo(out);
        stdout.println("wrote " + file);
    }

    /** {@code eosio.token.abi.json} → {@code eosio.token}; {@code kittest.json} → {@code kittest}. */
    static String accountOf(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : List.of(".abi.json", ".json", ".abi")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
