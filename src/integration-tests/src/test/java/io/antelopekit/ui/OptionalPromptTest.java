package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optional prompts (WharfKit's {@code PromptArgs.optional}): they only inform, the plugin races
 * them against what it really waits for and cancels them; an interface may leave them unshown.
 */
@ExtendWith(BlockHoundSupport.class)
class OptionalPromptTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration QUIET = Duration.ofMillis(300);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final PromptArgs WAITING = new PromptArgs("Complete it in the popup window", "Waiting for the wallet",
            List.of(new PromptArgs.Element("countdown", "Expires", NODES.objectNode().put("end", "2030-01-01T00:00:00Z"))),
            true);
    static final PromptArgs ACCEPT = new PromptArgs("Sign?", null, List.of(new PromptArgs.Element("accept", null, null)));

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ConsoleUserInterface.Builder console(String input) {
        return ConsoleUserInterface.builder().input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .charset(StandardCharsets.UTF_8).output(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    /** What a plugin does with an optional prompt: waits for its callback, the prompt beside it. */
    static Mono<JsonNode> race(UserInterface ui, Mono<JsonNode> callback) {
        return Mono.firstWithSignal(callback, ui.prompt(WAITING));
    }

    @Test
    void optionalIsFalseUnlessAsked() {
        assertThat(ACCEPT.optional()).isFalse();
        assertThat(ACCEPT.withOptional(true).optional()).isTrue();
        assertThat(ACCEPT.withOptional(true).withOptional(false)).isEqualTo(ACCEPT);
    }

    @Test
    void theConsoleShowsAnOptionalPromptWithoutAQuestionAndReadsNoLineForIt() {
        ConsoleUserInterface ui = console("y\n").build();
        StepVerifier.create(onEventLoop(ui.prompt(WAITING))).expectSubscription().expectNoEvent(QUIET).thenCancel()
                .verify(TIMEOUT);
        assertThat(output()).contains("== Complete it in the popup window ==\n", "Waiting for the wallet\n", "  Expires: ")
                .doesNotContain("Press Enter to close");
        // the line typed was not taken by the optional prompt: it answers the next question
        StepVerifier.create(onEventLoop(ui.prompt(ACCEPT)))
                .assertNext(answer -> assertThat(answer.get("accepted").asBoolean()).isTrue())
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void theConsoleCanLeaveOptionalPromptsUnshown() {
        ConsoleUserInterface ui = console("").optionalPrompts(false).build();
        StepVerifier.create(onEventLoop(race(ui, Mono.delay(QUIET).map(x -> NODES.textNode("signed")))))
                .assertNext(answer -> assertThat(answer.asText()).isEqualTo("signed"))
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).isEmpty();
        // a prompt that is not optional is still asked (and the end of the input cancels it)
        StepVerifier.create(onEventLoop(ui.prompt(ACCEPT))).expectError(CancelledException.class).verify(TIMEOUT);
    }

    @Test
    void anOptionalPromptWithChoicesIsStillAskedOnTheConsole() {
        ConsoleUserInterface ui = console("1\n").build();
        PromptArgs choose = new PromptArgs("Pick", null, List.of(new PromptArgs.Element("button", "A", null)), true);
        StepVerifier.create(onEventLoop(ui.prompt(choose)))
                .assertNext(answer -> assertThat(answer.get("label").asText()).isEqualTo("A"))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void headlessLeavesAnOptionalPromptUnshownInsteadOfRefusingIt() {
        HeadlessUserInterface ui = HeadlessUserInterface.create();
        StepVerifier.create(onEventLoop(ui.prompt(WAITING))).expectSubscription().expectNoEvent(QUIET).thenCancel()
                .verify(TIMEOUT);
        StepVerifier.create(onEventLoop(race(ui, Mono.delay(QUIET).map(x -> NODES.textNode("signed")))))
                .assertNext(answer -> assertThat(answer.asText()).isEqualTo("signed"))
                .expectComplete().verify(TIMEOUT);
        // a prompt that is not optional is refused: nobody is there to answer it
        StepVerifier.create(onEventLoop(ui.prompt(WAITING.withOptional(false))))
                .expectError(CancelledException.class).verify(TIMEOUT);
        // with a prompt function, the application sees optional prompts too
        HeadlessUserInterface answering = HeadlessUserInterface.builder()
                .promptWhen(args -> Mono.just(NODES.booleanNode(args.optional()))).build();
        StepVerifier.create(onEventLoop(answering.prompt(WAITING)))
                .assertNext(answer -> assertThat(answer.asBoolean()).isTrue()).expectComplete().verify(TIMEOUT);
    }
}
