package io.antelopekit.ui;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.antelopekit.chain.InvalidValueException;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A QR code of a text (an {@code esr:} link, a URL), encoded with ZXing, drawn as terminal text,
 * SVG or PNG. Immutable and safe to share; encoding and drawing are CPU work only (no I/O).
 *
 * <pre>{@code
 * QrCode qr = QrCode.of("esr://gmNgZGBY1mTC_MoglIGBIVzX5uxZRqAQGMBoEwA");
 * System.out.print(qr.toTerminal());   // black on white whatever the terminal's colours
 * String svg = qr.toSvg();             // one <path>, scales freely
 * byte[] png = qr.toPng(8);            // 8 pixels per module
 * }</pre>
 *
 * <p><b>Error correction.</b> {@link #of(String)} takes the smallest symbol that holds the text
 * (the size of {@link ErrorCorrection#LOW}) and then the strongest correction that fits in that
 * same size: a long {@code esr:} link (hundreds of characters) stays as small as it can be, which
 * matters for terminal width and for phone cameras, and a short one gets more correction for
 * free. {@link #of(String, ErrorCorrection)} fixes the level instead.
 *
 * <p><b>Quiet zone.</b> The light margin a reader needs around the symbol: 4 modules in SVG and
 * PNG (as the standard asks), {@value #TERMINAL_QUIET_ZONE} in terminal text, where every column
 * counts and phone readers cope with the narrower margin.
 *
 * <p>Text is encoded in byte mode as ISO-8859-1 when every character fits, else as UTF-8 (with
 * an ECI marker); at most 2953 bytes fit (version 40 with {@code LOW}).
 */
public final class QrCode {

    /** Light modules around the symbol in {@link #toSvg()} and {@link #toPng(int)}. */
    public static final int QUIET_ZONE = 4;

    /** Light modules around the symbol in {@link #toTerminal()}. */
    public static final int TERMINAL_QUIET_ZONE = 2;

    /** The largest PNG side, in pixels, {@link #toPng(int)} draws. */
    public static final int MAX_PNG_SIDE = 16_384;

    /** How much of the symbol may be damaged and still read: about 7, 15, 25 and 30 percent. */
    public enum ErrorCorrection {
        LOW(ErrorCorrectionLevel.L),
        MEDIUM(ErrorCorrectionLevel.M),
        QUARTILE(ErrorCorrectionLevel.Q),
        HIGH(ErrorCorrectionLevel.H);

        private final ErrorCorrectionLevel zxing;

        ErrorCorrection(ErrorCorrectionLevel zxing) {
            this.zxing = zxing;
        }
    }

    /**
     * How {@link #toTerminal(TerminalColors)} makes the code readable: a QR code needs dark
     * modules on a light ground, and a terminal's own colours may be either way round.
     */
    public enum TerminalColors {
        /**
         * ANSI colour escapes set black and bright white explicitly on each line, so the code
         * reads the same on dark and light themes (the default; needs a terminal that understands
         * ANSI colours, as nearly all do).
         */
        ANSI,
        /** No escapes; the glyphs draw the dark modules: for a dark-on-light terminal or paper. */
        LIGHT_BACKGROUND,
        /** No escapes; the glyphs draw the light modules (and the quiet zone): for a light-on-dark terminal. */
        DARK_BACKGROUND
    }

    private static final char FULL = '\u2588';
    private static final char UPPER = '\u2580';
    private static final char LOWER = '\u2584';
    private static final String ANSI_START = "\u001b[30;107m"; // black glyphs on bright white
    private static final String ANSI_END = "\u001b[0m";

    private final String text;
    private final ErrorCorrection errorCorrection;
    private final int version;
    private final int size;
    /** Row-major, one bit per module, set when dark. */
    private final long[] modules;

    private QrCode(String text, ErrorCorrection errorCorrection, int version, ByteMatrix matrix) {
        this.text = text;
        this.errorCorrection = errorCorrection;
        this.version = version;
        this.size = matrix.getWidth();
        this.modules = new long[(size * size + 63) >>> 6];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (matrix.get(x, y) == 1) {
                    int i = y * size + x;
                    modules[i >>> 6] |= 1L << (i & 63);
                }
            }
        }
    }

    /**
     * Whether QR codes can be drawn: ZXing ({@code com.google.zxing:core}), an optional dependency
     * of this module, is on the class path. Without it, {@link #of(String)} fails with
     * {@code NoClassDefFoundError}, and the user interfaces show signing requests as links only.
     */
    public static boolean isAvailable() {
        return Zxing.PRESENT;
    }

    /** Whether ZXing is on the class path, checked once without loading this class's ZXing types. */
    private static final class Zxing {
        static final boolean PRESENT = present();

        private static boolean present() {
            try {
                Class.forName("com.google.zxing.qrcode.encoder.Encoder", false, QrCode.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** The error correction levels, strongest first (a holder: ZXing is loaded on first drawing only). */
    private static final class Levels {
        static final ErrorCorrection[] STRONGEST_FIRST = {
            ErrorCorrection.HIGH, ErrorCorrection.QUARTILE, ErrorCorrection.MEDIUM};
    }

    /**
     * The QR code of {@code text}: the smallest symbol, with the strongest error correction that
     * fits in it.
     *
     * @throws InvalidValueException when the text is empty or too long for a QR code
     */
    public static QrCode of(String text) {
        Objects.requireNonNull(text, "text");
        QrCode smallest = of(text, ErrorCorrection.LOW);
        for (ErrorCorrection level : Levels.STRONGEST_FIRST) {
            QrCode same = encode(text, level, smallest.version);
            if (same != null) {
                return same;
            }
        }
        return smallest;
    }

    /**
     * The QR code of {@code text} with the error correction {@code level}, in the smallest symbol
     * that holds it.
     *
     * @throws InvalidValueException when the text is empty or too long for a QR code at this level
     */
    public static QrCode of(String text, ErrorCorrection level) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(level, "level");
        if (text.isEmpty()) {
            throw new InvalidValueException("QR code text is empty");
        }
        QrCode code = encode(text, level, 0);
        if (code == null) {
            int bytes = text.getBytes(latin1(text) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8).length;
            throw new InvalidValueException("QR code text of " + text.length() + " characters (" + bytes
                    + " bytes) is too long for a QR code with error correction " + level
                    + " (at most 2953 bytes with LOW): '" + abbreviate(text) + "'");
        }
        return code;
    }

    /** The code at {@code level}, in exactly {@code version} when above 0; {@code null} when it does not fit. */
    private static QrCode encode(String text, ErrorCorrection level, int version) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        if (!latin1(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        if (version > 0) {
            hints.put(EncodeHintType.QR_VERSION, version);
        }
        try {
            com.google.zxing.qrcode.encoder.QRCode qr = Encoder.encode(text, level.zxing, hints);
            return new QrCode(text, level, qr.getVersion().getVersionNumber(), qr.getMatrix());
        } catch (WriterException e) {
            return null;
        }
    }

    private static boolean latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The text encoded. */
    public String text() {
        return text;
    }

    /** The error correction level. */
    public ErrorCorrection errorCorrection() {
        return errorCorrection;
    }

    /** The QR version, 1 to 40 (the size is {@code 17 + 4 * version}). */
    public int version() {
        return version;
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return size;
    }

    /**
     * Whether the module at column {@code x}, row {@code y} is dark; (0, 0) is the top left
     * corner of the symbol, outside the quiet zone.
     *
     * @throws IndexOutOfBoundsException when {@code x} or {@code y} is not in {@code [0, size())}
     */
    public boolean isDark(int x, int y) {
        Objects.checkIndex(x, size);
        Objects.checkIndex(y, size);
        return dark(x, y);
    }

    private boolean dark(int x, int y) {
        int i = y * size + x;
        return (modules[i >>> 6] & (1L << (i & 63))) != 0;
    }

    /** Dark at (x, y) of the drawing with a quiet zone of {@code margin}: outside the symbol is light. */
    private boolean darkWithMargin(int x, int y, int margin) {
        int sx = x - margin;
        int sy = y - margin;
        return sx >= 0 && sy >= 0 && sx < size && sy < size && dark(sx, sy);
    }

    /** {@link #toTerminal(TerminalColors)} with {@link TerminalColors#ANSI}: readable on dark and light themes. */
    public String toTerminal() {
        return toTerminal(TerminalColors.ANSI);
    }

    /**
     * The code as lines of Unicode half blocks ({@code ▀ ▄ █} and space), two module rows per
     * line and one module per column, with a quiet zone of {@value #TERMINAL_QUIET_ZONE}
     * modules; each line ends with {@code \n}. There are {@code (size() + 5) / 2} lines of
     * {@code size() + 4} characters (plus the colour escapes with {@link TerminalColors#ANSI});
     * a half line at the bottom is light.
     */
    public String toTerminal(TerminalColors colors) {
        Objects.requireNonNull(colors, "colors");
        int m = TERMINAL_QUIET_ZONE;
        int side = size + 2 * m;
        int lines = (side + 1) / 2;
        boolean ansi = colors == TerminalColors.ANSI;
        boolean glyphIsDark = colors != TerminalColors.DARK_BACKGROUND;
        StringBuilder out = new StringBuilder(lines * (side + (ansi ? ANSI_START.length() + ANSI_END.length() : 0) + 1));
        for (int line = 0; line < lines; line++) {
            if (ansi) {
                out.append(ANSI_START);
            }
            int top = 2 * line;
            for (int x = 0; x < side; x++) {
                boolean upper = darkWithMargin(x, top, m) == glyphIsDark;
                // the half line below the last row is light like the quiet zone
                boolean lower = (top + 1 < side && darkWithMargin(x, top + 1, m)) == glyphIsDark;
                out.append(upper ? (lower ? FULL : UPPER) : (lower ? LOWER : ' '));
            }
            if (ansi) {
                out.append(ANSI_END);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The code as an SVG document: a white square of {@code size() + 8} units (the symbol and a
     * quiet zone of {@value #QUIET_ZONE}) and the dark modules as one black {@code <path>}, each
     * horizontal run of dark modules one rectangle. Without width and height: it fills the box
     * it is placed in.
     */
    public String toSvg() {
        int side = size + 2 * QUIET_ZONE;
        StringBuilder d = new StringBuilder(size * size);
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!dark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && dark(x, y)) {
                    x++;
                }
                int run = x - start;
                d.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>"
                + "<path d=\"" + d + "\" fill=\"#000000\"/></svg>\n";
    }

    /**
     * The code as a PNG image (1-bit greyscale, black on white) of {@code (size() + 8) * scale}
     * pixels a side: {@code scale} pixels per module and a quiet zone of {@value #QUIET_ZONE}
     * modules. Encoded here, without {@code javax.imageio} (no AWT, no temporary files).
     *
     * @param scale pixels per module, at least 1
     * @throws IllegalArgumentException when {@code scale} is below 1 or the image would be wider
     *     than {@value #MAX_PNG_SIDE} pixels
     */
    public byte[] toPng(int scale) {
        int side = size + 2 * QUIET_ZONE;
        if (scale < 1 || (long) side * scale > MAX_PNG_SIDE) {
            throw new IllegalArgumentException("PNG scale " + scale + " is not in [1, " + MAX_PNG_SIDE / side
                    + "] for a QR code of " + side + " modules a side (quiet zone included)");
        }
        return Png.bilevel(side * scale, (px, py) -> darkWithMargin(px / scale, py / scale, QUIET_ZONE));
    }

    /** Equal when the text and the error correction level are (the modules follow from them). */
    @Override
    public boolean equals(Object o) {
        return o instanceof QrCode q && q.errorCorrection == errorCorrection && q.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + errorCorrection.hashCode();
    }

    /** {@code QrCode[version=.., size=.., errorCorrection=.., text=..]}, a long text abbreviated. */
    @Override
    public String toString() {
        return "QrCode[version=" + version + ", size=" + size + ", errorCorrection=" + errorCorrection
                + ", text=" + abbreviate(text) + (text.length() > 40 ? " (" + text.length() + " characters)" : "") + "]";
    }
}
