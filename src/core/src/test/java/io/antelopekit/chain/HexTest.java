package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void encodesLowerCaseAndDecodesEitherCase() {
        byte[] bytes = {0, 1, 0x1a, (byte) 0xff, (byte) 0x80};
        assertThat(Hex.encode(bytes)).isEqualTo("00011aff80");
        assertThat(Hex.encode(bytes, 2, 2)).isEqualTo("1aff");
        assertThat(Hex.decode("00011AFF80")).containsExactly(bytes);
        assertThat(Hex.decode("float128", "0x1aFF", 2)).containsExactly(0x1a, 0xff);
        assertThat(Hex.decode("")).isEmpty();
        assertThat(Hex.encode(new byte[0])).isEmpty();
    }

    @Test
    void agreesWithTheJdkOnRandomBytes() {
        Random random = new Random(19);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(70)];
            random.nextBytes(b);
            String jdk = HexFormat.of().formatHex(b);
            assertThat(Hex.encode(b)).isEqualTo(jdk);
            assertThat(Hex.decode(jdk.toUpperCase())).containsExactly(b);
        }
    }

    @Test
    void badTextSaysWhatAndWhere() {
        assertThatThrownBy(() -> Hex.decode("table row", "abc"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("table row \"abc\" has an odd number of hex digits (3)");
        assertThatThrownBy(() -> Hex.decode("table row", "00g0"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("table row \"00g0\" has a character that is not a hex digit at index 2 ('g')");
        // a non-ASCII digit is not a hex digit
        assertThatThrownBy(() -> Hex.decode("0\u0661")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("hex ").hasMessageContaining("index 1");
        assertThatThrownBy(() -> Hex.decode("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Hex.encode(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
