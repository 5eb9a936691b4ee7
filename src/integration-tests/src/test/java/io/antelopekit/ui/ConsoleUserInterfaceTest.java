package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface.AccountCreationSelection;
import io.antelopekit.plugin.UserInterface.LoginSelection;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static io.antelopekit.ui.UiFixtures.JUNGLE;
import static io.antelopekit.ui.UiFixtures.KYLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The console interface driven by piped input, as a script or a test would drive it. Every call
 * is subscribed from a parallel (non-blocking) thread with BlockHound on: the blocking reads and
 * writes must happen elsewhere.
 */
@ExtendWith(BlockHoundSupport.class)
class ConsoleUserInterfaceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:04:05Z"), ZoneOffset.UTC);

    /** What the console printed; every write wakes {@link #waitFor} (no polling). */
    final ByteArrayOutputStream printed = new ByteArrayOutputStream() {
        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }
    };

    ConsoleUserInterface.Builder console(String input) {
        return console(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    ConsoleUserInterface.Builder console(InputStream input) {
        return ConsoleUserInterface.builder().input(input).charset(StandardCharsets.UTF_8)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8)).clock(CLOCK);
    }

    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    /** Waits until {@code condition} on the output holds, woken by each write to {@link #printed}. */
    void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (printed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("timed out waiting");
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(printed, left);
            }
        }
    }

    // ---------------------------------------------------------------- login

    @Test
    void makesTheLoginSelectionsByNumberFromPipedInput() {
        ConsoleUserInterface ui = console("1\n2\nalice@active\n").build();
        StepVerifier.create(onEventLoop(ui.login(UiFixtures.loginNeedingAll())))
                .expectNext(new LoginSelection(0, KYLIN.id(), PermissionLevel.of("alice", "active")))
                .expectComplete().verify(TIMEOUT);
        assertThat(output())
                .contains("Log in to test app")
                .contains("Choose a wallet:\n  1) Keys - the Keys test wallet\n  2) Entry - the Entry test wallet\n")
                .contains("Choose a chain:\n  1) Jungle (" + JUNGLE.id().toString().substring(0, 12) + "...)\n  2) " + KYLIN.id() + "\n")
                .contains("Choice [1-2, q to cancel]: 1\n")
                .contains("Account and permission (actor@permission, q to cancel): alice@active\n");
        assertThat(output().indexOf("Choose a wallet")).isLessThan(output().indexOf("Choose a chain"));
    }

    @Test
    void choicesByLabelAndTheChainsTheChosenWalletSupports() {
        // the Entry wallet supports Kylin only, so no chain is asked; it requires a permission entry
        ConsoleUserInterface ui = console("entry\nbob@owner\n").build();
        LoginContext ctx = UiFixtures.login(null, null, null, new LoginContext.Requirements(true, true, false, false), List.of());
        StepVerifier.create(onEventLoop(ui.login(ctx)))
                .expectNext(new LoginSelection(1, KYLIN.id(), PermissionLevel.of("bob", "owner")))
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).doesNotContain("Choose a chain");

        ConsoleUserInterface byName = console("jungle\n").build();
        LoginContext chainOnly = UiFixtures.login(null, PermissionLevel.of("a", "active"), 0,
                new LoginContext.Requirements(false, true, false, false), List.of());
        StepVerifier.create(onEventLoop(byName.login(chainOnly)))
                .expectNext(new LoginSelection(null, JUNGLE.id(), null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void offersThePermissionsNumberedOrTyped() {
        List<PermissionLevel> options = List.of(PermissionLevel.of("alice", "active"), PermissionLevel.of("bob", "owner"));
        LoginContext ctx = UiFixtures.login(JUNGLE, null, 0, new LoginContext.Requirements(false, false, true, false), options);
        StepVerifier.create(onEventLoop(console("2\n").build().login(ctx)))
                .expectNext(new LoginSelection(null, null, PermissionLevel.of("bob", "owner")))
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Choose an account:\n  1) alice@active\n  2) bob@owner\n");
        StepVerifier.create(onEventLoop(console("carol@active\n").build().login(ctx)))
                .expectNext(new LoginSelection(null, null, PermissionLevel.of("carol", "active")))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void asksAgainAfterAnInvalidAnswerAndGivesUpAfterTheLimit() {
        ConsoleUserInterface ui = console("7\nnot-a-permission\n2\n").build();
        LoginContext ctx = UiFixtures.login(null, PermissionLevel.of("a", "active"), 0,
                new LoginContext.Requirements(false, true, false, false), List.of());
        StepVerifier.create(onEventLoop(ui.login(ctx)))
                .expectNext(new LoginSelection(null, KYLIN.id(), null)).expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("'7' is not a choice: type a number from 1 to 2")
                .contains("'not-a-permission' is not a choice");

        ConsoleUserInterface strict = console("x\ny\nz\n").maxAttempts(2).build();
        StepVerifier.create(onEventLoop(strict.login(ctx)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("no valid answer to the chain after 2 attempts"))
                .verify(TIMEOUT);

        ConsoleUserInterface entry = console("alice\n").maxAttempts(1).build();
        LoginContext permission = UiFixtures.login(JUNGLE, null, 0, new LoginContext.Requirements(false, false, false, true), List.of());
        StepVerifier.create(onEventLoop(entry.login(permission)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class).hasMessageContaining("'@'"))
                .verify(TIMEOUT);
    }

    @Test
    void theEndOfTheInputAndQCancel() {
        StepVerifier.create(onEventLoop(console("").build().login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("end of file").hasMessageContaining("the wallet"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(console("1\nq\n").build().login(UiFixtures.loginNeedingAll())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessage("the chain was cancelled by the user"))
                .verify(TIMEOUT);
    }

    @Test
    void asksNothingTheLoginAlreadyKnows() {
        ConsoleUserInterface ui = console("").build(); // reading would end in a cancel
        LoginContext chosen = UiFixtures.login(JUNGLE, PermissionLevel.of("alice", "active"), 0,
                new LoginContext.Requirements(false, false, true, true), List.of());
        StepVerifier.create(onEventLoop(ui.login(chosen)))
                .expectNext(new LoginSelection(null, null, null)).expectComplete().verify(TIMEOUT);
    }

    @Test
    void fixedAnswersComeFirstAndAreEchoed() {
        ConsoleUserInterface ui = console("alice@active\n").answers("2").echo(false).build();
        LoginContext ctx = UiFixtures.login(null, null, 0, new LoginContext.Requirements(false, true, false, true), List.of());
        StepVerifier.create(onEventLoop(ui.login(ctx)))
                .expectNext(new LoginSelection(null, KYLIN.id(), PermissionLevel.of("alice", "active")))
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Choice [1-2, q to cancel]: 2\n")
                .contains("(actor@permission, q to cancel): ").doesNotContain("cancel): alice@active");
    }

    @Test
    void nothingIsPrintedOrReadBeforeSubscription() {
        ConsoleUserInterface ui = console("1\n").build();
        Mono<LoginSelection> login = ui.login(UiFixtures.loginNeedingAll());
        Mono<JsonNode> prompt = ui.prompt(new PromptArgs("Sign?", null, List.of(new PromptArgs.Element("accept", null, null))));
        Mono<Void> progress = ui.onSign();
        assertThat(output()).isEmpty();
        StepVerifier.create(onEventLoop(progress)).expectComplete().verify(TIMEOUT);
        assertThat(output()).isEqualTo("[10:04:05] Signing\n");
        assertThat(login).isNotNull();
        assertThat(prompt).isNotNull();
    }

    @Test
    void choosesTheAccountCreationServiceAndChain() {
        StepVerifier.create(onEventLoop(console("2\n1\n").build().onAccountCreate(UiFixtures.accountCreation(true, true))))
                .expectNext(new AccountCreationSelection("devnet", JUNGLE.id())).expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Choose an account creation service:\n  1) Faucet (faucet)\n  2) Devnet (devnet)\n");
    }

    // ---------------------------------------------------------------- prompts

    @Test
    void showsEveryElementAndAnswersWithTheButtonChosen() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        PromptArgs args = new PromptArgs("Scan to sign", "Open your wallet", List.of(
                new PromptArgs.Element("asset", "Fee", json.objectNode().put("value", "1.0000 EOS")),
                new PromptArgs.Element("link", "Open", json.objectNode().put("href", "esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA")),
                new PromptArgs.Element("qr", null, json.textNode("esr://qr-data")),
                new PromptArgs.Element("textarea", "Request", json.objectNode().put("content", "line one\nline two")),
                new PromptArgs.Element("countdown", "Expires", json.objectNode().put("end", "2026-11-26T10:06:05Z")),
                new PromptArgs.Element("button", "Use the desktop wallet", json.objectNode().put("target", "desktop")),
                new PromptArgs.Element("button", "Use the mobile wallet", json.objectNode().put("target", "mobile")),
                new PromptArgs.Element("close", null, null)));
        StepVerifier.create(onEventLoop(console("2\n").build().prompt(args)))
                .assertNext(answer -> {
                    assertThat(answer.get("type").asText()).isEqualTo("button");
                    assertThat(answer.get("index").asInt()).isEqualTo(1);
                    assertThat(answer.get("label").asText()).isEqualTo("Use the mobile wallet");
                    assertThat(answer.get("data").get("target").asText()).isEqualTo("mobile");
                })
                .expectComplete().verify(TIMEOUT);
        assertThat(output())
                .contains("== Scan to sign ==\nOpen your wallet\n")
                .contains("  Fee: 1.0000 EOS\n")
                .contains("  Open: esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA\n")
                .contains("esr://qr-data\n")
                .contains("  Request:\n    line one\n    line two\n")
                .contains("  Expires: until 10:06:05 (120 s left)\n")
                .contains("  1) Use the desktop wallet\n  2) Use the mobile wallet\n  q) Close\n")
                .contains("Choose [1-2, q to close]: 2\n");
    }

    @Test
    void acceptDeclineAndClose() {
        PromptArgs accept = new PromptArgs("Sign?", null, List.of(new PromptArgs.Element("accept", "Sign it", null)));
        StepVerifier.create(onEventLoop(console("maybe\ny\n").build().prompt(accept)))
                .assertNext(answer -> assertThat(answer.get("accepted").asBoolean()).isTrue())
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("  y) Sign it\n").contains("type y to accept or n to decline");
        StepVerifier.create(onEventLoop(console("n\n").build().prompt(accept)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessage("prompt \"Sign?\" was declined by the user"))
                .verify(TIMEOUT);
        PromptArgs waiting = new PromptArgs("Waiting for the wallet", null,
                List.of(new PromptArgs.Element("qr", null, JsonNodeFactory.instance.textNode("esr://x"))));
        StepVerifier.create(onEventLoop(console("\n").build().prompt(waiting)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessage("prompt \"Waiting for the wallet\" was closed by the user"))
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(console("").build().prompt(accept)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CancelledException.class)
                        .hasMessageContaining("end of file").hasMessageContaining("prompt \"Sign?\""))
                .verify(TIMEOUT);
    }

    @Test
    void cancellingAWaitingPromptStopsTheWaitAndTheLineAnswersTheNextQuestion() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(typing);
        ConsoleUserInterface ui = console(input).build();
        PromptArgs choose = new PromptArgs("Pick", null, List.of(new PromptArgs.Element("button", "A", null),
                new PromptArgs.Element("button", "B", null)));

        AtomicReference<Object> outcome = new AtomicReference<>();
        Disposable waiting = onEventLoop(ui.prompt(choose)).subscribe(outcome::set, outcome::set);
        waitFor(() -> output().contains("Choose [1-2, q to close]: "));
        waiting.dispose();
        assertThat(outcome.get()).isNull();

        type(typing, "2\n");
        StepVerifier.create(onEventLoop(ui.prompt(choose)))
                .assertNext(answer -> assertThat(answer.get("label").asText()).isEqualTo("B"))
                .expectComplete().verify(TIMEOUT);
        assertThat(outcome.get()).as("the cancelled prompt got nothing").isNull();

        // the next question waits until the input ends, then cancels
        Mono<JsonNode> third = onEventLoop(ui.prompt(choose));
        StepVerifier.create(third)
                .then(() -> type(typing, null))
                .expectError(CancelledException.class)
                .verify(TIMEOUT);
    }

    private static void type(PipedOutputStream typing, String text) {
        try {
            if (text == null) {
                typing.close();
            } else {
                typing.write(text.getBytes(StandardCharsets.UTF_8));
                typing.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- status, progress, errors, texts

    @Test
    void statusAndProgressLinesAreTimestampedAndInOrderAndNeverBlockTheCaller() {
        ConsoleUserInterface ui = console("").build();
        Mono<Void> run = Mono.fromRunnable(() -> ui.status("waiting for the wallet"))
                .then(ui.onTransact()).then(ui.onSign()).then(ui.onSignComplete()).then(ui.onBroadcast())
                .then(ui.onBroadcastComplete()).then(ui.onTransactComplete())
                .then(Mono.fromRunnable(() -> ui.status("done")))
                .then(ui.onError(new IllegalStateException("node refused it")));
        StepVerifier.create(onEventLoop(run)).expectComplete().verify(TIMEOUT);
        assertThat(output()).isEqualTo("""
                [10:04:05] waiting for the wallet
                [10:04:05] Transaction started
                [10:04:05] Signing
                [10:04:05] Signed
                [10:04:05] Broadcasting
                [10:04:05] Broadcast complete
                [10:04:05] Transaction complete
                [10:04:05] done
                [10:04:05] Error: node refused it
                """);
    }

    @Test
    void progressCanBeSilencedAndTextsTranslated() {
        ConsoleUserInterface ui = console("").progress(false)
                .translations(Map.of("console.error", "Fehler: {{message}}", "console.onLogin", "Anmeldung")).build();
        StepVerifier.create(onEventLoop(ui.onLogin().then(ui.onLoginComplete()).then(ui.onError(new RuntimeException("kaputt")))))
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).isEqualTo("[10:04:05] Fehler: kaputt\n");
        assertThat(ui.translate("console.onLogin", "Logging in")).isEqualTo("Anmeldung");
        assertThat(ui.translate("missing", "Hello {{who}}", Map.of("who", "alice"))).isEqualTo("Hello alice");
    }
}
