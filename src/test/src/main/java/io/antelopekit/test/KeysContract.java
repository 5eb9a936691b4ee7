package io.antelopekit.test;

import io.antelopekit.storage.ReactiveSessionStorage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.antelopekit.test.UpdateAllContract.CONTRACT_TIMEOUT;
import static io.antelopekit.test.UpdateAllContract.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link ReactiveSessionStorage#keys(String)} promises on a store that can list its keys
 * ({@link ReactiveSessionStorage#canListKeys()}): the keys of a prefix, each once, whatever wrote
 * or removed them ({@code write}, {@code remove}, {@code update}, {@code updateAll}), and nothing
 * before subscription. A store's test implements it beside {@link UpdateAllContract};
 * listings are subscribed from Reactor's parallel threads.
 */
public interface KeysContract {

    /** A new, empty store. */
    ReactiveSessionStorage newStorage() throws Exception;

    /** The keys of {@code prefix}, sorted (a store lists them in no particular order). */
    static List<String> keys(ReactiveSessionStorage storage, String prefix) {
        List<String> keys = Await.all(storage.keys(prefix).subscribeOn(Schedulers.parallel()), CONTRACT_TIMEOUT);
        assertThat(keys).as("keys of \"%s\", each once", prefix).doesNotHaveDuplicates();
        return keys.stream().sorted().toList();
    }

    @Test
    default void theKeysOfAPrefixAreListedEachOnce() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        assertThat(storage.canListKeys()).isTrue();
        assertThat(keys(storage, "")).isEmpty();
        for (String key : List.of("app/session/a", "app/session/b", "app/default/x", "app/current", "app", "apple",
                "other/session/a", "")) {
            run(storage.write(key, "v " + key));
        }
        assertThat(keys(storage, "app/session/")).containsExactly("app/session/a", "app/session/b");
        assertThat(keys(storage, "app/")).containsExactly("app/current", "app/default/x", "app/session/a", "app/session/b");
        assertThat(keys(storage, "app")).containsExactly("app", "app/current", "app/default/x", "app/session/a",
                "app/session/b", "apple");
        assertThat(keys(storage, "app/session/a")).containsExactly("app/session/a");
        assertThat(keys(storage, "app/session/c")).isEmpty();
        assertThat(keys(storage, "b")).isEmpty();
        assertThat(keys(storage, "")).hasSize(8).contains("", "other/session/a");
    }

    @Test
    default void keysLeaveTheListingWhenRemovedByAnyOperation() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        run(storage.updateAll(Set.of("p/1", "p/2", "p/3", "p/4"),
                values -> Map.of("p/1", "1", "p/2", "2", "p/3", "3", "p/4", "4")));
        assertThat(keys(storage, "p/")).containsExactly("p/1", "p/2", "p/3", "p/4");

        run(storage.remove("p/1"));
        run(storage.update("p/2", old -> null));
        run(storage.updateAll(Set.of("p/3", "p/5"), values -> Map.of("p/5", "5")));
        assertThat(keys(storage, "p/")).containsExactly("p/4", "p/5");

        // written again, a key is listed again, once
        run(storage.write("p/1", "again"));
        run(storage.write("p/1", "and again"));
        assertThat(keys(storage, "p/")).containsExactly("p/1", "p/4", "p/5");
        run(storage.updateAll(Set.of("p/1", "p/4", "p/5"), values -> Map.of()));
        assertThat(keys(storage, "p/")).isEmpty();
        assertThat(keys(storage, "")).isEmpty();
    }

    @Test
    default void keysOfAnyTextAreListedByTheirPrefix() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        List<String> keys = List.of("ä/漢字/1", "ä/漢字/2", "ä/x", "a/1", "quote \" and \\ /1", "emoji \uD83D\uDE00/1",
                "space / 1", "ü");
        for (String key : keys) {
            run(storage.write(key, key));
        }
        assertThat(keys(storage, "ä/")).containsExactly("ä/x", "ä/漢字/1", "ä/漢字/2");
        assertThat(keys(storage, "ä/漢字/")).containsExactly("ä/漢字/1", "ä/漢字/2");
        assertThat(keys(storage, "quote \" and \\ ")).containsExactly("quote \" and \\ /1");
        assertThat(keys(storage, "emoji \uD83D\uDE00")).containsExactly("emoji \uD83D\uDE00/1");
        assertThat(keys(storage, "space /")).containsExactly("space / 1");
        assertThat(keys(storage, "")).containsExactlyInAnyOrderElementsOf(keys);
    }

    /** More keys than a store may list in one page (Redis lists 512 at a time). */
    @Test
    default void manyKeysAreListedEachOnce() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        int n = 1100;
        Map<String, String> values = new HashMap<>();
        IntStream.range(0, n).forEach(i -> values.put(String.format("many/%04d", i), String.valueOf(i)));
        values.put("manx", "before");
        values.put("many", "the prefix itself, without its slash");
        values.put("manz", "after");
        run(storage.updateAll(values.keySet(), old -> values));

        List<String> listed = keys(storage, "many/");
        assertThat(listed).hasSize(n).containsExactlyElementsOf(IntStream.range(0, n)
                .mapToObj(i -> String.format("many/%04d", i)).collect(Collectors.toList()));
        assertThat(keys(storage, "man")).hasSize(n + 3);
        // what a listing of a subset costs is the subset's
        assertThat(keys(storage, "many/10")).hasSize(100).allMatch(k -> k.startsWith("many/10"));
    }

    @Test
    default void nothingIsListedBeforeSubscriptionAndANullPrefixIsRefused() throws Exception {
        ReactiveSessionStorage storage = newStorage();
        Flux<String> later = storage.keys("k");
        run(storage.write("k1", "1"));
        StepVerifier.create(later.subscribeOn(Schedulers.parallel())).expectNext("k1").expectComplete()
                .verify(CONTRACT_TIMEOUT);
        assertThatThrownBy(() -> storage.keys(null)).isInstanceOf(NullPointerException.class);
    }
}
