package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.antelopekit.session.SessionKitCrashTest.CHAIN_A;
import static io.antelopekit.session.SessionKitCrashTest.CHAIN_B;
import static io.antelopekit.session.SessionKitCrashTest.actor;
import static io.antelopekit.session.SessionKitCrashTest.kit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored current session ({@code session}) and the list ({@code sessions}) change together:
 * seen at any instant, through an atomic read of both keys, the current session is one of the
 * listed sessions and flagged as its chain's default; a change that fails changes neither.
 */
@ExtendWith(BlockHoundSupport.class)
class SessionKitStoredDefaultTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> KEYS = Set.of(SessionKit.SESSION_KEY, SessionKit.SESSIONS_KEY);

    static LoginOptions on(ChainDefinition chain, String actor, boolean setAsDefault) {
        return LoginOptions.builder().chain(chain).permissionLevel(actor + "@active").setAsDefault(setAsDefault).build();
    }

    /** What is wrong with one atomic snapshot of both keys; empty when it is consistent. */
    static List<String> problems(Map<String, String> values) throws Exception {
        List<String> out = new ArrayList<>();
        String current = values.get(SessionKit.SESSION_KEY);
        if (current == null) {
            return out;
        }
        JsonNode c = JSON.readTree(current);
        JsonNode list = values.containsKey(SessionKit.SESSIONS_KEY) ? JSON.readTree(values.get(SessionKit.SESSIONS_KEY))
                : JSON.createArrayNode();
        JsonNode match = null;
        for (JsonNode s : list) {
            if (s.path("chain").equals(c.path("chain")) && s.path("actor").equals(c.path("actor"))
                    && s.path("permission").equals(c.path("permission"))) {
                match = s;
            }
        }
        if (match == null) {
            out.add("current session " + c.path("actor").asText() + " is not listed");
        } else if (!match.path("default").asBoolean(false)) {
            out.add("current session " + c.path("actor").asText() + " is listed but not as default");
        }
        return out;
    }

    @TempDir
    Path dir;

    /**
     * On a file store, whose changes are queued and applied in batches, a snapshot taken between
     * two separate writes of one login would see them apart.
     */
    @Test
    void concurrentLoginsAndLogoutsNeverShowTheCurrentSessionOutsideTheList() throws Exception {
        ReactiveSessionStorage storage = ReactiveSessionStorage.file(dir.resolve("sessions.json"));
        SessionKit kit = kit(storage);
        try {
            List<Map<String, String>> snapshots = new CopyOnWriteArrayList<>();
            int n = 100;
            Flux<Object> logins = Flux.range(0, n).flatMap(i -> kit.login(on(i % 2 == 0 ? CHAIN_A : CHAIN_B, actor(i),
                            i % 5 != 0))
                    .flatMap(r -> i % 7 == 0 ? kit.logout(r.session()).thenReturn(r) : Mono.just(r))
                    .subscribeOn(Schedulers.parallel()), n).cast(Object.class);
            Flux<Object> watch = Flux.range(0, 200).flatMap(i -> storage.updateAll(KEYS, values -> values)
                    .doOnNext(snapshots::add).subscribeOn(Schedulers.parallel()), 8).cast(Object.class);
            Flux.merge(logins, watch).blockLast(TIMEOUT);
            snapshots.add(storage.updateAll(KEYS, values -> values).block(TIMEOUT));
            List<String> found = new ArrayList<>();
            for (Map<String, String> snapshot : snapshots) {
                found.addAll(problems(snapshot));
            }
            assertThat(found).as("inconsistencies among %d snapshots", snapshots.size()).isEmpty();
            // every login is listed, except the ones logged out again
            assertThat(kit.getSessions().map(SerializedSession::actor).collectList().block(TIMEOUT))
                    .hasSize(n - (n + 6) / 7);
        } finally {
            kit.dispose();
        }
    }

    @Test
    void aLoginOverAnUnreadableListFailsAndLeavesTheCurrentSessionAsItWas() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            kit.login(on(CHAIN_A, "alice", true)).block(TIMEOUT);
            String current = storage.read(SessionKit.SESSION_KEY).block(TIMEOUT);
            storage.write(SessionKit.SESSIONS_KEY, "[not json").block(TIMEOUT);
            StepVerifier.create(kit.login(on(CHAIN_A, "bob", true)).subscribeOn(Schedulers.parallel()))
                    .expectError(SessionException.class).verify(TIMEOUT);
            assertThat(storage.read(SessionKit.SESSION_KEY).block(TIMEOUT)).isEqualTo(current);
            assertThat(storage.read(SessionKit.SESSIONS_KEY).block(TIMEOUT)).isEqualTo("[not json");
        } finally {
            kit.dispose();
        }
    }

    @Test
    void aLogoutOverAnUnreadableListFailsAndLeavesTheCurrentSessionAsItWas() {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            Session alice = kit.login(on(CHAIN_A, "alice", true)).block(TIMEOUT).session();
            String current = storage.read(SessionKit.SESSION_KEY).block(TIMEOUT);
            storage.write(SessionKit.SESSIONS_KEY, "{\"not\": \"a list\"}").block(TIMEOUT);
            StepVerifier.create(kit.logout(alice).subscribeOn(Schedulers.parallel()))
                    .expectError(SessionException.class).verify(TIMEOUT);
            StepVerifier.create(kit.logout().subscribeOn(Schedulers.parallel()))
                    .expectError(SessionException.class).verify(TIMEOUT);
            assertThat(storage.read(SessionKit.SESSION_KEY).block(TIMEOUT)).isEqualTo(current);
        } finally {
            kit.dispose();
        }
    }

    @Test
    void loggingOutTheCurrentSessionRemovesItFromBothKeysAndKeepsTheOtherChainsDefault() throws Exception {
        ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
        SessionKit kit = kit(storage);
        try {
            kit.login(on(CHAIN_B, "bob", true)).block(TIMEOUT);
            Session alice = kit.login(on(CHAIN_A, "alice", true)).block(TIMEOUT).session();
            // logging in again without becoming the default keeps it the default: the current entry follows
            kit.login(on(CHAIN_A, "alice", false)).block(TIMEOUT);
            Map<String, String> values = storage.updateAll(KEYS, v -> v).block(TIMEOUT);
            assertThat(problems(values)).isEmpty();
            assertThat(JSON.readTree(values.get(SessionKit.SESSION_KEY)).path("actor").asText()).isEqualTo("alice");

            kit.logout(alice).block(TIMEOUT);
            values = storage.updateAll(KEYS, v -> v).block(TIMEOUT);
            assertThat(values).doesNotContainKey(SessionKit.SESSION_KEY);
            assertThat(kit.getSessions().collectList().block(TIMEOUT)).singleElement()
                    .satisfies(s -> {
                        assertThat(s.actor()).isEqualTo("bob");
                        assertThat(s.isDefault()).isTrue();
                    });
            kit.logout().block(TIMEOUT);
            assertThat(storage.updateAll(KEYS, v -> v).block(TIMEOUT)).isEmpty();
        } finally {
            kit.dispose();
        }
    }
}
