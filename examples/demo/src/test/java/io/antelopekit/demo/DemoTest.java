package io.antelopekit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command keeps working: the whole demo, non-interactive, in this JVM. */
class DemoTest {

    @Test
    void theDemoRunsEveryStepAgainstTwoDevnets(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path store = dir.resolve("sessions.json");
        int status;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = Demo.run(new String[] {"--batch", "--chain", "1", "--quantity", "2.5000 EOS", "--store", store.toString()},
                    new ByteArrayInputStream(new byte[0]), out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isZero();
        assertThat(text)
                .contains("logged in on the chain chosen at the prompt", "alice@active on devnet 1")
                .contains("transferred 2.5000 EOS alice -> bob")
                .contains("status IRREVERSIBLE")
                .contains("2: bob@active on", "alice@active on")
                .contains("Sign in with your wallet: esr:")
                .contains("carol signed in with an ESR wallet", "carol@active, wallet wallet-plugin-esr")
                .contains("carol's transfer signed through a signing request")
                .contains("restored every session in a new kit")
                // 2.5 sent to bob, 0.5 received from carol
                .contains("alice [999998.0000 EOS] on devnet 1")
                .contains("0 sessions left")
                .endsWith("done" + System.lineSeparator());
        // the store given on the command line is kept, and every session was logged out of it
        assertThat(Files.readString(store)).doesNotContain("alice@active").doesNotContain("\"actor\"");
    }

    @Test
    void aBadOptionIsRefusedWithTheUsage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Demo.run(new String[] {"--nope"},
                        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope").hasMessageContaining("usage");
    }
}
