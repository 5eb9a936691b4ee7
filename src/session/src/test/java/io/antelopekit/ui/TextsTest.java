package io.antelopekit.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    /** {@code translate("key", "fallback"} (also {@code progress(...)}) in the console's source. */
    static final Pattern CALL = Pattern.compile("(?:translate|progress)\\(\\s*\"([a-zA-Z.]+)\",\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void theBuiltInEnglishTextsAreTheConsolesFallbacks() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/antelopekit/ui/ConsoleUserInterface.java"));
        Map<String, String> fallbacks = new LinkedHashMap<>();
        Matcher m = CALL.matcher(source);
        while (m.find()) {
            fallbacks.put(m.group(1), m.group(2));
        }
        assertThat(fallbacks).hasSizeGreaterThan(20);
        Texts english = new Texts(Locale.ENGLISH);
        Texts german = new Texts(Locale.GERMAN);
        fallbacks.forEach((key, fallback) -> {
            assertThat(english.translate(key, null)).as(key).isEqualTo(fallback);
            assertThat(german.translate(key, null)).as("English stands in for German: " + key).isEqualTo(fallback);
        });
        assertThat(english.translate("no.such.key", "the fallback")).isEqualTo("the fallback");
    }

    @Test
    void theMostSpecificLocaleWinsThenEveryLocaleThenTheBuiltInTexts() {
        Texts swiss = new Texts(Locale.forLanguageTag("de-CH"), Map.of(
                Locale.GERMAN, Map.of("console.prompt.accept", "Annehmen? [j/n]: ", "console.onSign", "Signieren"),
                Locale.forLanguageTag("de-CH"), Map.of("console.onSign", "Unterschreiben"),
                Locale.ROOT, Map.of("console.onSign", "everywhere", "console.onSigned", "überall")));
        assertThat(swiss.translate("console.onSign", null)).isEqualTo("Unterschreiben");
        assertThat(swiss.translate("console.prompt.accept", null)).isEqualTo("Annehmen? [j/n]: ");
        assertThat(swiss.translate("console.onSigned", null)).isEqualTo("überall");
        assertThat(swiss.translate("console.onBroadcast", null)).isEqualTo("Broadcasting");

        Texts french = new Texts(Locale.FRENCH, Map.of(Locale.GERMAN, Map.of("console.onSign", "Signieren")));
        assertThat(french.translate("console.onSign", null)).isEqualTo("Signing");
        french.add(Map.of(Locale.FRENCH, Map.of("console.onSign", "Signature de {{who}}")));
        french.add(Map.of(Locale.FRENCH, Map.of("console.onBroadcast", "Diffusion")));
        assertThat(french.translate("console.onSign", null, Map.of("who", "alice"))).isEqualTo("Signature de alice");
        assertThat(french.translate("console.onBroadcast", null)).isEqualTo("Diffusion");
    }
}
