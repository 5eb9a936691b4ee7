package io.antelopekit.ui;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** A minimal PNG writer for square black-and-white images: 1-bit greyscale, no filtering, deflated. */
final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Whether the pixel at column {@code x}, row {@code y} is black. */
    @FunctionalInterface
    interface Pixels {
        boolean dark(int x, int y);
    }

    private Png() {
    }

    /** A {@code side} by {@code side} PNG image, black where {@code pixels} says so, white elsewhere. */
    static byte[] bilevel(int side, Pixels pixels) {
        int rowBytes = (side + 7) / 8;
        byte[] raw = new byte[(rowBytes + 1) * side];
        int i = 0;
        for (int y = 0; y < side; y++) {
            raw[i++] = 0; // filter type: none
            for (int b = 0; b < rowBytes; b++) {
                int bits = 0;
                for (int k = 0; k < 8; k++) {
                    int x = b * 8 + k;
                    // 1 is white in 1-bit greyscale; the padding bits after the last pixel too
                    boolean white = x >= side || !pixels.dark(x, y);
                    bits = (bits << 1) | (white ? 1 : 0);
                }
                raw[i++] = (byte) bits;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + raw.length / 8);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, side);
        putInt(header, 4, side);
        header[8] = 1; // bit depth
        header[9] = 0; // colour type: greyscale
        // compression, filter, interlace: 0
        chunk(out, "IHDR", header, header.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                compressed.write(buffer, 0, n);
            }
            byte[] data = compressed.toByteArray();
            chunk(out, "IDAT", data, data.length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(typeBytes, 0, head, 4, 4);
        out.write(head, 0, 8);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
