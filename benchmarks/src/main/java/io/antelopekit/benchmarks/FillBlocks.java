package io.antelopekit.benchmarks;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.session.ActionRequest;
import io.antelopekit.session.Session;
import io.antelopekit.session.TransactArgs;
import io.antelopekit.session.TransactOptions;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Fills a chain (a devnet with short blocks) with {@code eosio.token::transfer} transactions until
 * it has a run of at least {@code blocks} consecutive blocks that each hold one or more, waits
 * until the last of them is irreversible, and prints the run as {@code FROM UNTIL} (also to
 * {@code --out FILE}): the block range that {@code BlockReadBenchmark} and the reference's
 * {@code blocks} case read.
 *
 * <p>One sender, {@value #RATE} transfers a second ({@code alice} to {@code bob}, memo
 * {@code fill <nonce> <n>}): with 20 ms blocks, about five a block. Run the devnet with
 * {@code --no-empty-blocks} ({@code DevnetMain --block-ms 20 --no-empty-blocks}): otherwise a
 * moment when this process or the devnet is not scheduled (a busy machine, a GC pause) leaves an
 * empty block, and a run of a thousand blocks without one may not come.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.FillBlocks --url http://127.0.0.1:8888 [--blocks 1000] [--out range.txt]
 * </pre>
 */
public final class FillBlocks {

    /** The range filled: the first and the last block, each with at least one transfer. */
    public record Range(long from, long until) {
        public long blocks() {
            return until - from + 1;
        }
    }

    /** Transfers sent per second while filling: about 5 a block with 20 ms blocks. */
    static final int RATE = 250;

    private FillBlocks() {
    }

    /** The longest run of consecutive numbers in {@code nums} (the last one, of equal runs). */
    private static Range longestRun(TreeSet<Long> nums) {
        long bestFrom = 0;
        long bestUntil = -1;
        long from = -1;
        long prev = -2;
        for (long n : nums) {
            if (n != prev + 1) {
                from = n;
            }
            prev = n;
            if (n - from >= bestUntil - bestFrom) {
                bestFrom = from;
                bestUntil = n;
            }
        }
        return new Range(bestFrom, bestUntil);
    }

    public static void main(String[] args) throws IOException {
        String url = null;
        int blocks = 1000;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("usage: FillBlocks --url URL [--blocks 1000] [--out FILE]");
        }
        ChainClient client = ChainClient.builder().endpoint(url).responseTimeout(Duration.ofSeconds(60)).build();
        try {
            long t0 = System.nanoTime();
            Range range = fill(url, client, blocks);
            System.out.printf(Locale.ROOT, "filled blocks %d..%d (%d blocks with transfers) in %.1f s%n",
                    range.from(), range.until(), range.blocks(), (System.nanoTime() - t0) / 1e9);
            if (out != null) {
                Files.writeString(out, range.from() + " " + range.until() + "\n", StandardCharsets.UTF_8);
            }
        } finally {
            client.dispose();
        }
    }

    /**
     * Sends transfers through {@code client} (to the chain at {@code url}) until {@code blocks}
     * consecutive blocks hold at least one each, then waits for the last of them to be irreversible.
     */
    public static Range fill(String url, ChainClient client, int blocks) {
        ChainInfo info = client.getInfo().block(Duration.ofSeconds(60));
        Session session = Session.builder()
                .chain(ChainDefinition.of(info.chainId(), url))
                .client(client)
                .actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey()))
                .build();
        String nonce = Long.toHexString(System.nanoTime());
        AtomicLong sent = new AtomicLong();
        TreeSet<Long> withTransfers = new TreeSet<>();
        CompletableFuture<Range> found = new CompletableFuture<>();
        long t0 = System.nanoTime();
        // paced, with room for the devnet or this process to stall: a stall only makes a block fuller
        Disposable sender = Flux.interval(Duration.ofNanos(1_000_000_000L / RATE))
                .onBackpressureDrop()
                .flatMap(t -> session.transact(TransactArgs.of(ActionRequest.of("eosio.token", "transfer", Map.of(
                        "from", "alice", "to", "bob", "quantity", "0.0001 EOS",
                        "memo", "fill " + nonce + " " + sent.incrementAndGet()))), TransactOptions.DEFAULT), 64)
                .subscribe(result -> {
                    synchronized (withTransfers) {
                        withTransfers.add(result.response().processed().blockNum());
                        if (withTransfers.size() >= blocks) {
                            Range run = longestRun(withTransfers);
                            if (run.blocks() >= blocks) {
                                found.complete(run);
                            }
                        }
                    }
                }, found::completeExceptionally);
        try {
            Range run = found.get(10, TimeUnit.MINUTES);
            Range range = new Range(run.from(), run.from() + blocks - 1);
            // keep sending until the range is irreversible (a devnet without empty blocks moves
            // its last irreversible block only as blocks with transactions come)
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (client.getInfo().block(Duration.ofSeconds(60)).lastIrreversibleBlockNum() < range.until()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("block " + range.until() + " did not become irreversible");
                }
                Thread.sleep(20);
            }
            synchronized (withTransfers) {
                System.out.printf(Locale.ROOT, "%d transfers sent in %.1f s, %d blocks hold some%n", sent.get(),
                        (System.nanoTime() - t0) / 1e9, withTransfers.size());
            }
            return range;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not fill " + blocks + " consecutive blocks with transfers", e);
        } finally {
            sender.dispose();
        }
    }
}
