package io.antelopekit.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antelopekit.api.model.ChainInfo.TaposBlock;
import io.antelopekit.api.model.MockData.Endpoint;
import io.antelopekit.api.model.MockData.Recording;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.TimePoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChainInfo}: reading {@code get_info} and the TAPoS values taken from it. */
class ChainInfoTest {

    /** jungle4.greymass.com, antelope/41d2b5db1ef387ee364f1115e0dc4bdec9800993.json */
    private static final String JUNGLE4_INFO = "{\"server_version\":\"b9ac0b26\","
            + "\"chain_id\":\"73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d\","
            + "\"head_block_num\":90841411,\"last_irreversible_block_num\":90841086,"
            + "\"last_irreversible_block_id\":\"056a1ffe45977223f33d8475ec7ded878b615c4fe9bf910a864787adec37dbee\","
            + "\"head_block_id\":\"056a21438912145c3b9a2990f9997801c61cf16edcbf674ee6057da983b9a09c\","
            + "\"head_block_time\":\"2023-08-04T18:49:41.500\",\"head_block_producer\":\"jumpingjacks\","
            + "\"virtual_block_cpu_limit\":200000000,\"virtual_block_net_limit\":1048576000,"
            + "\"block_cpu_limit\":200000,\"block_net_limit\":1048576,\"server_version_string\":\"v4.0.4\","
            + "\"total_cpu_weight\":\"120613141500317\",\"some_future_field\":{\"x\":1}}";

    @Test
    void readsGetInfoWithLargeIntegersAsStringsAndIgnoresUnknownFields() throws Exception {
        ChainInfo info = ChainJson.mapper().readValue(JUNGLE4_INFO, ChainInfo.class);

        assertThat(info.chainId()).isEqualTo(
                Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d"));
        assertThat(info.headBlockNum()).isEqualTo(90841411L);
        assertThat(info.headBlockProducer()).isEqualTo(Name.from("jumpingjacks"));
        assertThat(info.headBlockTime()).isEqualTo(TimePoint.from("2023-08-04T18:49:41.500"));
        assertThat(info.totalCpuWeight()).isEqualTo(120613141500317L);
        assertThat(info.totalNetWeight()).as("absent on this node").isNull();
        assertThat(info.forkDbHeadBlockNum()).isNull();
    }

    @Test
    void refBlockValuesOfTheLastIrreversibleAndHeadBlocks() throws Exception {
        ChainInfo info = ChainJson.mapper().readValue(JUNGLE4_INFO, ChainInfo.class);

        // by hand: 90841086 = 0x056a1ffe -> low 16 bits 0x1ffe = 8190;
        // id bytes 8..11 are f3 3d 84 75 -> little-endian 0x75843df3 = 1971600883
        assertThat(info.refBlockNum(TaposBlock.LAST_IRREVERSIBLE)).isEqualTo(8190);
        assertThat(info.refBlockPrefix(TaposBlock.LAST_IRREVERSIBLE)).isEqualTo(1971600883L);
        // 90841411 = 0x056a2143 -> 0x2143 = 8515; bytes 8..11 are 3b 9a 29 90 -> 0x90299a3b = 2418645563
        assertThat(info.refBlockNum(TaposBlock.HEAD)).isEqualTo(8515);
        assertThat(info.refBlockPrefix(TaposBlock.HEAD)).isEqualTo(2418645563L);
        assertThat(info.blockId(TaposBlock.HEAD)).isEqualTo(info.headBlockId());
        assertThat(info.blockNum(TaposBlock.LAST_IRREVERSIBLE)).isEqualTo(90841086L);
    }

    @Test
    void refBlockPrefixAgreesWithTheNodeForEveryRecordedBlock() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Recording r : MockData.all()) {
            if (MockData.classify(r, ChainJson.mapper().readTree(r.body())) != Endpoint.GET_BLOCK) {
                continue;
            }
            BlockResponse block = ChainJson.mapper().readValue(r.body(), BlockResponse.class);
            assertThat(ChainInfo.refBlockPrefix(block.id())).as(r.file()).isEqualTo(block.refBlockPrefix());
            assertThat(ChainInfo.refBlockPrefix(block.id().toString().toUpperCase())).isEqualTo(block.refBlockPrefix());
            // the first 4 bytes of a block id are its number, big-endian
            assertThat(Long.parseLong(block.id().toString().substring(0, 8), 16)).isEqualTo(block.blockNum());
            checked.add(r.file());
        }
        assertThat(checked).as("recorded get_block answers").isNotEmpty();
    }

    @Test
    void refBlockNumIsTheLow16Bits() {
        assertThat(ChainInfo.refBlockNum(0)).isZero();
        assertThat(ChainInfo.refBlockNum(65535)).isEqualTo(65535);
        assertThat(ChainInfo.refBlockNum(65536)).isZero();
        assertThat(ChainInfo.refBlockNum(0xffffffffL)).isEqualTo(65535);
    }

    @Test
    void refBlockPrefixIsUnsigned() {
        String id = "00000000" + "00000000" + "ffffffff" + "0".repeat(40);
        assertThat(ChainInfo.refBlockPrefix(id)).isEqualTo(0xffffffffL);
    }

    @Test
    void badBlockIdsAreRejectedWithWhereAndWhat() {
        assertThatThrownBy(() -> ChainInfo.refBlockPrefix("abc"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"abc\"").hasMessageContaining("64 hex digits");
        String bad = "0".repeat(18) + "x" + "0".repeat(45);
        assertThatThrownBy(() -> ChainInfo.refBlockPrefix(bad))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'x'").hasMessageContaining("index 18");
        // a non-ASCII digit is not a hex digit
        String arabic = "0".repeat(16) + "\u0661" + "0".repeat(47);
        assertThatThrownBy(() -> ChainInfo.refBlockPrefix(arabic)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aMissingBlockIdIsReportedNotAnNpe() throws Exception {
        ChainInfo info = ChainJson.mapper().readValue("{\"head_block_num\":5}", ChainInfo.class);
        assertThatThrownBy(() -> info.refBlockPrefix(TaposBlock.HEAD))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("HEAD");
    }
}
