package io.antelopekit.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.antelopekit.plugin.CancelledException;
import io.antelopekit.plugin.PromptArgs;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.QrCode.TerminalColors;
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
 * Prompts with {@code qr} and {@code link} elements on the console: the QR code is drawn (and
 * encoded on a non-blocking thread with BlockHound on), the link is printed to copy.
 */
@ExtendWith(BlockHoundSupport.class)
class ConsoleUserInterfaceQrTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String LINK = "esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA";

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ConsoleUserInterface.Builder console(String input) {
        return ConsoleUserInterface.builder()
                .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)))
                .charset(StandardCharsets.UTF_8)
                .output(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Shows the prompt, closes it with an empty line, and returns what was printed. */
    String show(ConsoleUserInterface ui, PromptArgs.Element... elements) {
        Mono<JsonNode> prompt = ui.prompt(new PromptArgs("Sign with your wallet", "Scan the code", List.of(elements)));
        StepVerifier.create(prompt.subscribeOn(Schedulers.parallel()))
                .expectError(CancelledException.class)
                .verify(TIMEOUT);
        return output();
    }

    /** The terminal drawing as the console prints it: each line indented by two spaces. */
    static String indented(String drawing) {
        StringBuilder s = new StringBuilder();
        for (String line : drawing.split("\n")) {
            s.append("  ").append(line).append('\n');
        }
        return s.toString();
    }

    @Test
    void aQrElementIsDrawnWithItsLinkBelowToCopy() {
        String out = show(console("\n").qrColors(TerminalColors.LIGHT_BACKGROUND).build(),
                new PromptArgs.Element("qr", "Scan with Anchor", JSON.textNode(LINK)));
        String drawing = QrCode.of(LINK).toTerminal(TerminalColors.LIGHT_BACKGROUND);
        assertThat(out).contains("== Sign with your wallet ==\nScan the code\n"
                + "  Scan with Anchor:\n" + indented(drawing) + "  " + LINK + "\n");
        assertThat(out).doesNotContain("\u001b[");
        long lines = out.lines().filter(l -> l.contains("\u2588") || l.contains("\u2580") || l.contains("\u2584")).count();
        assertThat(lines).isEqualTo((QrCode.of(LINK).size() + 5) / 2 - 2); // less the all-blank quiet zone lines
    }

    @Test
    void ansiColoursByDefaultSoTheCodeReadsOnAnyTheme() {
        String out = show(console("\n").build(), new PromptArgs.Element("qr", null, JSON.textNode(LINK)));
        assertThat(out).contains("  QR code:\n" + indented(QrCode.of(LINK).toTerminal()) + "  " + LINK + "\n");
        assertThat(out).contains("\u001b[30;107m").contains("\u001b[0m");
    }

    @Test
    void theDataMayBeAnObjectWithADataOrLinkField() {
        String out = show(console("\n").qrColors(TerminalColors.DARK_BACKGROUND).build(),
                new PromptArgs.Element("qr", null, JSON.objectNode().put("data", LINK)),
                new PromptArgs.Element("qr", null, JSON.objectNode().put("link", "https://example.com/x").put("label", "Web")));
        assertThat(out).contains("  QR code:\n" + indented(QrCode.of(LINK).toTerminal(TerminalColors.DARK_BACKGROUND))
                + "  " + LINK + "\n");
        assertThat(out).contains("  Web:\n" + indented(QrCode.of("https://example.com/x").toTerminal(TerminalColors.DARK_BACKGROUND))
                + "  https://example.com/x\n");
    }

    @Test
    void withoutDrawingTooLongOrEmptyDataOnlyTheTextIsShown() {
        String off = show(console("\n").qrCodes(false).build(), new PromptArgs.Element("qr", "Code", JSON.textNode(LINK)));
        assertThat(off).contains("  Code: " + LINK + "\n").doesNotContain("\u2588");
        printed.reset();

        String tooLong = "esr:" + "A".repeat(3000);
        String out = show(console("\n").build(), new PromptArgs.Element("qr", null, JSON.textNode(tooLong)),
                new PromptArgs.Element("qr", "Empty", null));
        assertThat(out).contains("  QR code (too long for a QR code): " + tooLong + "\n")
                .contains("  Empty: \n").doesNotContain("\u2588");
    }

    @Test
    void aLinkElementShowsItsUrl() {
        String out = show(console("\n").build(),
                new PromptArgs.Element("link", "Open Anchor", JSON.objectNode().put("href", LINK)),
                new PromptArgs.Element("link", null, JSON.objectNode().put("url", "https://example.com/a")),
                new PromptArgs.Element("link", null, JSON.objectNode().put("label", "Docs").put("link", "https://example.com/b")),
                new PromptArgs.Element("link", null, JSON.textNode("https://example.com/c")));
        assertThat(out).contains("  Open Anchor: " + LINK + "\n")
                .contains("  Link: https://example.com/a\n")
                .contains("  Docs: https://example.com/b\n")
                .contains("  Link: https://example.com/c\n");
    }
}
