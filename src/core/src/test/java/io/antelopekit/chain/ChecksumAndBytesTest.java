package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumAndBytesTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    // Published test vectors for the message "abc" (FIPS 180-2, RIPEMD-160 paper).
    @Test
    void hashesMatchPublishedVectors() {
        assertThat(Checksum256.hash(ABC)).hasToString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Checksum160.ripemd160(ABC)).hasToString("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
        assertThat(Checksum512.sha512(ABC)).hasToString("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        byte[] padded = "xxabcxx".getBytes(StandardCharsets.US_ASCII);
        assertThat(Checksum256.hash(padded, 2, 3)).isEqualTo(Checksum256.hash(ABC));
        assertThat(Checksum160.ripemd160(padded, 2, 3)).isEqualTo(Checksum160.ripemd160(ABC));
        assertThat(Checksum512.sha512(padded, 2, 3)).isEqualTo(Checksum512.sha512(ABC));
    }

    @Test
    void parsesEitherCaseAndPrintsLowerCase() {
        String hex = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        Checksum256 c = Checksum256.from(hex);
        assertThat(c).hasToString(hex.toLowerCase()).isEqualTo(Checksum256.hash(ABC)).hasSameHashCodeAs(Checksum256.hash(ABC));
        assertThat(Checksum256.ZERO).hasToString("0".repeat(64));
        assertThat(Checksum160.from("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc").bytes()).hasSize(20);
        assertThat(Checksum512.from("00".repeat(64)).bytes()).hasSize(64);
    }

    @Test
    void rejectsWrongLengthAndNonHex() {
        assertThatThrownBy(() -> Checksum256.from("abcd"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"abcd\" has 4 hex digits, expected 64");
        assertThatThrownBy(() -> Checksum256.from("0".repeat(63) + "g"))
                .hasMessageContaining("not a hex digit at index 63 ('g')");
        assertThatThrownBy(() -> Checksum160.from("0".repeat(42))).hasMessageContaining("expected 40");
        assertThatThrownBy(() -> Checksum512.from("0x" + "0".repeat(126))).hasMessageContaining("index 1 ('x')");
        assertThatThrownBy(() -> Checksum256.of(new byte[31])).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> Checksum160.of(new byte[32])).hasMessageContaining("20 bytes, got 32");
        assertThatThrownBy(() -> Checksum512.of(new byte[0])).hasMessageContaining("64 bytes, got 0");
    }

    @Test
    void copiesInAndOut() {
        byte[] raw = new byte[32];
        Checksum256 c = Checksum256.of(raw);
        raw[0] = 1;
        assertThat(c).isEqualTo(Checksum256.ZERO);
        c.bytes()[0] = 1;
        assertThat(c).isEqualTo(Checksum256.ZERO);
        byte[] b = {1, 2};
        Bytes bytes = Bytes.of(b);
        b[0] = 9;
        bytes.bytes()[1] = 9;
        assertThat(bytes).hasToString("0102");
    }

    @Test
    void checksumsAreRawBytesInBinary() {
        Checksum256 c = Checksum256.hash(ABC);
        assertThat(c.toBytes()).isEqualTo(c.bytes());
        assertThat(Checksum256.decode(new BinaryReader(c.toBytes()))).isEqualTo(c);
        Checksum160 r = Checksum160.ripemd160(ABC);
        assertThat(Checksum160.decode(new BinaryReader(r.toBytes()))).isEqualTo(r);
        Checksum512 s = Checksum512.sha512(ABC);
        assertThat(Checksum512.decode(new BinaryReader(s.toBytes()))).isEqualTo(s);
        assertThatThrownBy(() -> Checksum256.decode(new BinaryReader(new byte[31]))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> Checksum160.decode(new BinaryReader(new byte[19]))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> Checksum512.decode(new BinaryReader(new byte[63]))).isInstanceOf(DecodingException.class);
    }

    @Test
    void bytesAreLengthPrefixedInBinary() {
        Bytes b = Bytes.from("CAFE");
        assertThat(b).hasToString("cafe").isEqualTo(Bytes.of(new byte[] {(byte) 0xca, (byte) 0xfe}));
        assertThat(b.length()).isEqualTo(2);
        assertThat(HexFormat.of().formatHex(b.toBytes())).isEqualTo("02cafe");
        assertThat(Bytes.decode(new BinaryReader(b.toBytes()))).isEqualTo(b);
        assertThat(Bytes.from("")).isSameAs(Bytes.EMPTY);
        assertThat(Bytes.EMPTY.toBytes()).containsExactly(0);
        assertThat(Bytes.EMPTY.isEmpty()).isTrue();
        Bytes big = Bytes.of(new byte[300]);
        assertThat(Bytes.decode(new BinaryReader(big.toBytes()))).isEqualTo(big);
    }

    @Test
    void bytesRejectBadHexAndHostileLengths() {
        assertThatThrownBy(() -> Bytes.from("abc")).isInstanceOf(InvalidValueException.class).hasMessageContaining("odd number");
        assertThatThrownBy(() -> Bytes.from("0x00")).hasMessageContaining("index 1 ('x')");
        // declares 2^32-1 bytes but holds 1
        assertThatThrownBy(() -> Bytes.decode(new BinaryReader(HexFormat.of().parseHex("ffffffff0f00"))))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("offset 0");
        assertThatThrownBy(() -> Bytes.decode(new BinaryReader(HexFormat.of().parseHex("03cafe")))).isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> Bytes.decode(new BinaryReader(HexFormat.of().parseHex("80")))).isInstanceOf(DecodingException.class);
    }

    @Test
    void float128KeepsItsSixteenBytes() {
        String hex = "0000000000000000000000000000ff3f";
        Float128 one = Float128.from("0x" + hex);
        assertThat(one).hasToString("0x" + hex).isEqualTo(Float128.from(hex)).isEqualTo(Float128.from("0X" + hex.toUpperCase()));
        assertThat(HexFormat.of().formatHex(one.toBytes())).isEqualTo(hex);
        assertThat(Float128.of(one.bytes())).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(Float128.decode(new BinaryReader(one.toBytes()))).isEqualTo(one);
        assertThatThrownBy(() -> Float128.from("0x00")).isInstanceOf(InvalidValueException.class).hasMessageContaining("expected 32");
        assertThatThrownBy(() -> Float128.of(new byte[8])).hasMessageContaining("16 bytes, got 8");
        assertThatThrownBy(() -> Float128.decode(new BinaryReader(new byte[15]))).isInstanceOf(DecodingException.class);
    }

    /** The shared body keeps each type's own equality, hash and JSON form. */
    @Test
    void sameBytesOfAnotherTypeAreNotEqual() throws Exception {
        byte[] b = new byte[32];
        b[0] = 7;
        Checksum256 c = Checksum256.of(b);
        assertThat(c).isEqualTo(Checksum256.of(b.clone())).hasSameHashCodeAs(Checksum256.of(b.clone()))
                .isNotEqualTo(Bytes.of(b)).isNotEqualTo(null).isNotEqualTo(c.toString());
        assertThat(c.hashCode()).isEqualTo(java.util.Arrays.hashCode(b)).isEqualTo(Bytes.of(b).hashCode());
        assertThat(Float128.of(new byte[16])).isNotEqualTo(Bytes.of(new byte[16]));
        assertThat(Bytes.of(b).toBytes()).hasSize(33);
        assertThat(c.toBytes()).hasSize(32);
        for (var mapper : java.util.List.of(new com.fasterxml.jackson.databind.ObjectMapper(),
                com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .disable(com.fasterxml.jackson.databind.MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS).build())) {
            assertThat(mapper.writeValueAsString(c)).isEqualTo("\"" + c + "\"");
            assertThat(mapper.readValue(mapper.writeValueAsString(c), Checksum256.class)).isEqualTo(c);
            assertThat(mapper.writeValueAsString(Float128.of(new byte[16]))).isEqualTo("\"0x" + "0".repeat(32) + "\"");
            assertThat(mapper.writeValueAsString(Bytes.of(new byte[] {1}))).isEqualTo("\"01\"");
            assertThat(mapper.writeValueAsString(Checksum160.of(new byte[20]))).isEqualTo("\"" + "0".repeat(40) + "\"");
        }
    }
}
