package io.antelopekit.esr;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Raw deflate (no zlib header) of request payloads, with a bound on what inflating may produce. */
final class Deflate {

    /** The most bytes a compressed request may inflate to (a transaction is far smaller). */
    static final int MAX_INFLATED = 8 * 1024 * 1024;

    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(
            Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private Deflate() {
    }

    /** Raw-deflates {@code data} (zlib's default level, as the reference's Node zlib). */
    static byte[] deflate(byte[] data, int offset, int length) {
        Deflater d = DEFLATER.get();
        d.reset();
        d.setInput(data, offset, length);
        d.finish();
        byte[] out = new byte[Math.max(64, length + (length >> 3) + 16)];
        int n = 0;
        while (!d.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += d.deflate(out, n, out.length - n);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Inflates raw-deflated {@code data} from {@code offset}.
     *
     * @throws InvalidSigningRequestException if the data is not valid raw deflate, is truncated,
     *     has bytes after its end, or inflates to more than {@link #MAX_INFLATED} bytes
     */
    static byte[] inflate(byte[] data, int offset, int length) {
        Inflater inf = INFLATER.get();
        inf.reset();
        inf.setInput(data, offset, length);
        byte[] out = new byte[Math.min(MAX_INFLATED, Math.max(256, length * 4))];
        int n = 0;
        boolean dummy = false;
        try {
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length >= MAX_INFLATED) {
                        throw new InvalidSigningRequestException("compressed request inflates to more than "
                                + MAX_INFLATED + " bytes");
                    }
                    out = Arrays.copyOf(out, Math.min(MAX_INFLATED, out.length * 2));
                }
                int got = inf.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && !inf.finished()) {
                    if (inf.needsDictionary()) {
                        throw new InvalidSigningRequestException("compressed request needs a preset dictionary");
                    }
                    if (inf.needsInput()) {
                        if (dummy) {
                            throw new InvalidSigningRequestException("compressed request is truncated after "
                                    + length + " bytes (" + n + " bytes inflated)");
                        }
                        // zlib may want one byte past the end of a raw stream to finish it
                        dummy = true;
                        inf.setInput(new byte[1]);
                    } else if (n < out.length) {
                        throw new InvalidSigningRequestException("compressed request cannot be inflated after "
                                + n + " bytes");
                    }
                }
            }
            int remaining = inf.getRemaining() - (dummy ? 1 : 0);
            if (remaining > 0) {
                throw new InvalidSigningRequestException("compressed request has " + remaining
                        + " bytes after the end of its deflate stream, at offset " + (offset + length - remaining));
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new InvalidSigningRequestException("compressed request is not valid raw deflate: " + e.getMessage(),
                    e);
        } finally {
            inf.reset();
        }
    }
}
