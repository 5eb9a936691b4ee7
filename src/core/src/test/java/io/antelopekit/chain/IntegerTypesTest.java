package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntegerTypesTest {

    private static String hex(BinaryEncodable v) {
        return HexFormat.of().formatHex(v.toBytes());
    }

    @Test
    void varuint32IsLeb128() {
        assertThat(hex(new VarUInt32(0))).isEqualTo("00");
        assertThat(hex(new VarUInt32(127))).isEqualTo("7f");
        assertThat(hex(new VarUInt32(128))).isEqualTo("8001");
        assertThat(hex(VarUInt32.of(300))).isEqualTo("ac02");
        assertThat(hex(new VarUInt32(VarUInt32.MAX_VALUE))).isEqualTo("ffffffff0f");
        assertThat(VarUInt32.decode(new BinaryReader(HexFormat.of().parseHex("ffffffff0f"))).value()).isEqualTo(VarUInt32.MAX_VALUE);
        assertThat(new VarUInt32(5)).hasToString("5").isEqualTo(VarUInt32.of(5));
        assertThatThrownBy(() -> new VarUInt32(-1)).isInstanceOf(InvalidValueException.class).hasMessageContaining("varuint32 -1");
        assertThatThrownBy(() -> VarUInt32.of(1L << 32)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> VarUInt32.decode(new BinaryReader(HexFormat.of().parseHex("ffffffffff01"))))
                .isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> VarUInt32.decode(new BinaryReader(HexFormat.of().parseHex("80"))))
                .isInstanceOf(DecodingException.class);
    }

    @Test
    void varint32IsZigZag() {
        assertThat(hex(new VarInt32(0))).isEqualTo("00");
        assertThat(hex(new VarInt32(-1))).isEqualTo("01");
        assertThat(hex(new VarInt32(1))).isEqualTo("02");
        assertThat(hex(new VarInt32(-64))).isEqualTo("7f");
        assertThat(hex(new VarInt32(Integer.MIN_VALUE))).isEqualTo("ffffffff0f");
        for (int v : new int[] {0, 1, -1, 63, -64, 64, Integer.MAX_VALUE, Integer.MIN_VALUE, 123_456_789}) {
            assertThat(VarInt32.decode(new BinaryReader(new VarInt32(v).toBytes())).value()).isEqualTo(v);
        }
        assertThat(VarInt32.of(-7)).hasToString("-7");
    }

    @Test
    void int128IsSixteenBytesOfTwosComplement() {
        assertThat(hex(Int128.of(-1))).isEqualTo("ff".repeat(16));
        assertThat(hex(Int128.of(1))).isEqualTo("01" + "00".repeat(15));
        assertThat(hex(Int128.of(Int128.MIN_VALUE))).isEqualTo("00".repeat(15) + "80");
        assertThat(hex(Int128.of(Int128.MAX_VALUE))).isEqualTo("ff".repeat(15) + "7f");
        assertThat(Int128.from("-170141183460469231731687303715884105728").toBigInteger()).isEqualTo(Int128.MIN_VALUE);
        assertThatThrownBy(() -> Int128.from("170141183460469231731687303715884105728"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Int128.of(Int128.MIN_VALUE.subtract(BigInteger.ONE))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void uint128IsSixteenBytesUnsigned() {
        assertThat(hex(UInt128.of(UInt128.MAX_VALUE))).isEqualTo("ff".repeat(16));
        assertThat(hex(UInt128.of(BigInteger.ONE.shiftLeft(127)))).isEqualTo("00".repeat(15) + "80");
        assertThat(UInt128.decode(new BinaryReader(HexFormat.of().parseHex("ff".repeat(16)))).toBigInteger())
                .isEqualTo(UInt128.MAX_VALUE);
        assertThat(UInt128.from("340282366920938463463374607431768211455").toBigInteger()).isEqualTo(UInt128.MAX_VALUE);
        assertThatThrownBy(() -> UInt128.from("-1")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"-1\" has '-' at 0");
        assertThatThrownBy(() -> UInt128.of(-1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> UInt128.from("340282366920938463463374607431768211456")).hasMessageContaining("out of range");
    }

    @Test
    void int128RoundTripsRandomValues() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            BigInteger s = new BigInteger(random.nextInt(128) + 1, random);
            BigInteger signed = random.nextBoolean() ? s.negate().subtract(BigInteger.ONE).max(Int128.MIN_VALUE) : s.min(Int128.MAX_VALUE);
            Int128 a = Int128.of(signed);
            assertThat(Int128.decode(new BinaryReader(a.toBytes()))).isEqualTo(a);
            assertThat(Int128.from(a.toString())).isEqualTo(a).hasSameHashCodeAs(a);
            UInt128 u = UInt128.of(new BigInteger(random.nextInt(128) + 1, random));
            assertThat(UInt128.decode(new BinaryReader(u.toBytes()))).isEqualTo(u);
            assertThat(UInt128.from(u.toString())).isEqualTo(u);
        }
    }

    @Test
    void int128ParseErrorsNameTheIndex() {
        assertThatThrownBy(() -> Int128.from("12a4")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"12a4\" has 'a' at 2");
        assertThatThrownBy(() -> Int128.from("")).hasMessageContaining("no digits");
        assertThatThrownBy(() -> Int128.from("-")).hasMessageContaining("no digits");
        assertThatThrownBy(() -> Int128.from("+1")).hasMessageContaining("'+' at 0");
        assertThatThrownBy(() -> Int128.from("1".repeat(10_000))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Int128.decode(new BinaryReader(new byte[15]))).isInstanceOf(DecodingException.class);
        assertThat(Int128.of(-5).compareTo(Int128.of(3))).isNegative();
        assertThat(UInt128.of(5).compareTo(UInt128.of(3))).isPositive();
    }
}
