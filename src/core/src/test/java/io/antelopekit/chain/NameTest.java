package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NameTest {

    @Test
    void parsesAndFormatsLikeTheNode() {
        Name token = Name.from("eosio.token");
        assertThat(Long.toUnsignedString(token.value())).isEqualTo("6138663591592764928");
        assertThat(token).hasToString("eosio.token");
        assertThat(Name.of(token.value())).isEqualTo(token).hasSameHashCodeAs(token).hasToString("eosio.token");
        assertThat(Name.from("")).isSameAs(Name.EMPTY);
        assertThat(Name.EMPTY.value()).isZero();
        assertThat(Name.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void dropsTrailingDotsButKeepsInnerAndLeadingOnes() {
        assertThat(Name.from("abc..")).isEqualTo(Name.from("abc")).hasToString("abc");
        assertThat(Name.from("...")).isEqualTo(Name.EMPTY).hasToString("");
        assertThat(Name.from(".a.b")).hasToString(".a.b");
        assertThat(Name.of(1)).hasToString("............1");
    }

    @Test
    void thirteenthCharacterHoldsOnlyFourBits() {
        Name max = Name.from("zzzzzzzzzzzzj");
        assertThat(max.value()).isEqualTo(-1L);
        assertThat(Name.of(-1L)).hasToString("zzzzzzzzzzzzj");
        assertThatThrownBy(() -> Name.from("zzzzzzzzzzzzk"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("\"zzzzzzzzzzzzk\"")
                .hasMessageContaining("'k' at 12")
                .hasMessageContaining(".1-5a-j");
    }

    @Test
    void rejectsUpperCaseWithItsIndex() {
        assertThatThrownBy(() -> Name.from("Abc"))
                .isInstanceOf(InvalidNameException.class)
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"Abc\" has an upper-case letter at 0");
        assertThatThrownBy(() -> Name.from("abC"))
                .hasMessageContaining("\"abC\" has an upper-case letter at 2");
    }

    @Test
    void rejectsTooLongNames() {
        assertThatThrownBy(() -> Name.from("abcdefghijklmn"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("\"abcdefghijklmn\" is 14 characters, at most 13");
    }

    @Test
    void rejectsOtherCharactersWithTheirIndex() {
        assertThatThrownBy(() -> Name.from("abc-"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("\"abc-\" has an invalid character at 3 ('-')");
        assertThatThrownBy(() -> Name.from("a6")).hasMessageContaining("\"a6\" has the digit at 1 ('6')");
        assertThatThrownBy(() -> Name.from("a0")).hasMessageContaining("at 1 ('0')");
        assertThatThrownBy(() -> Name.from("a\u0001")).hasMessageContaining("\"a\\u0001\"").hasMessageContaining("at 1");
        assertThatThrownBy(() -> Name.from("é")).hasMessageContaining("at 0");
    }

    @Test
    void quotesHugeInputShortly() {
        String huge = "a".repeat(100_000);
        assertThatThrownBy(() -> Name.from(huge))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("100000 characters")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Name.from(null)).isInstanceOf(NullPointerException.class);
        assertThat(Name.isValid(null)).isFalse();
    }

    @Test
    void isValidAgreesWithFrom() {
        for (String s : List.of("", "a", "eosio", "zzzzzzzzzzzzj", "zzzzzzzzzzzzk", "A", "abcdefghijklmn", "1.5", "6", ".")) {
            boolean parses;
            try {
                Name.from(s);
                parses = true;
            } catch (InvalidNameException e) {
                parses = false;
            }
            assertThat(Name.isValid(s)).as(s).isEqualTo(parses);
        }
    }

    @Test
    void everyValueRoundTripsThroughItsString() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            long v = random.nextLong();
            Name name = Name.of(v);
            String s = name.toString();
            assertThat(Name.isValid(s)).as(s).isTrue();
            assertThat(Name.from(s).value()).as(s).isEqualTo(v);
            assertThat(Name.from(s)).hasToString(s);
        }
    }

    @Test
    void ordersByUnsignedValue() {
        List<Name> names = new ArrayList<>(List.of(Name.from("z"), Name.from("a"), Name.EMPTY, Name.from("k"), Name.from("j")));
        Collections.sort(names);
        assertThat(names).extracting(Name::toString).containsExactly("", "a", "j", "k", "z");
    }

    @Test
    void binaryIsEightBytesLittleEndian() {
        Name name = Name.from("eosio");
        byte[] bytes = name.toBytes();
        assertThat(bytes).hasSize(8);
        assertThat(new BinaryReader(bytes).readInt64()).isEqualTo(name.value());
        assertThat(Name.decode(new BinaryReader(bytes))).isEqualTo(name);
    }

    @Test
    void decodingATruncatedBufferFails() {
        assertThatThrownBy(() -> Name.decode(new BinaryReader(new byte[7])))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("offset 0");
    }
}
