package io.antelopekit.esr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Decoding survives about 200,000 deterministic random and mutated inputs in every build: the
 * uncompressed and compressed forms of requests of every kind and of the vectors' links, with
 * bits flipped, bytes inserted and deleted, truncations, huge length prefixes, mutated links and
 * identity proofs. See {@link DecodeChecks} for what each input must satisfy, and
 * {@link SigningRequestFuzzTest} for coverage-guided fuzzing.
 */
class SigningRequestMutationTest {

    // ------------------------------------------------------------- seeded random and mutated inputs

    private static final int ROUNDS = 200_000;

    /** Every build: seeds (every kind, the vectors' links) mutated ~200,000 times, deterministically. */
    @Test
    void seededRandomAndMutatedInputs() {
        List<byte[]> plainSeeds = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (SigningRequest r : EsrFixtures.samples()) {
            plainSeeds.add(r.toBytes(false));
            links.add(r.encode());
        }
        for (String link : EsrFixtures.vectorLinks()) {
            plainSeeds.add(SigningRequest.from(link).toBytes(false));
            links.add(link);
        }
        List<byte[]> compressedSeeds = new ArrayList<>();
        for (String link : links) {
            compressedSeeds.add(SigningRequest.from(link).toBytes(true));
        }
        List<String> proofs = new ArrayList<>();
        for (SigningRequest r : EsrFixtures.samples()) {
            if (r.isIdentity() && r.version() > 2) {
                ResolvedSigningRequest resolved = r.resolve(EsrFixtures.ABIS, EsrFixtures.ALICE, DecodeChecks.CONTEXT);
                proofs.add(resolved.identityProof(EsrFixtures.KEY.signDigest(resolved.signingDigest())).toString());
            }
        }
        long start = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Random rnd = new Random(0x5eed_e5a1L);
        int decoded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            int kind = rnd.nextInt(10);
            if (kind < 5) {
                // mutate the uncompressed form: hits the request decoder
                byte[] seed = plainSeeds.get(rnd.nextInt(plainSeeds.size()));
                byte[] m = mutate(seed, rnd, 1 + rnd.nextInt(3), true);
                decoded += tryBytes(m, level(i));
            } else if (kind < 7) {
                // mutate, then compress: the decoder behind the inflater
                byte[] seed = plainSeeds.get(rnd.nextInt(plainSeeds.size()));
                byte[] m = mutate(seed, rnd, 1 + rnd.nextInt(3), true);
                decoded += tryBytes(compress(m), level(i));
            } else if (kind < 8) {
                // mutate the compressed form: hits the inflater
                byte[] seed = compressedSeeds.get(rnd.nextInt(compressedSeeds.size()));
                decoded += tryBytes(mutate(seed, rnd, 1 + rnd.nextInt(2), false), level(i));
            } else if (kind < 9) {
                String link = links.get(rnd.nextInt(links.size()));
                DecodeChecks.checkLink(mutateText(link, rnd), level(i));
            } else if (!proofs.isEmpty() && rnd.nextBoolean()) {
                DecodeChecks.checkProof(mutateText(proofs.get(rnd.nextInt(proofs.size())), rnd), level(i));
            } else {
                byte[] random = new byte[rnd.nextInt(64)];
                rnd.nextBytes(random);
                if (random.length > 0 && rnd.nextBoolean()) {
                    random[0] = (byte) (2 + rnd.nextInt(2));
                }
                decoded += tryBytes(random, level(i));
            }
        }
        // mutations must not all be rejected at the first byte: many still decode
        System.out.println("signing request fuzzing: " + decoded + " of " + ROUNDS + " inputs decoded in "
                + (System.nanoTime() - start) / 1_000_000 + " ms (" + (java.lang.management.ManagementFactory
                        .getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000 + " ms CPU)");
        assertThat(decoded).isGreaterThan(ROUNDS / 50);
    }

    /** Every 100th input gets the crypto checks, every 8th the heavy ones. */
    private static int level(int i) {
        return i % 100 == 0 ? DecodeChecks.CRYPTO : i % 8 == 0 ? DecodeChecks.HEAVY : DecodeChecks.LIGHT;
    }

