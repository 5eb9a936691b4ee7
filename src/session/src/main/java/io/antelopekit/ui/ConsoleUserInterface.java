package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antelopekit.AntelopeException;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginMetadata;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.CreateAccountContext;
import io.antelopekit.plugin.LoginContext;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A {@link UserInterface} on a text console: numbered choices at login, timestamped status and
 * progress lines, and prompts answered by typing. Works with piped input: it reads lines, the end
 * of the input cancels the question being asked ({@link CancelledException}), and fixed answers
 * given to the builder are used first, as if typed (for scripts and demos that take their
 * answers from flags).
 *
 * <pre>{@code
 * UserInterface ui = ConsoleUserInterface.create(); // System.in, System.out
 * UserInterface scripted = ConsoleUserInterface.builder()
 *         .input(new ByteArrayInputStream("2\nalice@active\n".getBytes(UTF_8)))
 *         .build();
 * }</pre>
 *
 * <p><b>Login.</b> Asks only for what the {@link LoginContext} still needs: the wallet (when
 * {@code walletSelect} and several are offered), the chain (when none is chosen and a selection
 * is required by the login or by the wallet chosen here; among those the wallet supports), and
 * the permission (a numbered list of {@link LoginContext#permissionOptions()}, or typed as
 * {@code actor@permission}). A choice is made by its number or its exact label; {@code q}
 * cancels; after {@link Builder#maxAttempts(int) a few} invalid answers the question is cancelled.
 *
 * <p><b>Prompts.</b> Each element is shown as text: a {@code link} as its label and URL
 * ({@code href}, {@code url} or {@code link} of its data, or the data as text), a {@code qr} as a
 * {@link QrCode} drawn with Unicode half blocks ({@link Builder#qrColors ANSI colours} by default,
 * so it reads on dark and light themes) with its data below as text to copy; the data is a text
 * or an object with a {@code data} or {@code link} field. With {@code button} elements the answer is a number and the result
 * {@code {"type":"button","index":i,"label":...,"data":...}} (i from 0); with an {@code accept}
 * element {@code y} gives {@code {"type":"accept","accepted":true}} and {@code n} declines
 * (cancels); without either, any line closes the prompt (cancels): such a prompt normally ends
 * when its plugin cancels it. An {@link PromptArgs#optional() optional} prompt without buttons
 * or accept is shown without a question and reads no line (the next question gets it); it
 * ends when its plugin cancels it. {@link Builder#optionalPrompts(boolean) optionalPrompts(false)}
 * leaves optional prompts unshown, as WharfKit's minimal web renderer does.
 *
 * <p><b>Texts.</b> Questions and progress lines are looked up by key ({@code console.*}) in the
 * interface's {@link Builder#locale locale}: the application's translations (given to the
 * builder, from maps or resource bundles, or added later with {@link #addTranslations}), then
 * the built-in {@code io/antelopekit/ui/messages.properties} (English).
 *
 * <p><b>Threads.</b> Reading and writing run on Reactor's bounded elastic scheduler, output in
 * order; no method blocks its caller ({@link #status} included). Cancelling a question stops the
 * wait at once; a read already under way cannot be interrupted, and the line it gets answers the
 * next question. Instances reading {@code System.in} share one reader.
 */
public final class ConsoleUserInterface implements UserInterface {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SerialOutput out;
    private final LineInput in;
    private final Queue<String> answers;
    private final boolean echo;
    private final boolean progress;
    private final int maxAttempts;
    private final Clock clock;
    private final Texts texts;
    /** How QR codes are drawn; {@code null}: not drawn. */
    private final QrCode.TerminalColors qrColors;
    private final boolean optionalPrompts;

    private ConsoleUserInterface(Builder b) {
        this.out = new SerialOutput(b.output);
        this.in = b.input == System.in && b.charset == null ? StdIn.INPUT
                : new LineInput(new BufferedReader(new InputStreamReader(b.input,
                        b.charset != null ? b.charset : Charset.defaultCharset())), List.of());
        this.answers = new ConcurrentLinkedQueue<>(b.answers);
        this.echo = b.echo != null ? b.echo : !(b.input == System.in && System.console() != null);
        this.progress = b.progress;
        this.maxAttempts = b.maxAttempts;
        this.clock = b.clock;
        this.texts = new Texts(b.locale, b.translations);
        this.qrColors = b.qrCodes ? b.qrColors : null;
        this.optionalPrompts = b.optionalPrompts;
    }

    /** Holds the one reader of {@code System.in}, made on first use. */
    private static final class StdIn {
        static final LineInput INPUT = new LineInput(
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), List.of());
    }

    /** A console interface on {@code System.in} and {@code System.out}. */
    public static ConsoleUserInterface create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- login

    /** What one login has chosen so far; lives for one subscription. */
    private static final class Chosen {
        Integer wallet;
        Checksum256 chain;
        PermissionLevel permission;
    }

    @Override
    public Mono<LoginSelection> login(LoginContext context) {
        Objects.requireNonNull(context, "context");
        return Mono.defer(() -> {
            Chosen chosen = new Chosen();
            return out.print("\n" + texts.translate("console.login.title", "Log in to {{app}}",
                            Map.of("app", String.valueOf(context.appName()))) + "\n")
                    .then(Mono.defer(() -> chooseWallet(context, chosen)))
                    .then(Mono.defer(() -> chooseChain(context, chosen)))
                    .then(Mono.defer(() -> choosePermission(context, chosen)))
                    .then(Mono.fromSupplier(() -> new LoginSelection(chosen.wallet, chosen.chain, chosen.permission)));
        });
    }

    private Mono<Void> chooseWallet(LoginContext ctx, Chosen chosen) {
        List<WalletPlugin> wallets = ctx.walletPlugins();
        if (ctx.walletPluginIndex() != null || !ctx.uiRequirements().walletSelect() || wallets.isEmpty()) {
            return Mono.empty();
        }
        if (wallets.size() == 1) {
            chosen.wallet = 0;
            return Mono.empty();
        }
        List<String> labels = new ArrayList<>();
        for (WalletPlugin w : wallets) {
            WalletPluginMetadata m = w.metadata();
            labels.add(m.name() + (m.description() != null ? " - " + m.description() : ""));
        }
        List<String> names = wallets.stream().map(w -> w.metadata().name()).toList();
        List<String> ids = wallets.stream().map(WalletPlugin::id).toList();
        return choose(texts.translate("console.login.wallet", "Choose a wallet:"), labels, "the wallet", i -> {
            for (int k = 0; k < names.size(); k++) {
                if (names.get(k).equalsIgnoreCase(i) || ids.get(k).equals(i)) {
                    return k;
                }
            }
            return null;
        }).doOnNext(i -> chosen.wallet = i).then();
    }

    private Mono<Void> chooseChain(LoginContext ctx, Chosen chosen) {
        WalletPlugin wallet = chosenWallet(ctx, chosen);
        boolean needed = ctx.uiRequirements().chainSelect() || (wallet != null && wallet.config().requiresChainSelect());
        if (ctx.chain() != null || !needed) {
            return Mono.empty();
        }
        List<ChainDefinition> chains = wallet == null ? ctx.chains()
                : ctx.chains().stream().filter(c -> wallet.config().supports(c.id())).toList();
        if (chains.isEmpty()) {
            return Mono.error(new CancelledException("no chain to choose: wallet '" + wallet.id()
                    + "' supports none of the chains offered " + ctx.chains().stream().map(ChainDefinition::id).toList()));
        }
        return chooseChain(chains).doOnNext(id -> chosen.chain = id).then();
    }

    private Mono<Checksum256> chooseChain(List<ChainDefinition> chains) {
        if (chains.size() == 1) {
            return Mono.just(chains.get(0).id());
        }
        List<String> labels = chains.stream().map(ConsoleUserInterface::label).toList();
        return choose(texts.translate("console.chain", "Choose a chain:"), labels, "the chain", answer -> {
            for (int k = 0; k < chains.size(); k++) {
                ChainDefinition c = chains.get(k);
                if ((c.name() != null && c.name().equalsIgnoreCase(answer)) || c.id().toString().equalsIgnoreCase(answer)) {
                    return k;
                }
            }
            return null;
        }).map(i -> chains.get(i).id());
    }

    private static String label(ChainDefinition c) {
        String id = c.id().toString();
        return c.name() != null ? c.name() + " (" + id.substring(0, 12) + "...)" : id;
    }

    private Mono<Void> choosePermission(LoginContext ctx, Chosen chosen) {
        WalletPlugin wallet = chosenWallet(ctx, chosen);
        LoginContext.Requirements needs = ctx.uiRequirements();
        boolean needed = needs.permissionSelect() || needs.permissionEntry() || (wallet != null && chosen.wallet != null
                && (wallet.config().requiresPermissionSelect() || wallet.config().requiresPermissionEntry()));
        if (ctx.permissionLevel() != null || !needed) {
            return Mono.empty();
        }
        List<PermissionLevel> options = ctx.permissionOptions();
        if (options.isEmpty()) {
            String question = texts.translate("console.login.permission.entry",
                    "Account and permission (actor@permission, q to cancel): ");
            return ask(question, "the account and permission", ConsoleUserInterface::parsePermission, 1)
                    .doOnNext(p -> chosen.permission = p).then();
        }
        StringBuilder list = new StringBuilder(texts.translate("console.login.permission", "Choose an account:")).append('\n');
        for (int i = 0; i < options.size(); i++) {
            list.append("  ").append(i + 1).append(") ").append(options.get(i)).append('\n');
        }
        String question = texts.translate("console.login.permission.choice",
                "Account [1-{{n}}, or type actor@permission, q to cancel]: ", Map.of("n", options.size()));
        return out.print(list.toString())
                .then(ask(question, "the account and permission", answer -> {
                    Integer number = number(answer, options.size());
                    return number != null ? Parsed.of(options.get(number)) : parsePermission(answer);
                }, 1))
                .doOnNext(p -> chosen.permission = p).then();
    }

    private static WalletPlugin chosenWallet(LoginContext ctx, Chosen chosen) {
        if (chosen.wallet != null && chosen.wallet < ctx.walletPlugins().size()) {
            return ctx.walletPlugins().get(chosen.wallet);
        }
        return ctx.walletPlugin();
    }

    private static Parsed<PermissionLevel> parsePermission(String answer) {
        try {
            return Parsed.of(PermissionLevel.from(answer));
        } catch (AntelopeException e) {
            return Parsed.complaint(e.getMessage());
        }
    }

    @Override
    public Mono<AccountCreationSelection> onAccountCreate(CreateAccountContext context) {
        Objects.requireNonNull(context, "context");
        return Mono.defer(() -> {
            List<AccountCreationPlugin> plugins = context.accountCreationPlugins();
            Mono<String> plugin;
            if (!context.requiresPluginSelect() || plugins.isEmpty()) {
                plugin = Mono.empty();
            } else if (plugins.size() == 1) {
                plugin = Mono.just(plugins.get(0).id());
            } else {
                List<String> labels = plugins.stream().map(p -> p.name() + " (" + p.id() + ")").toList();
                plugin = choose(texts.translate("console.account.plugin", "Choose an account creation service:"),
                        labels, "the account creation service", answer -> {
                            for (int k = 0; k < plugins.size(); k++) {
                                if (plugins.get(k).id().equals(answer) || plugins.get(k).name().equalsIgnoreCase(answer)) {
                                    return k;
                                }
                            }
                            return null;
                        }).map(i -> plugins.get(i).id());
            }
            return plugin.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                    .flatMap(p -> (context.requiresChainSelect() && context.chain() == null && !context.chains().isEmpty()
                            ? chooseChain(context.chains()).map(java.util.Optional::of)
                            : Mono.just(java.util.Optional.<Checksum256>empty()))
                            .map(c -> new AccountCreationSelection(p.orElse(null), c.orElse(null))));
        });
    }

    // ---------------------------------------------------------------- prompts

    @Override
    public Mono<JsonNode> prompt(PromptArgs args) {
        Objects.requireNonNull(args, "args");
        if (args.optional() && !optionalPrompts) {
            return Mono.never();
        }
        return Mono.defer(() -> {
            String what = "prompt \"" + args.title() + "\"";
            StringBuilder text = new StringBuilder("\n== ").append(args.title()).append(" ==\n");
            if (args.body() != null && !args.body().isEmpty()) {
                text.append(args.body()).append('\n');
            }
            List<PromptArgs.Element> buttons = new ArrayList<>();
            boolean accept = false;
            for (PromptArgs.Element e : args.elements()) {
                switch (e.type()) {
                    case "accept" -> {
                        accept = true;
                        text.append("  y) ").append(or(e.label(), field(e.data(), "label"), "Accept")).append('\n');
                    }
                    case "button" -> {
                        buttons.add(e);
                        text.append("  ").append(buttons.size()).append(") ")
                                .append(or(e.label(), field(e.data(), "label"), "Button " + buttons.size())).append('\n');
                    }
                    case "close" -> text.append("  q) ").append(or(e.label(), field(e.data(), "label"), "Close")).append('\n');
                    case "asset" -> text.append("  ").append(or(e.label(), field(e.data(), "label"), "Amount")).append(": ")
                            .append(or(field(e.data(), "value"), text(e.data()), "")).append('\n');
                    case "link" -> text.append("  ").append(or(e.label(), field(e.data(), "label"), "Link")).append(": ")
                            .append(or(field(e.data(), "href"), field(e.data(), "url"), field(e.data(), "link"),
                                    text(e.data()), "")).append('\n');
                    case "qr" -> qr(text, e);
                    case "textarea" -> {
                        if (e.label() != null) {
                            text.append("  ").append(e.label()).append(":\n");
                        }
                        String content = or(field(e.data(), "content"), text(e.data()), "");
                        for (String line : content.split("\n", -1)) {
                            text.append("    ").append(line).append('\n');
                        }
                    }
                    case "countdown" -> text.append("  ").append(or(e.label(), field(e.data(), "label"), "Time left"))
                            .append(": ").append(countdown(e.data())).append('\n');
                    default -> text.append("  [").append(e.type()).append("] ").append(or(e.label(), ""))
                            .append(e.data() == null ? "" : " " + e.data()).append('\n');
                }
            }
            boolean canAccept = accept;
            if (args.optional() && buttons.isEmpty() && !canAccept) {
                // nothing to answer: shown until its plugin cancels it, and no line is read for it
                return out.print(text.toString()).then(Mono.never());
            }
            String question;
            Function<String, Parsed<JsonNode>> parser;
            if (!buttons.isEmpty()) {
                question = texts.translate("console.prompt.buttons", "Choose [1-{{n}}{{accept}}, q to close]: ",
                        Map.of("n", buttons.size(), "accept", canAccept ? ", y to accept" : ""));
                parser = answer -> {
                    if (canAccept && isYes(answer)) {
                        return Parsed.of(accepted());
                    }
                    Integer i = number(answer, buttons.size());
                    if (i == null) {
                        return Parsed.complaint("'" + answer + "' is not a choice: type a number from 1 to " + buttons.size());
                    }
                    PromptArgs.Element b = buttons.get(i);
                    ObjectNode result = NODES.objectNode().put("type", "button").put("index", i)
                            .put("label", or(b.label(), field(b.data(), "label"), null));
                    result.set("data", b.data());
                    return Parsed.of(result);
                };
            } else if (canAccept) {
                question = texts.translate("console.prompt.accept", "Accept? [y/n]: ");
                parser = answer -> {
                    if (isYes(answer)) {
                        return Parsed.of(accepted());
                    }
                    if (answer.equalsIgnoreCase("n") || answer.equalsIgnoreCase("no")) {
                        return Parsed.cancel("declined");
                    }
                    return Parsed.complaint("type y to accept or n to decline");
                };
            } else {
                question = texts.translate("console.prompt.close", "Press Enter to close: ");
                parser = answer -> Parsed.cancel("closed");
            }
            return out.print(text.toString()).then(ask(question, what, parser, 1));
        });
    }

    /**
     * A {@code qr} element: its label, the QR code of its data (a text, or an object's
     * {@code data} or {@code link} field) in terminal characters, and the data as text below it
     * to copy; just label and data when drawing is off, the data is empty or too long for a QR code.
     */
    private void qr(StringBuilder text, PromptArgs.Element e) {
        String label = or(e.label(), field(e.data(), "label"), "QR code");
        String data = or(text(e.data()), field(e.data(), "data"), field(e.data(), "link"), "");
        QrCode code = null;
        String why = null;
        if (qrColors != null && !data.isEmpty() && !QrCode.isAvailable()) {
            why = texts.translate("console.qr.unavailable", "no QR code: com.google.zxing:core is not on the class path");
        } else if (qrColors != null && !data.isEmpty()) {
            try {
                code = QrCode.of(data);
            } catch (InvalidValueException tooLong) {
                why = texts.translate("console.qr.tooLong", "too long for a QR code");
            }
        }
        if (code == null) {
            text.append("  ").append(label).append(why != null ? " (" + why + ")" : "").append(": ").append(data).append('\n');
            return;
        }
        text.append("  ").append(label).append(":\n");
        String drawn = code.toTerminal(qrColors);
        int from = 0;
        for (int end = drawn.indexOf('\n'); end >= 0; from = end + 1, end = drawn.indexOf('\n', from)) {
            text.append("  ").append(drawn, from, end).append('\n');
        }
        text.append("  ").append(data).append('\n');
    }

    private static ObjectNode accepted() {
        return NODES.objectNode().put("type", "accept").put("accepted", true);
    }

    private static boolean isYes(String answer) {
        return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
    }

    private String countdown(JsonNode data) {
        String end = or(field(data, "end"), text(data), null);
        if (end == null) {
            return "";
        }
        try {
            Instant at = Instant.parse(end);
            long seconds = Duration.between(clock.instant(), at).getSeconds();
            return "until " + LocalTime.ofInstant(at, clock.getZone()).truncatedTo(ChronoUnit.SECONDS).format(TIME)
                    + (seconds > 0 ? " (" + seconds + " s left)" : " (ended)");
        } catch (DateTimeParseException e) {
            return end;
        }
    }

    private static String field(JsonNode data, String name) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode v = data.get(name);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    private static String text(JsonNode data) {
        return data == null || data.isNull() || data.isObject() ? null : data.isValueNode() ? data.asText() : data.toString();
    }

    private static String or(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- questions

    /** The answer to a question: a value, a complaint (ask again), or a cancel. */
    private record Parsed<T>(T value, String complaint, String cancel) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, null, null);
        }

        static <T> Parsed<T> complaint(String why) {
            return new Parsed<>(null, why, null);
        }

        static <T> Parsed<T> cancel(String how) {
            return new Parsed<>(null, null, how);
        }
    }

    /** A numbered list; answers by number or by {@code byLabel}; the 0-based index chosen. */
    private Mono<Integer> choose(String title, List<String> labels, String what, Function<String, Integer> byLabel) {
        StringBuilder list = new StringBuilder(title).append('\n');
        for (int i = 0; i < labels.size(); i++) {
            list.append("  ").append(i + 1).append(") ").append(labels.get(i)).append('\n');
        }
        String question = texts.translate("console.choice", "Choice [1-{{n}}, q to cancel]: ", Map.of("n", labels.size()));
        return out.print(list.toString()).then(ask(question, what, answer -> {
            Integer i = number(answer, labels.size());
            if (i == null) {
                i = byLabel.apply(answer);
            }
            return i != null ? Parsed.of(i)
                    : Parsed.complaint("'" + answer + "' is not a choice: type a number from 1 to " + labels.size());
        }, 1));
    }

    /** The 0-based index for a 1-based number in range, else {@code null}. */
    private static Integer number(String answer, int count) {
        try {
            int n = Integer.parseInt(answer);
            return n >= 1 && n <= count ? n - 1 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private <T> Mono<T> ask(String question, String what, Function<String, Parsed<T>> parser, int attempt) {
        return out.print(question).then(nextLine(what)).flatMap(line -> {
            String answer = line.strip();
            if (answer.equalsIgnoreCase("q") || answer.equalsIgnoreCase("quit") || answer.equalsIgnoreCase("cancel")) {
                return Mono.error(new CancelledException(what + " was cancelled by the user"));
            }
            Parsed<T> parsed = parser.apply(answer);
            if (parsed.cancel() != null) {
                return Mono.error(new CancelledException(what + " was " + parsed.cancel() + " by the user"));
            }
            if (parsed.value() != null) {
                return Mono.just(parsed.value());
            }
            if (attempt >= maxAttempts) {
                return Mono.error(new CancelledException("no valid answer to " + what + " after " + attempt
                        + " attempts (the last: " + parsed.complaint() + ")"));
            }
            return out.print("  " + parsed.complaint() + "\n").then(Mono.defer(() -> ask(question, what, parser, attempt + 1)));
        });
    }

    /** The next fixed answer, else the next input line; echoed when it was not typed here. */
    private Mono<String> nextLine(String what) {
        return Mono.defer(() -> {
            String fixed = answers.poll();
            if (fixed != null) {
                return out.print(fixed + "\n").thenReturn(fixed);
            }
            return in.next(what).flatMap(line -> echo ? out.print(line.text() + "\n").thenReturn(line.text())
                    : Mono.just(line.text()));
        });
    }

    // ---------------------------------------------------------------- progress, status, errors

    private Mono<Void> progress(String key, String fallback) {
        return progress ? out.print(line(texts.translate(key, fallback))) : Mono.empty();
    }

    private String line(String message) {
        return "[" + LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(TIME) + "] " + message + "\n";
    }

    @Override
    public Mono<Void> onLogin() {
        return Mono.defer(() -> progress("console.onLogin", "Logging in"));
    }

    @Override
    public Mono<Void> onLoginComplete() {
        return Mono.defer(() -> progress("console.onLoginComplete", "Logged in"));
    }

    @Override
    public Mono<Void> onTransact() {
        return Mono.defer(() -> progress("console.onTransact", "Transaction started"));
    }

    @Override
    public Mono<Void> onTransactComplete() {
        return Mono.defer(() -> progress("console.onTransactComplete", "Transaction complete"));
    }

    @Override
    public Mono<Void> onSign() {
        return Mono.defer(() -> progress("console.onSign", "Signing"));
    }

    @Override
    public Mono<Void> onSignComplete() {
        return Mono.defer(() -> progress("console.onSignComplete", "Signed"));
    }

    @Override
    public Mono<Void> onBroadcast() {
        return Mono.defer(() -> progress("console.onBroadcast", "Broadcasting"));
    }

    @Override
    public Mono<Void> onBroadcastComplete() {
        return Mono.defer(() -> progress("console.onBroadcastComplete", "Broadcast complete"));
    }

    @Override
    public Mono<Void> onAccountCreateComplete() {
        return Mono.defer(() -> progress("console.onAccountCreateComplete", "Account created"));
    }

    /** Prints the error's message on a status line (always, also without progress lines). */
    @Override
    public Mono<Void> onError(Throwable error) {
        return Mono.defer(() -> out.print(line(texts.translate("console.error", "Error: {{message}}",
                Map.of("message", String.valueOf(error.getMessage() != null ? error.getMessage() : error))))));
    }

    /** Prints a timestamped line, in order with the rest of the output; never blocks the caller. */
    @Override
    public void status(String message) {
        out.send(line(String.valueOf(message)));
    }

    /**
     * The text of {@code key} in this interface's locale: added or given to the builder, else
     * built in (English when the locale has none), else {@code fallback}.
     */
    @Override
    public String translate(String key, String fallback) {
        return texts.translate(key, fallback);
    }

    /**
     * The text of {@code key} (as {@link #translate(String, String)}), with each {@code {{name}}}
     * replaced by {@code params.get(name)}.
     */
    @Override
    public String translate(String key, String fallback, Map<String, ?> params) {
        return texts.translate(key, fallback, params);
    }

    /**
     * Adds or replaces texts while in use, by locale ({@link Locale#ROOT}: every locale); they
     * come before the built-in ones and those given to the builder for the same locale.
     */
    @Override
    public void addTranslations(Map<Locale, Map<String, String>> translations) {
        texts.add(translations);
    }

    /** The language of this interface's texts. */
    public Locale locale() {
        return texts.locale();
    }

    @Override
    public String toString() {
        return "ConsoleUserInterface[echo=" + echo + ", progress=" + progress + ", fixed answers left="
                + answers.size() + "]";
    }

    /** Builds a {@link ConsoleUserInterface}; not thread-safe. */
    public static final class Builder extends TextsBuilder<Builder> {
        private InputStream input = System.in;
        private PrintStream output = System.out;
        private Charset charset;
        private final List<String> answers = new ArrayList<>();
        private Boolean echo;
        private boolean progress = true;
        private int maxAttempts = 5;
        private Clock clock = Clock.systemDefaultZone();
        private boolean qrCodes = true;
        private QrCode.TerminalColors qrColors = QrCode.TerminalColors.ANSI;
        private boolean optionalPrompts = true;

        private Builder() {
        }

        /** Where answers are read, line by line ({@code System.in} by default); never closed here. */
        public Builder input(InputStream input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** The input's character set (the platform's by default); with it, {@code System.in} gets a reader of its own. */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** Where questions and status lines go ({@code System.out} by default); never closed here. */
        public Builder output(PrintStream output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Answers used before the input, in order, as if typed (and echoed). */
        public Builder answers(String... answers) {
            return answers(List.of(answers));
        }

        /** Answers used before the input, in order, as if typed (and echoed). */
        public Builder answers(List<String> answers) {
            for (String a : answers) {
                if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("answer " + this.answers.size() + " holds a line break: one line each");
                }
                this.answers.add(a);
            }
            return this;
        }

        /**
         * Whether lines read from the input are printed after their question (for a readable
         * transcript when the input is piped). Default: on, unless the input is {@code System.in}
         * on an interactive console.
         */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /** Whether login and transaction progress (onLogin, onSign, ...) is printed; on by default. */
        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** How many invalid answers to one question cancel it (5 by default). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts " + attempts + " is below 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The clock and time zone of the timestamps (the system's by default). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Whether {@code qr} prompt elements are drawn as QR codes (on by default); off, only
         * their data is printed.
         */
        public Builder qrCodes(boolean draw) {
            this.qrCodes = draw;
            return this;
        }

        /**
         * How QR codes are coloured ({@link QrCode.TerminalColors#ANSI} by default: readable on
         * dark and light themes); a plain style for an output that shows ANSI escapes as text.
         */
        public Builder qrColors(QrCode.TerminalColors colors) {
            this.qrColors = Objects.requireNonNull(colors, "colors");
            return this;
        }

        /**
         * Whether {@link PromptArgs#optional() optional} prompts are shown (on by default); off,
         * such a prompt prints nothing and ends when its plugin cancels it.
         */
        public Builder optionalPrompts(boolean show) {
            this.optionalPrompts = show;
            return this;
        }

        /** The interface. */
        public ConsoleUserInterface build() {
            return new ConsoleUserInterface(this);
        }
    }
}
