package io.antelopekit.test;

import io.antelopekit.storage.ReactiveSessionStorage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReactiveSessionStorage#updateAll} of the library's stores under concurrency: many
 * updates of several keys at once, through two instances on the same data, lose nothing, and no
 * one ever sees the keys out of step.
 */
public interface AtomicUpdateAllContract extends UpdateAllContract {

    /** Two instances on the same (new, empty) data: the same object for a store in memory. */
    ReactiveSessionStorage[] twoInstancesOnNewData() throws Exception;

    /**
     * 200 updates each add one item to a list and count it in another key; 100 atomic reads of
     * both run among them. Every update's result, and every read, shows the count equal to the
     * list's length; at the end every item is there once.
     */
    @Test
    default void concurrentUpdatesOfSeveralKeysLoseNothingAndAlwaysAgree() throws Exception {
        ReactiveSessionStorage[] stores = twoInstancesOnNewData();
        int n = 200;
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        List<Map<String, String>> updated = new CopyOnWriteArrayList<>();
        Flux<Map<String, String>> updates = Flux.range(0, n).flatMap(i -> stores[i % 2]
                .updateAll(Set.of("count", "list"), values -> Map.of(
                        "count", String.valueOf(Integer.parseInt(values.getOrDefault("count", "0")) + 1),
                        "list", values.containsKey("list") ? values.get("list") + "," + i : String.valueOf(i)))
                .subscribeOn(Schedulers.parallel()), 64).doOnNext(updated::add);
        Flux<Map<String, String>> reads = Flux.range(0, 100).flatMap(i -> stores[i % 2]
                .updateAll(Set.of("count", "list"), values -> values)
                .subscribeOn(Schedulers.parallel()), 16);
        List<Map<String, String>> results = Await.all(Flux.merge(updates, reads).doOnNext(seen::add),
                CONTRACT_TIMEOUT);
        assertThat(results).hasSize(n + 100);
        for (Map<String, String> values : seen) {
            int count = Integer.parseInt(values.getOrDefault("count", "0"));
            int items = values.containsKey("list") ? values.get("list").split(",").length : 0;
            assertThat(items).as("the list's length where the count is %d: %s", count, values).isEqualTo(count);
        }
        String list = UpdateAllContract.run(stores[0].read("list"));
        assertThat(Arrays.stream(list.split(",")).map(Integer::valueOf).collect(Collectors.toList()))
                .hasSize(n).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
        assertThat(UpdateAllContract.run(stores[1].read("count"))).isEqualTo(String.valueOf(n));
        // each update saw the one before it: the counts returned are 1..n, each once
        assertThat(updated.stream().map(v -> Integer.valueOf(v.get("count"))).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
    }

    /**
     * Updates of two keys and updates of one of them, concurrently: neither loses the other's
     * changes (a store must not treat an update of a set of keys apart from updates of its keys).
     */
    @Test
    default void updatesOfAKeySetAndOfOneOfItsKeysLoseNothing() throws Exception {
        ReactiveSessionStorage[] stores = twoInstancesOnNewData();
        int n = 100;
        List<Mono<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReactiveSessionStorage s = stores[i % 2];
            all.add(s.updateAll(Set.of("x", "y"), values -> Map.of(
                    "x", increment(values.get("x")), "y", increment(values.get("y")))));
            all.add(s.update("x", AtomicUpdateAllContract::increment));
        }
        Await.done(Flux.fromIterable(all).flatMap(m -> m.subscribeOn(Schedulers.parallel()), 64), CONTRACT_TIMEOUT);
        assertThat(UpdateAllContract.values(stores[0], "x", "y"))
                .isEqualTo(Map.of("x", String.valueOf(2 * n), "y", String.valueOf(n)));
    }

    /** A failing change among concurrent ones fails alone; the keys keep everything else. */
    @Test
    default void aFailingChangeAmongConcurrentOnesFailsAloneAndChangesNothing() throws Exception {
        ReactiveSessionStorage[] stores = twoInstancesOnNewData();
        int n = 60;
        Set<Integer> failed = new HashSet<>(List.of(7, 23, 41));
        List<String> outcomes = Await.all(Flux.range(0, n).flatMap(i -> stores[i % 2]
                .updateAll(Set.of("p", "q"), values -> {
                    String p = values.containsKey("p") ? values.get("p") + "," + i : String.valueOf(i);
                    if (failed.contains(i)) {
                        throw new IllegalStateException("change " + i + " refuses");
                    }
                    return Map.of("p", p, "q", p);
                })
                .map(v -> "ok").onErrorResume(IllegalStateException.class, e -> Mono.just(e.getMessage()))
                .subscribeOn(Schedulers.parallel()), 32), CONTRACT_TIMEOUT);
        assertThat(outcomes.stream().filter(o -> !o.equals("ok")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("change 7 refuses", "change 23 refuses", "change 41 refuses");
        Map<String, String> values = UpdateAllContract.values(stores[1], "p", "q");
        assertThat(values.get("p")).isEqualTo(values.get("q"));
        assertThat(Arrays.stream(values.get("p").split(",")).map(Integer::valueOf).collect(Collectors.toSet()))
                .hasSize(n - failed.size()).doesNotContainAnyElementsOf(failed);
    }

    private static String increment(String old) {
        return String.valueOf(old == null ? 1 : Integer.parseInt(old) + 1);
    }
}
