package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import org.junit.jupiter.api.Test;

/** {@link Checkpoint}: its text form, its order, and the errors that name what is wrong. */
class CheckpointTest {

    static final Checksum256 ID = Checksum256.hash(new byte[] {1, 2, 3});

    @Test
    void textFormRoundTrips() {
        Checkpoint whole = Checkpoint.afterBlock(42, ID);
        assertThat(whole.toString()).isEqualTo("42:" + ID);
        assertThat(Checkpoint.parse(whole.toString())).isEqualTo(whole);
        assertThat(whole.isWholeBlock()).isTrue();
        Checkpoint partial = new Checkpoint(42, ID, 7);
        assertThat(partial.toString()).isEqualTo("42:" + ID + ":7");
        assertThat(Checkpoint.parse(partial.toString())).isEqualTo(partial);
        assertThat(partial.isWholeBlock()).isFalse();
    }

    @Test
    void ordersByBlockThenPosition() {
        assertThat(new Checkpoint(41, ID, 99)).isLessThan(new Checkpoint(42, ID, 0));
        assertThat(new Checkpoint(42, ID, 0)).isLessThan(new Checkpoint(42, ID, 1));
        assertThat(new Checkpoint(42, ID, 1000)).isLessThan(Checkpoint.afterBlock(42, ID));
    }

    @Test
    void badTextSaysWhichPartIsWrong() {
        assertThatThrownBy(() -> Checkpoint.parse("42")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not <num>:<id>");
        assertThatThrownBy(() -> Checkpoint.parse("x:" + ID)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("block number that is not a number: \"x\"");
        assertThatThrownBy(() -> Checkpoint.parse("42:abc")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("block id that is not 64 hex digits: \"abc\"");
        assertThatThrownBy(() -> Checkpoint.parse("42:" + ID + ":y")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("position that is not a number: \"y\"");
        assertThatThrownBy(() -> Checkpoint.parse("0:" + ID)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("block number must be 1..4294967295: 0");
        assertThatThrownBy(() -> new Checkpoint(5, ID, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position must not be negative: -1");
    }
}
