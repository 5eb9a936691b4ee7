package io.antelopekit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.stream.StoredCheckpoints.Entry;
import io.antelopekit.stream.StoredCheckpoints.Witness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stored form of a stream's checkpoints: one per chain id, with the chain's first block and a witness. */
class StoredCheckpointsTest {

    static final Checksum256 CHAIN_A = hash("chain a");
    static final Checksum256 CHAIN_B = hash("chain b");
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Checksum256 hash(String s) {
        return Checksum256.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsOneCheckpointPerChainAndReadsItsOwnFormBack() {
        Entry a = new Entry(new Checkpoint(42, hash("b42"), 3), hash("a1"), new Witness(40, hash("b40"), T));
        Entry b = new Entry(Checkpoint.afterBlock(7, hash("b7")), null, null);
        String text = StoredCheckpoints.empty().with(CHAIN_A, a).with(CHAIN_B, b).format();
        assertThat(text).contains(CHAIN_A.toString()).contains(CHAIN_B.toString())
                .contains("\"checkpoint\":\"42:" + hash("b42") + ":3\"")
                .contains("\"genesis\":\"" + hash("a1") + "\"")
                .contains("\"witness\":\"40:" + hash("b40") + "\"").contains("\"witness_time\":\"2026-01-01T00:00:00Z\"");
        StoredCheckpoints read = StoredCheckpoints.parse(text);
        assertThat(read.entry(CHAIN_A)).isEqualTo(a);
        assertThat(read.entry(CHAIN_B)).isEqualTo(b);
        assertThat(read.entry(hash("chain c"))).isNull();
        // replacing one chain's keeps the other's
        Entry a2 = new Entry(Checkpoint.afterBlock(50, hash("b50")), hash("a1"), new Witness(50, hash("b50"), T.plusSeconds(4)));
        StoredCheckpoints again = StoredCheckpoints.parse(read.with(CHAIN_A, a2).format());
        assertThat(again.entry(CHAIN_A)).isEqualTo(a2);
        assertThat(again.entry(CHAIN_B)).isEqualTo(b);
    }

    @Test
    void aCheckpointStoredAloneIsReadForAnyChainUntilTheNextCommit() {
        Checkpoint old = new Checkpoint(9, hash("b9"), 1);
        StoredCheckpoints read = StoredCheckpoints.parse(old.toString());
        assertThat(read.entry(CHAIN_A)).isEqualTo(new Entry(old, null, null));
        assertThat(read.entry(CHAIN_B)).isEqualTo(new Entry(old, null, null));
        Entry now = new Entry(Checkpoint.afterBlock(10, hash("b10")), null, new Witness(10, hash("b10"), T));
        StoredCheckpoints rewritten = StoredCheckpoints.parse(read.with(CHAIN_A, now).format());
        assertThat(rewritten.entry(CHAIN_A)).isEqualTo(now);
        assertThat(rewritten.entry(CHAIN_B)).isNull();
    }

    @Test
    void aWitnessProvesAnotherChainOnlyWhenNumbersAndTimesCannotBeOneChains() {
        Witness w = new Witness(100, hash("b100"), T);
        assertThat(w.provesOtherChain(w)).isFalse();
        assertThat(w.provesOtherChain(new Witness(100, hash("other"), T))).isTrue();
        // later and higher, or earlier and lower: one chain may have both
        assertThat(w.provesOtherChain(new Witness(120, hash("b120"), T.plusSeconds(10)))).isFalse();
        assertThat(w.provesOtherChain(new Witness(3, hash("b3"), T.minusSeconds(50)))).isFalse();
        // later but lower (a younger chain started after it), earlier but higher, or another block in the same slot: never
        assertThat(w.provesOtherChain(new Witness(3, hash("b3"), T.plusSeconds(1)))).isTrue();
        assertThat(w.provesOtherChain(new Witness(300, hash("b300"), T.minusSeconds(1)))).isTrue();
        assertThat(w.provesOtherChain(new Witness(101, hash("b101"), T))).isTrue();
    }

    @Test
    void anythingElseIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> StoredCheckpoints.parse("not a checkpoint")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not a checkpoint");
        assertThatThrownBy(() -> StoredCheckpoints.parse("{\"x\":")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("neither a checkpoint nor JSON");
        assertThatThrownBy(() -> StoredCheckpoints.parse("{\"abc\":{\"checkpoint\":\"1:" + hash("1") + "\"}}"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("\"abc\" is not a chain id");
        assertThatThrownBy(() -> StoredCheckpoints.parse("{\"" + CHAIN_A + "\":{}}"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("has no \"checkpoint\"");
        assertThatThrownBy(() -> StoredCheckpoints.parse("{\"" + CHAIN_A + "\":{\"checkpoint\":\"1:" + hash("1")
                + "\",\"witness\":\"1:" + hash("1") + "\",\"witness_time\":\"yesterday\"}}"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("witness_time");
    }
}
