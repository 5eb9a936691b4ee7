package io.antelopekit.ui;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.antelopekit.chain.InvalidValueException;
import io.antelopekit.ui.QrCode.ErrorCorrection;
import io.antelopekit.ui.QrCode.TerminalColors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** QR codes: what is drawn decodes back to the text, in every rendering. */
class QrCodeTest {

    static final String SHORT = "esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA";
    static final String LONG = longEsrLink(600);

    /** An {@code esr:} link of {@code length} characters with a random base64u payload. */
    static String longEsrLink(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random random = new Random(8);
        StringBuilder s = new StringBuilder("esr:");
        while (s.length() < length) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * Reads the PNG with ImageIO and decodes it with ZXing's QR reader, told that the image is a
     * pure barcode (upright, unskewed, as drawn here); {@link #aShortTextRoundTripsThroughThePng}
     * also reads one with the detector used for camera images.
     */
    static String decodePng(byte[] png) throws Exception {
        return decodePng(png, true);
    }

    static String decodePng(byte[] png, boolean pure) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, rgb)));
        Result result = new QRCodeReader().decode(bitmap, pure
                ? Map.of(DecodeHintType.PURE_BARCODE, true, DecodeHintType.CHARACTER_SET, "UTF-8")
                : Map.of(DecodeHintType.CHARACTER_SET, "UTF-8"));
        return result.getText();
    }

    @Test
    void aShortTextRoundTripsThroughThePng() throws Exception {
        QrCode qr = QrCode.of(SHORT);
        assertThat(decodePng(qr.toPng(4))).isEqualTo(SHORT);
        assertThat(decodePng(qr.toPng(1))).isEqualTo(SHORT);
        assertThat(decodePng(qr.toPng(4), false)).as("found by the detector").isEqualTo(SHORT);
    }

    @Test
    void aLongEsrLinkRoundTripsThroughThePng() throws Exception {
        assertThat(LONG).hasSize(600);
        QrCode qr = QrCode.of(LONG);
        assertThat(decodePng(qr.toPng(3))).isEqualTo(LONG);
    }

    @Test
    void textOutsideLatin1IsEncodedAsUtf8() throws Exception {
        String text = "Grüße, 東京 ✓ \uD83D\uDE80";
        assertThat(decodePng(QrCode.of(text).toPng(4))).isEqualTo(text);
    }

    @Test
    void everyErrorCorrectionLevelRoundTrips() throws Exception {
        for (ErrorCorrection level : ErrorCorrection.values()) {
            QrCode qr = QrCode.of(SHORT, level);
            assertThat(qr.errorCorrection()).isEqualTo(level);
            assertThat(decodePng(qr.toPng(3))).as(level.name()).isEqualTo(SHORT);
        }
    }

    @Test
    void theDefaultIsTheSmallestSymbolWithTheStrongestCorrectionThatFitsInIt() {
        for (String text : new String[] {SHORT, LONG, longEsrLink(300)}) {
            QrCode qr = QrCode.of(text);
            int smallest = QrCode.of(text, ErrorCorrection.LOW).version();
            assertThat(qr.version()).as(text.length() + " characters").isEqualTo(smallest);
            for (ErrorCorrection stronger : ErrorCorrection.values()) {
                if (stronger.ordinal() > qr.errorCorrection().ordinal()) {
                    assertThat(QrCode.of(text, stronger).version()).as(stronger.name()).isGreaterThan(smallest);
                }
            }
        }
        assertThat(QrCode.of("esr:x").errorCorrection()).isEqualTo(ErrorCorrection.HIGH);
        assertThat(QrCode.of("esr:x").version()).isEqualTo(1);
        assertThat(QrCode.of(LONG).version()).as("600 bytes need version 17 with LOW").isEqualTo(17);
    }

    @Test
    void sizeVersionAndModules() {
        QrCode qr = QrCode.of(SHORT);
        assertThat(qr.size()).isEqualTo(17 + 4 * qr.version());
        assertThat(qr.text()).isEqualTo(SHORT);
        // the finder pattern in the top left corner: a dark 7x7 ring, a light ring, a dark 3x3 centre
        for (int i = 0; i < 7; i++) {
            assertThat(qr.isDark(i, 0)).isTrue();
            assertThat(qr.isDark(0, i)).isTrue();
            assertThat(qr.isDark(i, 6)).isTrue();
        }
        assertThat(qr.isDark(1, 1)).isFalse();
        assertThat(qr.isDark(3, 3)).isTrue();
        assertThat(qr.isDark(7, 0)).as("separator").isFalse();
        assertThat(qr.isDark(qr.size() - 1, 0)).as("top right finder").isTrue();
        assertThatThrownBy(() -> qr.isDark(qr.size(), 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> qr.isDark(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theTerminalRenderingHasTwoModuleRowsPerLineAndAQuietZone() {
        for (String text : new String[] {SHORT, LONG}) {
            QrCode qr = QrCode.of(text);
            int side = qr.size() + 2 * QrCode.TERMINAL_QUIET_ZONE;
            String[] light = qr.toTerminal(TerminalColors.LIGHT_BACKGROUND).split("\n", -1);
            String[] dark = qr.toTerminal(TerminalColors.DARK_BACKGROUND).split("\n", -1);
            assertThat(light).hasSize((side + 1) / 2 + 1); // the last element: after the final \n
            assertThat(light[light.length - 1]).isEmpty();
            assertThat((qr.size() + 5) / 2).isEqualTo(light.length - 1);
            for (int line = 0; line < light.length - 1; line++) {
                assertThat(light[line]).hasSize(side);
                assertThat(dark[line]).hasSize(side);
                for (int x = 0; x < side; x++) {
                    for (int half = 0; half < 2; half++) {
                        int mx = x - QrCode.TERMINAL_QUIET_ZONE;
                        int my = 2 * line + half - QrCode.TERMINAL_QUIET_ZONE;
                        boolean expected = mx >= 0 && my >= 0 && mx < qr.size() && my < qr.size() && qr.isDark(mx, my);
                        assertThat(inked(light[line].charAt(x), half)).as("light, line %d col %d half %d", line, x, half)
                                .isEqualTo(expected);
                        // on a dark background the glyphs draw the light modules (the padding half line too)
                        assertThat(inked(dark[line].charAt(x), half)).as("dark, line %d col %d half %d", line, x, half)
                                .isEqualTo(!expected);
                    }
                }
            }
        }
    }

    @Test
    void theAnsiRenderingSetsBothColoursOnEveryLine() {
        QrCode qr = QrCode.of(SHORT);
        String ansi = qr.toTerminal();
        assertThat(ansi).isEqualTo(qr.toTerminal(TerminalColors.ANSI));
        String[] lines = ansi.split("\n");
        String[] plain = qr.toTerminal(TerminalColors.LIGHT_BACKGROUND).split("\n");
        assertThat(lines).hasSameSizeAs(plain);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo("\u001b[30;107m" + plain[i] + "\u001b[0m");
        }
    }

    /** Whether the upper (0) or lower (1) half of a half-block glyph is drawn. */
    private static boolean inked(char c, int half) {
        return switch (c) {
            case '\u2588' -> true;
            case '\u2580' -> half == 0;
            case '\u2584' -> half == 1;
            case ' ' -> false;
            default -> throw new AssertionError("unexpected character U+" + Integer.toHexString(c));
        };
    }

    @Test
    void theSvgIsWellFormedWithOnePathThatDrawsExactlyTheDarkModules() throws Exception {
        QrCode qr = QrCode.of(LONG);
        String svg = qr.toSvg();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        int side = qr.size() + 2 * QrCode.QUIET_ZONE;
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + side + " " + side);
        NodeList paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
        assertThat(paths.getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength()).isEqualTo(1);

        boolean[][] drawn = new boolean[side][side];
        Matcher m = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z").matcher(((Element) paths.item(0)).getAttribute("d"));
        int end = 0;
        while (m.find()) {
            assertThat(m.start()).as("runs follow each other").isEqualTo(end);
            end = m.end();
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            int run = Integer.parseInt(m.group(3));
            assertThat(m.group(4)).isEqualTo(m.group(3));
            for (int k = 0; k < run; k++) {
                assertThat(drawn[y][x + k]).as("drawn twice").isFalse();
                drawn[y][x + k] = true;
            }
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x - QrCode.QUIET_ZONE;
                int my = y - QrCode.QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < qr.size() && my < qr.size() && qr.isDark(mx, my);
                assertThat(drawn[y][x]).as("module %d,%d", x, y).isEqualTo(dark);
            }
        }
    }

    @Test
    void thePngHasTheScaledSizeAndModules() throws Exception {
        QrCode qr = QrCode.of(SHORT);
        int scale = 5;
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.toPng(scale)));
        int side = (qr.size() + 2 * QrCode.QUIET_ZONE) * scale;
        assertThat(image.getWidth()).isEqualTo(side);
        assertThat(image.getHeight()).isEqualTo(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / scale - QrCode.QUIET_ZONE;
                int my = y / scale - QrCode.QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < qr.size() && my < qr.size() && qr.isDark(mx, my);
                assertThat(image.getRGB(x, y) & 0xFFFFFF).isEqualTo(dark ? 0 : 0xFFFFFF);
            }
        }
        assertThatThrownBy(() -> qr.toPng(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale 0");
        assertThatThrownBy(() -> qr.toPng(100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyAndTooLongTextsAreRefused() {
        assertThatThrownBy(() -> QrCode.of("")).isInstanceOf(InvalidValueException.class).hasMessageContaining("empty");
        String tooLong = longEsrLink(3000);
        assertThatThrownBy(() -> QrCode.of(tooLong)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("3000 characters").hasMessageContaining("too long");
        String fitsOnlyLow = longEsrLink(2900);
        assertThat(QrCode.of(fitsOnlyLow).version()).isEqualTo(40);
        assertThatThrownBy(() -> QrCode.of(fitsOnlyLow, ErrorCorrection.HIGH)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("HIGH");
    }

    @Test
    void valueSemantics() {
        QrCode a = QrCode.of(SHORT);
        assertThat(a).isEqualTo(QrCode.of(SHORT)).hasSameHashCodeAs(QrCode.of(SHORT));
        assertThat(a).isNotEqualTo(QrCode.of(SHORT, ErrorCorrection.MEDIUM)).isNotEqualTo(QrCode.of(SHORT + "x"));
        assertThat(a.toString()).startsWith("QrCode[version=3, size=29, errorCorrection=LOW, text=esr://");
        assertThat(QrCode.of(LONG).toString()).contains("(600 characters)").hasSizeLessThan(150);
    }
}
