package io.antelopekit.benchmarks;

import io.antelopekit.benchmarks.contracts.Kittest;
import io.antelopekit.benchmarks.contracts.Kittest.Payload;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Hex;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.UInt128;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The rows of the contract benchmarks: {@code count} items of the devnet's kittest contract, the
 * same on every run (a seeded random), as {@code setitem} data for FillItems and as the binary
 * rows of the {@code items} table for ContractRowsBenchmark and the reference's decoding case.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.KittestRows FILE [count]   (hex rows, one a line)
 * </pre>
 */
public final class KittestRows {

    /** The owners: the devnet's dev accounts, whose keys are known. */
    static final String[] OWNERS = {"alice", "bob", "carol", "dave"};

    private KittestRows() {
    }

    /** Item {@code id} for {@code scope}, its fields drawn from a random seeded with the id. */
    static Kittest.Setitem item(Name scope, long id) {
        SplittableRandom r = new SplittableRandom(0x5eedL * 31 + id);
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) r.nextInt(256);
        }
        // prices differ (cents id * 10 + 0..9): a page of the price index never ends inside a run
        // of equal keys, which the reference's cursor would repeat
        double price = (id * 10 + r.nextInt(10)) / 100.0;
        UInt128 rank = UInt128.of(new BigInteger(100, new java.util.Random(id)));
        List<String> tags = new ArrayList<>();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            tags.add("tag" + r.nextInt(100));
        }
        Payload payload = switch ((int) (id % 3)) {
            case 0 -> new Payload.Uint64(r.nextLong());
            case 1 -> new Payload.String("payload " + id);
            default -> new Payload.Point3(new Kittest.Point3(r.nextInt(), r.nextInt(), r.nextInt()));
        };
        return new Kittest.Setitem(scope, id, Name.from(OWNERS[(int) (id % OWNERS.length)]), price,
                Checksum256.of(hash), rank, "item " + id, tags, id % 5 == 0 ? Optional.of("note " + id) : Optional.empty(),
                payload, Optional.empty());
    }

    /** The row the contract stores for {@code item}. */
    static Kittest.Item row(Kittest.Setitem s) {
        return new Kittest.Item(s.id(), s.owner(), s.price(), s.hash(), s.rank(), s.label(), s.tags(), s.note(),
                s.payload());
    }

    /** The binary rows of items 0 to {@code count - 1}. */
    static List<byte[]> binaryRows(int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            out.add(row(item(Name.from("bench"), id)).toBytes());
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: KittestRows FILE [count]");
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        StringBuilder sb = new StringBuilder();
        for (byte[] row : binaryRows(count)) {
            sb.append(Hex.encode(row)).append('\n');
        }
        Files.writeString(Path.of(args[0]), sb, StandardCharsets.UTF_8);
    }
}
