package io.antelopekit.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.SymbolCode;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.LoginOptions;
import io.antelopekit.session.SerializedSession;
import io.antelopekit.session.Session;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactEvent;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.ui.ConsoleUserInterface;
import io.antelopekit.ui.QrCode;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The README's first command: the Session Kit end to end against two embedded devnets.
 *
 * <p>It starts two local chains, logs {@code alice} in with the private-key wallet through the
 * console user interface (which asks for the chain; answered from {@code --chain} when the
 * input is not a terminal), transfers tokens and follows the transaction to IRREVERSIBLE, logs
 * {@code bob} in on the second chain, lists the stored sessions, signs {@code carol} in with an ESR
 * wallet (a signing request shown as a link and QR code, answered by a test wallet standing in
 * for Anchor) and has her wallet sign a transfer, restores alice's and bob's sessions in a new kit
 * from the same session file, logs out, and prints each step with its time.
 *
 * <p>Every step is a {@code Mono}; the steps are composed into one pipeline, and only
 * {@link #main} waits for it (an application's entry point may; library code never does).
 *
 * <pre>
 * Demo [--chain 1|2] [--account alice@active] [--to bob] [--quantity "1.0000 EOS"]
 *      [--store sessions.json] [--interactive | --batch]
 * </pre>
 */
public final class Demo {

    /** The action data of {@code eosio.token::transfer}, as an application holds it. */
    public record Transfer(String from, String to, Asset quantity, String memo) {
    }

    private static final String APP = "antelopekit demo";
    private static final Checksum256 SECOND_CHAIN =
            Checksum256.hash("antelopekit demo: the second chain".getBytes(StandardCharsets.UTF_8));

    private final Options options;
    private final InputStream in;
    private final PrintStream out;
    private final long start = System.nanoTime();

    private Demo(Options options, InputStream in, PrintStream out) {
        this.options = options;
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.in, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Runs the demo; used by {@link #main} and by the test that keeps it working.
     *
     * @return 0 when every step succeeded
     */
    public static int run(String[] args, InputStream in, PrintStream out) {
        Options options = Options.parse(args, in == System.in && System.console() != null);
        return new Demo(options, in, out).run();
    }

    private int run() {
        out.println("antelopekit demo: the Session Kit against two embedded devnets");
        Path store = options.store != null ? options.store : tempStore();
        Devnet first = null;
        Devnet second = null;
        try {
            long t0 = System.nanoTime();
            first = Devnet.builder().start();
            line(t0, "started devnet 1", first.url() + ", chain " + first.chainId());
            t0 = System.nanoTime();
            second = Devnet.builder().genesis(Genesis.defaults().mutate().chainId(SECOND_CHAIN).build()).start();
            line(t0, "started devnet 2", second.url() + ", chain " + second.chainId());
            Boolean ok = pipeline(first, second, store).block(Duration.ofMinutes(5));
            out.println(Boolean.TRUE.equals(ok) ? "done" : "failed");
            return Boolean.TRUE.equals(ok) ? 0 : 1;
        } catch (RuntimeException e) {
            out.println("failed: " + e);
            e.printStackTrace(out);
            return 1;
        } finally {
            if (first != null) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
            if (options.store == null) {
                deleteQuietly(store);
            }
        }
    }

    /** The whole demo as one reactive pipeline. */
    private Mono<Boolean> pipeline(Devnet first, Devnet second, Path store) {
        ChainDefinition chain1 = new ChainDefinition(first.chainId(), List.of(first.url()), "devnet 1", null, "4,EOS");
        ChainDefinition chain2 = new ChainDefinition(second.chainId(), List.of(second.url()), "devnet 2", null, "4,EOS");
        // one wallet holding the documented dev keys of alice and bob (public test keys, never real ones)
        List<PrivateKey> keys = List.of(DevAccount.of("alice").privateKey(), DevAccount.of("bob").privateKey(),
                DevAccount.of("carol").privateKey());
        ConsoleUserInterface ui = ConsoleUserInterface.builder()
                .input(in).output(out)
                .answers(options.interactive ? List.of() : List.of(options.chainAnswer))
                .echo(!options.interactive)
                .build();
        SessionKit kit = SessionKit.builder()
                .appName(APP)
                .chains(chain1, chain2)
                .ui(ui)
                .walletPlugins(WalletPluginPrivateKey.of(keys))
                .storage(ReactiveSessionStorage.file(store))
                .build();
        out.println("          sessions are stored in " + store);

        Mono<Session> login = step("logged in on the chain chosen at the prompt",
                kit.login(LoginOptions.builder().permissionLevel(options.account).build()).map(r -> r.session()),
                s -> s.permissionLevel() + " on " + s.chain().name() + " (" + s.chain().id().toString().substring(0, 12)
                        + "...), wallet " + s.walletPlugin().id());

        Function<Session, Mono<Session>> transferAndTrack = session -> {
            Transfer transfer = new Transfer(session.actor().toString(), options.to, options.quantity,
                    "sent by the antelopekit demo");
            long t0 = System.nanoTime();
            return session.transactAndTrack(TransactArgs.of(ActionRequest.of("eosio.token", "transfer", transfer)))
                    .doOnNext(event -> {
                        if (event instanceof TransactEvent.Accepted a) {
                            line(t0, "transferred " + options.quantity + " " + session.actor() + " -> " + options.to,
                                    "transaction " + a.result().id() + ", signed by " + a.result().signer());
                        } else if (event instanceof TransactEvent.StatusChanged c) {
                            line(t0, "  status " + c.state(), "block " + c.status().blockNumber());
                        }
                    })
                    .then(Mono.just(session));
        };

        Mono<Session> secondLogin = step("logged in bob on devnet 2 (chain given, no prompt)",
                kit.login(LoginOptions.builder().chain(chain2).permissionLevel(PermissionLevel.from("bob@active"))
                        .build()).map(r -> r.session()),
                s -> s.permissionLevel() + " on " + s.chain().name());

        Mono<List<SerializedSession>> list = step("listed the stored sessions", kit.getSessions().collectList(),
                Demo::describe);

        Mono<List<Session>> restored = Mono.defer(() -> {
            SessionKit again = SessionKit.builder().appName(APP).chains(chain1, chain2).ui(ui)
                    .walletPlugins(WalletPluginPrivateKey.of(keys)).storage(ReactiveSessionStorage.file(store))
                    .build();
            return step("restored every session in a new kit from " + store.getFileName(),
                    again.restoreAll().collectList(),
                    ss -> ss.stream().map(s -> s.permissionLevel() + "@" + s.chain().name()).collect(Collectors.joining(", ")))
                    .flatMap(ss -> step("read balances through the restored sessions",
                            Flux.fromIterable(ss).concatMap(s -> s.client()
                                    .getCurrencyBalance(Name.from("eosio.token"), s.actor(), SymbolCode.from("EOS"))
                                    .map(b -> s.actor() + " " + b.balances() + " on " + s.chain().name())).collectList(),
                            b -> String.join(", ", b)).thenReturn(ss))
                    .flatMap(ss -> step("logged out every session", again.logout().then(again.getSessions().count()),
                            n -> n + " sessions left in " + store.getFileName()).thenReturn(ss))
                    .doFinally(x -> again.dispose());
        }).subscribeOn(Schedulers.boundedElastic()); // a kit is built off the event loops (ServiceLoader reads files)

        return login.flatMap(transferAndTrack)
                .then(secondLogin)
                .then(list)
                .then(esrLogin(first, chain1))
                .then(restored)
                .map(ss -> ss.size() == 2)
                .doFinally(x -> kit.dispose());
    }

    /**
     * carol signs in with her own ESR wallet (keys the app never holds): the app shows an
     * identity request as a QR code and {@code esr:} link and waits for the wallet's callback;
     * {@link EsrTestWallet} answers it here the way Anchor would; then a transfer is signed
     * through a signing request in the same way and broadcast by the session.
     */
    private Mono<String> esrLogin(Devnet devnet, ChainDefinition chain) {
        // the receiver is bound on an event loop: building the kit and the client (which read
        // files: ServiceLoader) happens on the bounded elastic scheduler, not there
        return Mono.usingWhen(CallbackReceiver.builder().host("127.0.0.1").port(0).start()
                .publishOn(Schedulers.boundedElastic()), receiver -> {
            ChainClient walletClient = ChainClient.builder().endpoint(devnet.url()).build();
            EsrTestWallet carol = EsrTestWallet.of(DevAccount.of("carol").privateKey(),
                    PermissionLevel.from("carol@active"), walletClient);
            UserInterface phone = carol.userInterface();
            UserInterface shown = new UserInterface() {
                @Override
                public Mono<JsonNode> prompt(PromptArgs args) {
                    return Mono.defer(() -> {
                        showRequest(args);
                        return phone.prompt(args);
                    });
                }
            };
            SessionKit esrKit = SessionKit.builder().appName(APP).chains(chain).ui(shown)
                    .walletPlugins(WalletPluginSigningRequest.builder().receiver(receiver).scope("demo")
                            .timeout(Duration.ofMinutes(1)).build())
                    .build();
            Transfer transfer = new Transfer("carol", "alice", Asset.from("0.5000 EOS"), "signed in carol's own wallet");
            return step("carol signed in with an ESR wallet (identity proof verified against the chain)",
                    esrKit.login().map(r -> r.session()), s -> s.permissionLevel() + ", wallet " + s.walletPlugin().id())
                    .flatMap(s -> step("carol's transfer signed through a signing request, broadcast by the app",
                            s.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer", transfer))),
                            r -> "transaction " + r.id()))
                    .map(r -> r.id().toString())
                    .doFinally(x -> {
                        esrKit.dispose();
                        walletClient.dispose();
                    });
        }, CallbackReceiver::close);
    }

    /** Prints a signing request as an app shows it: its link, and a QR code in a terminal. */
    private void showRequest(PromptArgs args) {
        for (PromptArgs.Element e : args.elements()) {
            JsonNode data = e.data();
            String link = data == null ? null : data.isTextual() ? data.asText()
                    : data.path("href").isTextual() ? data.path("href").asText() : null;
            if (link != null && e.type().equals("qr") && options.interactive) {
                out.print(QrCode.of(link).toTerminal());
            }
            if (link != null && e.type().equals("link")) {
                out.println("                    " + args.title() + ": " + link);
            }
        }
    }

    private static String describe(List<SerializedSession> sessions) {
        List<String> parts = new ArrayList<>();
        for (SerializedSession s : sessions) {
            parts.add(s.actor() + "@" + s.permission() + " on " + s.chain().substring(0, 12) + "..."
                    + (Boolean.TRUE.equals(s.isDefault()) ? " (default)" : ""));
        }
        return sessions.size() + ": " + String.join(", ", parts);
    }

    /** A step: runs {@code work} when subscribed and prints its time and a detail of its result. */
    private <T> Mono<T> step(String what, Mono<T> work, Function<T, String> detail) {
        return Mono.defer(() -> {
            long t0 = System.nanoTime();
            return work.doOnNext(v -> line(t0, what, detail.apply(v)))
                    .doOnError(e -> line(t0, what + ": FAILED", e.toString()));
        });
    }

    private void line(long t0, String what, String detail) {
        double ms = (System.nanoTime() - t0) / 1e6;
        double total = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%6.1fs %8.1f ms  %s%n                    %s%n", total, ms, what, detail);
    }

    private static Path tempStore() {
        try {
            return Files.createTempDirectory("antelopekit-demo").resolve("sessions.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path store) {
        try {
            Path dir = store.getParent();
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The command line. */
    private static final class Options {
        String chainAnswer = "1";
        PermissionLevel account = PermissionLevel.from("alice@active");
        String to = "bob";
        Asset quantity = Asset.from("1.0000 EOS");
        Path store;
        boolean interactive;

        static Options parse(String[] args, boolean terminal) {
            Options o = new Options();
            o.interactive = terminal;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--chain" -> o.chainAnswer = value(args, ++i, a);
                    case "--account" -> o.account = PermissionLevel.from(value(args, ++i, a));
                    case "--to" -> o.to = value(args, ++i, a);
                    case "--quantity" -> o.quantity = Asset.from(value(args, ++i, a));
                    case "--store" -> o.store = Path.of(value(args, ++i, a));
                    case "--interactive" -> o.interactive = true;
                    case "--batch" -> o.interactive = false;
                    default -> throw new IllegalArgumentException("unknown option " + a + "; usage: Demo [--chain 1|2]"
                            + " [--account alice@active] [--to bob] [--quantity \"1.0000 EOS\"] [--store file.json]"
                            + " [--interactive | --batch]");
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
