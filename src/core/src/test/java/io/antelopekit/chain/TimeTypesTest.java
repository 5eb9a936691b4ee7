package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeTypesTest {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Test
    void timePointParsesWithOrWithoutFractionAndZ() {
        TimePoint t = TimePoint.from("2011-04-12T12:40:37.060");
        assertThat(t.micros()).isEqualTo(Instant.parse("2011-04-12T12:40:37.060Z").toEpochMilli() * 1000);
        assertThat(t).hasToString("2011-04-12T12:40:37.060");
        assertThat(TimePoint.from("2011-04-12T12:40:37.060Z")).isEqualTo(t);
        assertThat(TimePoint.from("2011-04-12T12:40:37.06")).isEqualTo(t);
        assertThat(TimePoint.from("2011-04-12T12:40:37")).hasToString("2011-04-12T12:40:37.000");
        assertThat(TimePoint.from("2011-04-12T12:40:37.060123").micros()).isEqualTo(t.micros() + 123);
        assertThat(TimePoint.of(0)).hasToString("1970-01-01T00:00:00.000");
    }

    @Test
    void timePointPrintsMillisecondsDroppingMicrosecondsAsTheNode() {
        TimePoint t = TimePoint.from("2011-04-12T12:40:37.060999");
        assertThat(t).hasToString("2011-04-12T12:40:37.060");
        assertThat(t.toInstant()).isEqualTo(Instant.parse("2011-04-12T12:40:37.060999Z"));
    }

    @Test
    void timePointFormatAgreesWithJavaTime() {
        SplittableRandom random = new SplittableRandom(3);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000L;
        for (int i = 0; i < 5_000; i++) {
            long micros = random.nextLong(min, max);
            TimePoint t = TimePoint.of(micros);
            assertThat(t.toString()).isEqualTo(MILLIS.format(t.toInstant()));
            assertThat(TimePoint.fromInstant(t.toInstant())).isEqualTo(t);
            assertThat(TimePoint.from(t.toString()).micros()).isEqualTo(Math.floorDiv(micros, 1000) * 1000);
        }
    }

    @Test
    void timePointHandlesYearsOutsideFourDigits() {
        TimePoint early = TimePoint.fromInstant(Instant.parse("-0001-06-01T00:00:00Z"));
        assertThat(early).hasToString("-0001-06-01T00:00:00.000");
        assertThat(TimePoint.from(early.toString())).isEqualTo(early);
        TimePoint late = TimePoint.fromInstant(Instant.parse("+12345-01-01T00:00:00Z"));
        assertThat(late).hasToString("+12345-01-01T00:00:00.000");
        assertThat(TimePoint.from(late.toString())).isEqualTo(late);
        assertThat(TimePoint.of(Long.MAX_VALUE).toInstant()).isEqualTo(Instant.EPOCH.plusNanos(Long.MAX_VALUE % 1_000_000 * 1000)
                .plusSeconds(Long.MAX_VALUE / 1_000_000));
        assertThatThrownBy(() -> TimePoint.fromInstant(Instant.MAX)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("int64");
    }

    @Test
    void parseErrorsNameTheStringAndIndex() {
        assertThatThrownBy(() -> TimePoint.from("2011-04-12 12:40:37"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"2011-04-12 12:40:37\"")
                .hasMessageContaining("' ' at 10");
        assertThatThrownBy(() -> TimePoint.from("2011-13-01T00:00:00")).hasMessageContaining("month 13");
        assertThatThrownBy(() -> TimePoint.from("2011-02-29T00:00:00")).hasMessageContaining("day 29; expected 01 to 28");
        assertThat(TimePoint.from("2012-02-29T00:00:00")).hasToString("2012-02-29T00:00:00.000");
        assertThatThrownBy(() -> TimePoint.from("2011-04-12T24:00:00")).hasMessageContaining("24:00:00");
        assertThatThrownBy(() -> TimePoint.from("2011-04-12T12:40:37.1234567")).hasMessageContaining("more than 6 fraction digits");
        assertThatThrownBy(() -> TimePoint.from("2011-04-12T12:40:37+01:00")).hasMessageContaining("'+' at 19");
        assertThatThrownBy(() -> TimePoint.from("2011-04-12T12:40:37.")).hasMessageContaining("ends at 20");
        assertThatThrownBy(() -> TimePoint.from("11-04-12T12:40:37")).hasMessageContaining("year");
        assertThatThrownBy(() -> TimePoint.from("2011-4-12T12:40:37")).hasMessageContaining("month of 2 digits");
        assertThatThrownBy(() -> TimePoint.from("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TimePoint.from("1700000000")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void timePointSecHoldsWholeSecondsOfUint32() {
        TimePointSec t = TimePointSec.from("2065-08-01T12:32:41");
        assertThat(t.seconds()).isEqualTo(Instant.parse("2065-08-01T12:32:41Z").getEpochSecond());
        assertThat(t).hasToString("2065-08-01T12:32:41");
        assertThat(TimePointSec.from("2065-08-01T12:32:41.000Z")).isEqualTo(t);
        assertThat(TimePointSec.of(0xFFFF_FFFFL)).hasToString("2106-02-07T06:28:15");
        assertThat(TimePointSec.from("2106-02-07T06:28:15").seconds()).isEqualTo(0xFFFF_FFFFL);
        assertThat(TimePointSec.fromInstant(Instant.parse("2021-08-11T15:20:08.999Z"))).hasToString("2021-08-11T15:20:08");
        assertThat(TimePointSec.of(t.seconds()).toInstant()).isEqualTo(Instant.parse("2065-08-01T12:32:41Z"));
        assertThatThrownBy(() -> TimePointSec.from("2065-08-01T12:32:41.5"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("fraction of a second");
        assertThatThrownBy(() -> TimePointSec.from("2106-02-07T06:28:16")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TimePointSec.from("1969-12-31T23:59:59")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TimePointSec.of(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TimePointSec.of(1L << 32)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> TimePointSec.fromInstant(Instant.parse("1969-12-31T23:59:59Z")))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void blockTimestampCountsHalfSecondsSince2000() {
        assertThat(BlockTimestamp.from("2000-01-01T00:00:00.000").slot()).isZero();
        assertThat(BlockTimestamp.from("2000-01-01T00:00:00.500").slot()).isEqualTo(1);
        assertThat(BlockTimestamp.from("2000-01-01T00:00:01").slot()).isEqualTo(2);
        BlockTimestamp t = BlockTimestamp.from("2023-08-04T18:49:32.500");
        assertThat(t).hasToString("2023-08-04T18:49:32.500");
        assertThat(t.toInstant()).isEqualTo(Instant.parse("2023-08-04T18:49:32.500Z"));
        assertThat(BlockTimestamp.fromInstant(Instant.parse("2023-08-04T18:49:32.999Z"))).isEqualTo(t);
        assertThat(BlockTimestamp.of(0xFFFF_FFFFL)).hasToString("2068-01-19T03:14:07.500");
        assertThat(BlockTimestamp.fromInstant(BlockTimestamp.of(0xFFFF_FFFFL).toInstant()).slot()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> BlockTimestamp.from("2023-08-04T18:49:32.250"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("500 ms slot");
        assertThatThrownBy(() -> BlockTimestamp.from("1999-12-31T23:59:59.500")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BlockTimestamp.from("2068-01-19T03:14:08")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BlockTimestamp.fromInstant(Instant.parse("2068-01-19T03:14:08Z")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BlockTimestamp.fromInstant(Instant.parse("1999-12-31T23:59:59.999Z")))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> BlockTimestamp.of(-1)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void ordering() {
        assertThat(TimePoint.of(1)).isGreaterThan(TimePoint.of(0));
        assertThat(TimePointSec.of(0xFFFF_FFFFL)).isGreaterThan(TimePointSec.of(1));
        assertThat(BlockTimestamp.of(0xFFFF_FFFFL)).isGreaterThan(BlockTimestamp.of(1));
    }

    @Test
    void binaryFormsAndTruncatedInput() {
        assertThat(TimePoint.of(-2).toBytes()).hasSize(8);
        assertThat(TimePoint.decode(new BinaryReader(TimePoint.of(-2).toBytes()))).isEqualTo(TimePoint.of(-2));
        assertThat(TimePointSec.decode(new BinaryReader(TimePointSec.of(0xFFFF_FFFFL).toBytes())).seconds()).isEqualTo(0xFFFF_FFFFL);
        assertThat(BlockTimestamp.decode(new BinaryReader(BlockTimestamp.of(0x8000_0000L).toBytes())).slot()).isEqualTo(0x8000_0000L);
        assertThatThrownBy(() -> TimePoint.decode(new BinaryReader(new byte[7]))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> TimePointSec.decode(new BinaryReader(new byte[3]))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> BlockTimestamp.decode(new BinaryReader(new byte[0]))).isInstanceOf(DecodingException.class);
    }

    /** The {@code times} struct rows of the vectors.test ABI: time_point, time_point_sec, block_timestamp_type. */
    @Test
    void matchesTheReferenceTimesRows() throws IOException {
        Path file = Path.of(System.getProperty("antelopekit.vectors", "../conformance/vectors")).resolve("abi_encode.jsonl");
        ObjectMapper json = new ObjectMapper();
        int rows = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.contains("\"type\":\"times\"")) {
                continue;
            }
            JsonNode row = json.readTree(line);
            if (!"vectors.test".equals(row.path("abi_name").asText()) || !"times".equals(row.path("type").asText())) {
                continue;
            }
            JsonNode v = row.get("json_value");
            BinaryWriter out = new BinaryWriter();
            TimePoint tp = TimePoint.from(v.get("tp").asText());
            TimePointSec tps = TimePointSec.from(v.get("tps").asText());
            BlockTimestamp bts = BlockTimestamp.from(v.get("bts").asText());
            tp.encode(out);
            tps.encode(out);
            bts.encode(out);
            assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(row.get("hex").asText());
            BinaryReader in = new BinaryReader(HexFormat.of().parseHex(row.get("hex").asText()));
            assertThat(List.of(TimePoint.decode(in).toString(), TimePointSec.decode(in).toString(), BlockTimestamp.decode(in).toString()))
                    .containsExactly(v.get("tp").asText(), v.get("tps").asText(), v.get("bts").asText());
            in.expectEnd("times");
            rows++;
        }
        assertThat(rows).isPositive();
    }
}
