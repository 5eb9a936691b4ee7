package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Slow but obviously right: repeated division of one big number. */
    private static String slowEncode(byte[] in) {
        StringBuilder sb = new StringBuilder();
        BigInteger v = new BigInteger(1, in);
        BigInteger base = BigInteger.valueOf(58);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(base);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            v = qr[0];
        }
        for (int i = 0; i < in.length && in[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    @Test
    void encodesAndDecodesLikeTheTextbookAlgorithm() {
        Random random = new Random(58);
        for (int i = 0; i < 2000; i++) {
            byte[] in = new byte[random.nextInt(80)];
            random.nextBytes(in);
            int zeros = random.nextInt(4);
            for (int z = 0; z < Math.min(zeros, in.length); z++) {
                in[z] = 0;
            }
            String expected = slowEncode(in);
            assertThat(Base58.encode(in)).as("encode %d bytes", in.length).isEqualTo(expected);
            assertThat(Base58.decode(expected, 0)).isEqualTo(in);
        }
    }

    @Test
    void knownValues() {
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(Base58.encode("Hello World!".getBytes())).isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Base58.decode("xx2NEpo7TZRRrLZSi2U", 2)).isEqualTo("Hello World!".getBytes());
        assertThat(Base58.decode("111", 0)).isEqualTo(new byte[3]);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetByIndexOnly() {
        for (String bad : new String[] {"abc0", "abcO", "abcI", "abcl", "abc_", "abc\u00e9"}) {
            assertThatThrownBy(() -> Base58.decode(bad, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("character at index 3 is not base58");
        }
    }
}
