package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The user interfaces' texts in another language, with English built in as the fallback. */
@ExtendWith(BlockHoundSupport.class)
class TranslationsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:04:05Z"), ZoneOffset.UTC);
    static final PromptArgs ACCEPT = new PromptArgs("Sign?", null, List.of(new PromptArgs.Element("accept", null, null)));

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ConsoleUserInterface.Builder console(String input) {
        return ConsoleUserInterface.builder().input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .charset(StandardCharsets.UTF_8).output(new PrintStream(printed, true, StandardCharsets.UTF_8)).clock(CLOCK);
    }

    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static <T> Mono<T> onEventLoop(Mono<T> mono) {
        return mono.subscribeOn(Schedulers.parallel());
    }

    @Test
    void aGermanBundleReplacesTheConsolesPromptAndEnglishFillsTheRest() {
        ResourceBundle german = ResourceBundle.getBundle("io.antelopekit.ui.consoletexts", Locale.GERMAN);
        ConsoleUserInterface ui = console("y\n").locale(Locale.GERMANY).translations(german).build();
        StepVerifier.create(onEventLoop(ui.prompt(ACCEPT).flatMap(answer -> ui.onSign().then(ui.onBroadcast())
                        .then(ui.onError(new IllegalStateException("kaputt"))).thenReturn(answer))))
                .assertNext(answer -> assertThat(answer.get("accepted").asBoolean()).isTrue())
                .expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Annehmen? [j/n]: y\n").doesNotContain("Accept?")
                .contains("[10:04:05] Signiere\n", "[10:04:05] Broadcasting\n", "[10:04:05] Error: kaputt\n");
        assertThat(ui.locale()).isEqualTo(Locale.GERMANY);
    }

    @Test
    void anotherLocaleKeepsEnglishAndTranslationsCanBeAddedLater() {
        ConsoleUserInterface ui = console("y\ny\n").locale(Locale.FRENCH)
                .translations(Locale.GERMAN, Map.of("console.prompt.accept", "Annehmen? [j/n]: ")).build();
        StepVerifier.create(onEventLoop(ui.prompt(ACCEPT))).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Accept? [y/n]: y\n").doesNotContain("Annehmen");

        ui.addTranslations(Map.of(Locale.FRENCH, Map.of("console.prompt.accept", "Accepter ? [o/n] : ")));
        StepVerifier.create(onEventLoop(ui.prompt(ACCEPT))).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(output()).contains("Accepter ? [o/n] : y\n");
    }

    @Test
    void headlessTranslatesTooAndNamespacesPrefixTheirKeys() {
        HeadlessUserInterface ui = HeadlessUserInterface.builder().locale(Locale.GERMAN)
                .translations(Locale.GERMAN, Map.of("myplugin.greet", "Hallo {{name}}")).build();
        UserInterface.Translator plugin = ui.translator("myplugin");
        assertThat(plugin.translate("greet", "Hello {{name}}", Map.of("name", "alice"))).isEqualTo("Hallo alice");
        assertThat(plugin.translate("bye", "Bye")).isEqualTo("Bye");
        ui.addTranslations(Map.of(Locale.ROOT, Map.of("myplugin.bye", "Tschüss")));
        assertThat(plugin.translate("bye", "Bye")).isEqualTo("Tschüss");
        assertThat(ui.translate("console.onSign", "x")).as("the built-in English").isEqualTo("Signing");
    }

    @Test
    void aUserInterfaceWithoutTranslationsGivesTheFallbacks() {
        UserInterface plain = new UserInterface() {
            @Override
            public Mono<JsonNode> prompt(PromptArgs args) {
                return Mono.empty();
            }
        };
        plain.addTranslations(Map.of(Locale.ROOT, Map.of("k", "v")));
        assertThat(plain.translate("k", "Hello {{who}}", Map.of("who", "bob"))).isEqualTo("Hello bob");
        assertThat(plain.translator("ns").translate("k", "fallback")).isEqualTo("fallback");
    }
}
