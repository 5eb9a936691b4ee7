package io.antelopekit.chain.transaction;

import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.BinaryReader;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.Checksum256;
import static io.antelopekit.chain.transaction.TransactionTestData.HEADER_HEX;
import static io.antelopekit.chain.transaction.TransactionTestData.JSON;
import static io.antelopekit.chain.transaction.TransactionTestData.header;
import static io.antelopekit.chain.transaction.TransactionTestData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionHeaderTest {

    @Test
    void encodesEveryFieldInTheNodesLayout() {
        assertThat(hex(header().toBytes())).isEqualTo(HEADER_HEX);
        assertThat(header().encodedSize()).isEqualTo(HEADER_HEX.length() / 2);
    }

    @Test
    void decodesWhatItEncodes() {
        BinaryReader in = new BinaryReader(hex(HEADER_HEX));
        assertThat(TransactionHeader.decode(in)).isEqualTo(header());
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void referenceBlockGivesTaposAsTheNodeComputesIt() {
        // a recorded WAX get_block: id, block_num and the node's own ref_block_prefix
        Checksum256 id = Checksum256.from("0f691d2a1fb7d1432548897218fec07b691e76c4aa2d32479dcf33b8f9aca951");
        TransactionHeader h = TransactionHeader.of(TimePointSec.of(1_700_000_000L), id);
        assertThat(TransactionHeader.blockNum(id)).isEqualTo(258546986L);
        assertThat(h.refBlockNum()).isEqualTo((int) (258546986L & 0xFFFF));
        assertThat(h.refBlockPrefix()).isEqualTo(1921599525L);
        assertThat(h.maxNetUsageWords()).isZero();
        assertThat(h.maxCpuUsageMs()).isZero();
        assertThat(h.delaySec()).isZero();
    }

    @Test
    void refBlockNumKeepsOnlyTheLowSixteenBits() {
        Checksum256 id = Checksum256.from("ffffabcd" + "00".repeat(4) + "01020304" + "00".repeat(20));
        TransactionHeader h = header().withReferenceBlock(id);
        assertThat(TransactionHeader.blockNum(id)).isEqualTo(0xffffabcdL);
        assertThat(h.refBlockNum()).isEqualTo(0xabcd);
        assertThat(h.refBlockPrefix()).isEqualTo(0x04030201L);
        assertThat(h.expiration()).isEqualTo(header().expiration());
    }

    @Test
    void rejectsFieldsOutsideTheirIntegerTypes() {
        TimePointSec t = TimePointSec.of(0);
        assertThatThrownBy(() -> new TransactionHeader(t, 65536, 0, 0, 0, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("ref_block_num 65536");
        assertThatThrownBy(() -> new TransactionHeader(t, 0, 1L << 32, 0, 0, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("ref_block_prefix");
        assertThatThrownBy(() -> new TransactionHeader(t, 0, 0, -1, 0, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("max_net_usage_words -1");
        assertThatThrownBy(() -> new TransactionHeader(t, 0, 0, 0, 256, 0))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("max_cpu_usage_ms 256");
        assertThatThrownBy(() -> new TransactionHeader(t, 0, 0, 0, 0, 1L << 32))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("delay_sec");
    }

    @Test
    void jsonUsesTheNodesFieldNames() throws Exception {
        String json = JSON.writeValueAsString(header());
        assertThat(json).isEqualTo("{\"expiration\":\"2024-10-30T08:16:03\",\"ref_block_num\":39902,"
                + "\"ref_block_prefix\":2742546871,\"max_net_usage_words\":0,\"max_cpu_usage_ms\":57,"
                + "\"delay_sec\":2090335}");
        assertThat(JSON.readValue(json, TransactionHeader.class)).isEqualTo(header());
    }

    @Test
    void jsonLimitsDefaultToZeroAndNumbersMayBeStrings() throws Exception {
        TransactionHeader h = JSON.readValue(
                "{\"expiration\":\"2024-10-30T08:16:03\",\"ref_block_num\":\"39902\",\"ref_block_prefix\":2742546871}",
                TransactionHeader.class);
        assertThat(h).isEqualTo(new TransactionHeader(header().expiration(), 39902, 2742546871L, 0, 0, 0));
    }

    @Test
    void jsonErrorsNameTheField() {
        assertThatThrownBy(() -> TransactionHeader.fromJson(JSON.readTree(
                "{\"expiration\":\"2024-10-30T08:16:03\",\"ref_block_num\":70000,\"ref_block_prefix\":1}"), "trx"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("trx.ref_block_num is 70000");
        assertThatThrownBy(() -> TransactionHeader.fromJson(JSON.readTree(
                "{\"expiration\":\"2024-10-30T08:16:03\",\"ref_block_num\":1.5,\"ref_block_prefix\":1}"), "trx"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("trx.ref_block_num is 1.5");
        assertThatThrownBy(() -> TransactionHeader.fromJson(JSON.readTree(
                "{\"ref_block_num\":1,\"ref_block_prefix\":1}"), "trx"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("trx.expiration is missing");
    }
}
