package io.antelopekit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AssetTest {

    private static final Symbol EOS = Symbol.from("4,EOS");

    @Test
    void parsesAmountSymbolAndPrecision() {
        Asset a = Asset.from("1.0000 EOS");
        assertThat(a.units()).isEqualTo(10_000);
        assertThat(a.symbol()).isEqualTo(EOS);
        assertThat(a.symbol().precision()).isEqualTo(4);
        assertThat(a.symbol().code()).isEqualTo(SymbolCode.from("EOS"));
        assertThat(a).hasToString("1.0000 EOS").isEqualTo(Asset.of(10_000, EOS)).hasSameHashCodeAs(Asset.of(10_000, EOS));
        assertThat(a.toBigDecimal()).isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void acceptsNegativeAmounts() {
        assertThat(Asset.from("-0.0001 EOS").units()).isEqualTo(-1);
        assertThat(Asset.from("-12.5000 EOS").toBigDecimal()).isEqualTo(new BigDecimal("-12.5000"));
        assertThat(Asset.from("-0.5000 EOS")).hasToString("-0.5000 EOS");
        assertThat(Asset.from("-0 EOS")).isEqualTo(Asset.from("0 EOS")).hasToString("0 EOS");
    }

    @Test
    void coversTheWholeInt64Range() {
        assertThat(Asset.from("9223372036854775807 MAX").units()).isEqualTo(Long.MAX_VALUE);
        assertThat(Asset.from("-9223372036854775808 MIN").units()).isEqualTo(Long.MIN_VALUE);
        assertThat(Asset.from("-922337203685477580.8 MIN").units()).isEqualTo(Long.MIN_VALUE);
        assertThat(Asset.of(Long.MIN_VALUE, Symbol.of(18, "X"))).hasToString("-9.223372036854775808 X");
        assertThat(Asset.of(Long.MIN_VALUE, Symbol.of(0, "X"))).hasToString("-9223372036854775808 X");
    }

    @Test
    void formatsWithExactlyThePrecisionsDecimalPlaces() {
        assertThat(Asset.of(5, EOS)).hasToString("0.0005 EOS");
        assertThat(Asset.of(-5, EOS)).hasToString("-0.0005 EOS");
        assertThat(Asset.of(0, EOS)).hasToString("0.0000 EOS");
        assertThat(Asset.of(123, Symbol.of(0, "X"))).hasToString("123 X");
        assertThat(Asset.of(1, Symbol.of(18, "X"))).hasToString("0.000000000000000001 X");
    }

    @Test
    void formatAgreesWithBigDecimalAndParsesBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            long units = i % 3 == 0 ? random.nextLong() : random.nextLong(-1_000_000, 1_000_000);
            Symbol symbol = Symbol.of(random.nextInt(19), "TKN");
            Asset a = Asset.of(units, symbol);
            assertThat(a.toString()).isEqualTo(BigDecimal.valueOf(units, symbol.precision()).toPlainString() + " TKN");
            assertThat(Asset.from(a.toString())).isEqualTo(a);
        }
    }

    @Test
    void leadingZerosAreAcceptedAndDropped() {
        assertThat(Asset.from("01.50 EOS")).hasToString("1.50 EOS");
    }

    @Test
    void rejectsASecondDecimalPoint() {
        assertThatThrownBy(() -> Asset.from("1.00.00 EOS"))
                .isInstanceOf(InvalidAssetException.class)
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"1.00.00 EOS\"")
                .hasMessageContaining("'.' at 4");
    }

    @Test
    void rejectsLongSymbolCodesInsteadOfTruncating() {
        assertThatThrownBy(() -> Asset.from("1.0000 EOSSSSSSS"))
                .isInstanceOf(InvalidAssetException.class)
                .hasMessageContaining("\"1.0000 EOSSSSSSS\"")
                .hasMessageContaining("\"EOSSSSSSS\" is 9 characters, at most 7");
    }

    @Test
    void rejectsAmountsOutsideInt64() {
        assertThatThrownBy(() -> Asset.from("9223372036854775808 MAX"))
                .isInstanceOf(InvalidAssetException.class)
                .hasMessageContaining("\"9223372036854775808 MAX\"")
                .hasMessageContaining("int64");
        assertThatThrownBy(() -> Asset.from("-9223372036854775809 MIN")).hasMessageContaining("int64");
        assertThatThrownBy(() -> Asset.from("922337203685477580.8 MAX")).hasMessageContaining("int64");
        assertThatThrownBy(() -> Asset.from("99999999999999999999999999 BIG")).hasMessageContaining("int64");
    }

    @Test
    void rejectsMalformedAmounts() {
        assertThatThrownBy(() -> Asset.from("1.0000")).isInstanceOf(InvalidAssetException.class).hasMessageContaining("no space");
        assertThatThrownBy(() -> Asset.from("")).isInstanceOf(InvalidAssetException.class).hasMessageContaining("no space");
        assertThatThrownBy(() -> Asset.from("1. EOS")).hasMessageContaining("no digits after the '.' at 1");
        assertThatThrownBy(() -> Asset.from(".5 EOS")).hasMessageContaining("'.' at 0");
        assertThatThrownBy(() -> Asset.from("- EOS")).hasMessageContaining("no digits before the space at 1");
        assertThatThrownBy(() -> Asset.from(" EOS")).hasMessageContaining("no digits");
        assertThatThrownBy(() -> Asset.from("+1 EOS")).hasMessageContaining("'+' at 0");
        assertThatThrownBy(() -> Asset.from("1,0 EOS")).hasMessageContaining("',' at 1");
        assertThatThrownBy(() -> Asset.from("abc EOS")).hasMessageContaining("'a' at 0");
        assertThatThrownBy(() -> Asset.from("1e5 EOS")).hasMessageContaining("'e' at 1");
    }

    @Test
    void rejectsBadSymbols() {
        assertThatThrownBy(() -> Asset.from("1.0000 eos"))
                .isInstanceOf(InvalidAssetException.class)
                .hasMessageContaining("\"eos\" has a lower-case letter at 0");
        assertThatThrownBy(() -> Asset.from("1.0000  EOS")).hasMessageContaining("\" EOS\" has an invalid character at 0");
        assertThatThrownBy(() -> Asset.from("1.0000 ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Asset.from("1.0000000000000000000 X")).hasMessageContaining("19 decimal places, at most 18");
    }

    @Test
    void binaryIsUnitsThenSymbol() {
        Asset a = Asset.from("1.0000 EOS");
        assertThat(HexFormat.of().formatHex(a.toBytes())).isEqualTo("102700000000000004454f5300000000");
        assertThat(Asset.decode(new BinaryReader(a.toBytes()))).isEqualTo(a);
    }

    @Test
    void decodingHostileInputFails() {
        byte[] good = Asset.from("1.0000 EOS").toBytes();
        assertThatThrownBy(() -> Asset.decode(new BinaryReader(java.util.Arrays.copyOf(good, 15))))
                .isInstanceOf(DecodingException.class);
        byte[] lower = good.clone();
        lower[9] = 'e';
        assertThatThrownBy(() -> Asset.decode(new BinaryReader(lower)))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("offset 8")
                .hasMessageContaining("0x65 at 0");
        byte[] precision = good.clone();
        precision[8] = 19;
        assertThatThrownBy(() -> Asset.decode(new BinaryReader(precision)))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("precision 19");
        byte[] gap = good.clone();
        gap[10] = 0;
        assertThatThrownBy(() -> Asset.decode(new BinaryReader(gap))).isInstanceOf(DecodingException.class);
    }

    @Test
    void symbolParsesAndPacks() {
        assertThat(EOS.value()).isEqualTo(SymbolCode.from("EOS").value() << 8 | 4);
        assertThat(Symbol.of(EOS.value())).isEqualTo(EOS);
        assertThat(Symbol.of(4, "EOS")).isEqualTo(EOS).hasSameHashCodeAs(EOS);
        assertThat(Symbol.of(4, SymbolCode.from("EOS"))).isEqualTo(EOS);
        assertThat(EOS).hasToString("4,EOS");
        assertThat(Symbol.from("18,X").precision()).isEqualTo(18);
        assertThat(Symbol.decode(new BinaryReader(EOS.toBytes()))).isEqualTo(EOS);
    }

    @Test
    void symbolRejectsBadInput() {
        assertThatThrownBy(() -> Symbol.from("19,EOS"))
                .isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("\"19,EOS\" has precision 19, at most 18");
        assertThatThrownBy(() -> Symbol.from("4EOS")).isInstanceOf(InvalidSymbolException.class).hasMessageContaining("no ','");
        assertThatThrownBy(() -> Symbol.from(",EOS")).isInstanceOf(InvalidSymbolException.class);
        assertThatThrownBy(() -> Symbol.from("-1,EOS")).hasMessageContaining("'-' at 0");
        assertThatThrownBy(() -> Symbol.from("100,EOS")).isInstanceOf(InvalidSymbolException.class);
        assertThatThrownBy(() -> Symbol.from("4,")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Symbol.from("1,eos")).hasMessageContaining("\"1,eos\"").hasMessageContaining("lower-case letter at 0");
        assertThatThrownBy(() -> Symbol.of(19, "EOS")).isInstanceOf(InvalidSymbolException.class).hasMessageContaining("19");
        assertThatThrownBy(() -> Symbol.of(-1, "EOS")).isInstanceOf(InvalidSymbolException.class);
    }

    @Test
    void symbolCodeChecksItsRawValue() {
        SymbolCode eos = SymbolCode.from("EOS");
        assertThat(eos.value()).isEqualTo('E' | 'O' << 8 | 'S' << 16);
        assertThat(SymbolCode.of(eos.value())).isEqualTo(eos).hasToString("EOS");
        assertThat(SymbolCode.from("ABCDEFG")).hasToString("ABCDEFG");
        assertThat(SymbolCode.of(0)).hasToString("");
        assertThatThrownBy(() -> SymbolCode.of('A' | 'B' << 16)).isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("byte 0x0 at 1");
        assertThatThrownBy(() -> SymbolCode.of(0x4141414141414141L)).isInstanceOf(InvalidSymbolException.class)
                .hasMessageContaining("at 7");
        assertThatThrownBy(() -> SymbolCode.from("ABCDEFGH")).hasMessageContaining("8 characters, at most 7");
        assertThatThrownBy(() -> SymbolCode.from("AB1")).hasMessageContaining("invalid character at 2 ('1')");
    }

    @Test
    void extendedAssetAndSymbolPrintAsTheNodeDoes() {
        Name contract = Name.from("eosio.token");
        ExtendedAsset x = new ExtendedAsset(Asset.from("1.0000 EOS"), contract);
        assertThat(x).hasToString("1.0000 EOS@eosio.token");
        assertThat(ExtendedAsset.decode(new BinaryReader(x.toBytes()))).isEqualTo(x);
        assertThat(x.toBytes()).hasSize(24);
        ExtendedSymbol s = new ExtendedSymbol(EOS, contract);
        assertThat(s).hasToString("4,EOS@eosio.token");
        assertThat(ExtendedSymbol.decode(new BinaryReader(s.toBytes()))).isEqualTo(s);
        assertThat(s.toBytes()).hasSize(16);
        assertThatThrownBy(() -> new ExtendedAsset(null, contract)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ExtendedSymbol.decode(new BinaryReader(new byte[12]))).isInstanceOf(DecodingException.class);
    }
}
