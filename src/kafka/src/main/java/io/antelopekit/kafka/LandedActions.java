package io.antelopekit.kafka;

import io.antelopekit.api.ChainClient;
import io.antelopekit.api.model.ChainInfo;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.stream.ActionEvent;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import io.antelopekit.stream.Follow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The actions a partition's earlier owner may have sent: those authorized by the session's actor in
 * the blocks from the partition's committed {@code since} block up to a block made after every
 * transaction that owner could have sent has expired. Each is taken once, by the first request
 * whose encoded action is the same (contract, name, authorization and data bytes): that request
 * landed and is not sent again.
 */
final class LandedActions {

    /** Where one was found. */
    record Found(Checksum256 transactionId, long blockNum) {
    }

    private final Map<String, ArrayDeque<Found>> found = new HashMap<>();
    private int size;

    /** The found action that is {@code action}, taken out; {@code null} if there is none left. */
    synchronized Found take(Action action) {
        ArrayDeque<Found> q = found.get(key(action));
        if (q == null || q.isEmpty()) {
            return null;
        }
        size--;
        return q.poll();
    }

    synchronized int size() {
        return size;
    }

    private synchronized void add(ActionEvent e) {
        found.computeIfAbsent(key(e.action()), k -> new ArrayDeque<>()).add(new Found(e.transactionId(), e.blockNum()));
        size++;
    }

    private static String key(Action a) {
        StringBuilder sb = new StringBuilder().append(a.account()).append(':').append(a.name());
        for (PermissionLevel p : a.authorization()) {
            sb.append(':').append(p);
        }
        return sb.append(':').append(a.data()).toString();
    }

    /**
     * Scans the blocks from {@code since} until the head's time is past now's head time plus
     * {@code expireSeconds}: until then a transaction sent before the scan started may still land.
     *
     * @param poll how often the head is read while waiting
     */
    static reactor.core.publisher.Mono<LandedActions> scan(ChainClient client, Name actor, long since, int expireSeconds,
            Duration poll) {
        return settled(client, expireSeconds, poll).flatMap(until -> {
            LandedActions landed = new LandedActions();
            return BlockStream.builder(client).follow(Follow.HEAD).from(Math.max(1, since)).until(until).pollInterval(poll)
                    .build().actions(ActionFilter.all())
                    .filter(e -> e.action().authorization().stream().anyMatch(p -> p.actor().equals(actor)))
                    .doOnNext(landed::add)
                    .then(reactor.core.publisher.Mono.just(landed));
        });
    }

    /**
     * The head block once the chain's head time is past now's head time plus {@code expireSeconds}:
     * every transaction signed before now has landed by that block, or expired.
     */
    static reactor.core.publisher.Mono<Long> settled(ChainClient client, int expireSeconds, Duration poll) {
        return client.getInfo().flatMap(start -> {
            long deadline = start.headBlockTime().micros() + (expireSeconds + 1L) * 1_000_000L;
            return client.getInfo()
                    .repeatWhen(ends -> ends.concatMap(x -> reactor.core.publisher.Mono.delay(poll)))
                    .filter(info -> info.headBlockTime().micros() > deadline)
                    .next()
                    .map(ChainInfo::headBlockNum);
        });
    }

    /**
     * The block that holds transaction {@code id}, signed before now, looked for from block
     * {@code since} until it has landed or expired ({@link #settled}); empty if it never landed.
     */
    static reactor.core.publisher.Mono<Long> blockOf(ChainClient client, Checksum256 id, long since, int expireSeconds,
            Duration poll) {
        return settled(client, expireSeconds, poll).flatMap(until -> BlockStream.builder(client).follow(Follow.HEAD)
                .from(Math.max(1, since)).until(until).pollInterval(poll).build().blocks()
                .filter(b -> b.transactions().stream().anyMatch(t -> t.trx() != null && id.equals(t.trx().id())
                        && "executed".equals(t.status())))
                .next()
                .map(b -> b.num()));
    }

    @Override
    public String toString() {
        return "LandedActions[" + size() + " left]";
    }
}