    private static int tryBytes(byte[] data, int level) {
        SigningRequest request;
        try {
            request = SigningRequest.from(data);
        } catch (InvalidSigningRequestException e) {
            DecodeChecks.checkTyped(e, data);
            return 0;
        }
        DecodeChecks.exercise(request, data, level);
        return 1;
    }

    private static final byte[][] HUGE = {
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
        {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
        {(byte) 0xFF, (byte) 0xFF, (byte) 0x7F},
    };

    /** {@code count} random edits of {@code seed}; the header byte is kept valid when {@code keepHeader}. */
    private static byte[] mutate(byte[] seed, Random rnd, int count, boolean keepHeader) {
        byte[] b = seed.clone();
        int from = keepHeader ? 1 : 0;
        for (int k = 0; k < count; k++) {
            int len = b.length;
            int pos = len > from ? from + rnd.nextInt(len - from) : from;
            switch (rnd.nextInt(8)) {
                case 0 -> { // flip a bit
                    if (len > from) {
                        b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> { // random byte
                    if (len > from) {
                        b[pos] = (byte) rnd.nextInt(256);
                    }
                }
                case 2 -> b = insert(b, Math.min(pos, len), new byte[] {(byte) rnd.nextInt(256)});
                case 3 -> { // delete a run
                    if (len > from) {
                        int n = Math.min(len - pos, 1 + rnd.nextInt(4));
                        byte[] c = new byte[len - n];
                        System.arraycopy(b, 0, c, 0, pos);
                        System.arraycopy(b, pos + n, c, pos, len - pos - n);
                        b = c;
                    }
                }
                case 4 -> b = Arrays.copyOf(b, from + rnd.nextInt(Math.max(1, len - from + 1))); // truncate
                case 5 -> b = insert(b, Math.min(pos, len), HUGE[rnd.nextInt(HUGE.length)]); // huge length prefix
                case 6 -> { // overwrite with a huge varint
                    byte[] h = HUGE[rnd.nextInt(HUGE.length)];
                    for (int i = 0; i < h.length && pos + i < b.length; i++) {
                        b[pos + i] = h[i];
                    }
                }
                default -> { // small integer change (variant indexes, counts, flags)
                    if (len > from) {
                        b[pos] = (byte) (b[pos] + (rnd.nextBoolean() ? 1 : -1));
                    }
                }
            }
        }
        if (keepHeader && b.length > 0 && rnd.nextInt(20) == 0) {
            b[0] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    /** Raw-deflates all but the header byte and sets the compression bit. */
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    private byte[] compress(byte[] plain) {
        if (plain.length == 0) {
            return plain;
        }
        deflater.reset();
        deflater.setInput(plain, 1, plain.length - 1);
        deflater.finish();
        byte[] out = new byte[plain.length * 2 + 64];
        int n = deflater.deflate(out, 1, out.length - 1);
        out[0] = (byte) (plain[0] | 0x80);
        return Arrays.copyOf(out, n + 1);
    }

    @org.junit.jupiter.api.AfterEach
    void end() {
        deflater.end();
    }

    private static final String TEXT_CHARS = "ABCabc019-_+/=:!% \u00e9\u65e5\uD83D";

    private static String mutateText(String s, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int pos = b.length() == 0 ? 0 : rnd.nextInt(b.length());
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (b.length() > 0) {
                        b.setCharAt(pos, TEXT_CHARS.charAt(rnd.nextInt(TEXT_CHARS.length())));
                    }
                }
                case 1 -> b.insert(pos, TEXT_CHARS.charAt(rnd.nextInt(TEXT_CHARS.length())));
                case 2 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(pos);
                    }
                }
                case 3 -> b.setLength(pos);
                case 4 -> {
                    // re-encode a mutated payload in the other alphabet
                    String[] forms = {"esr:", "esr://", "web+esr://", "ESR:", "eosio:", ""};
                    int colon = b.indexOf(":");
                    String rest = colon < 0 ? b.toString() : b.substring(colon + 1).replaceFirst("^//", "");
                    b.setLength(0);
                    b.append(forms[rnd.nextInt(forms.length)]).append(rest.replace('-', '+').replace('_', '/'));
                }
                default -> {
                    byte[] junk = new byte[rnd.nextInt(12)];
                    rnd.nextBytes(junk);
                    b.insert(pos, Base64.getUrlEncoder().withoutPadding().encodeToString(junk));
                }
            }
        }
        return b.toString();
    }
}
