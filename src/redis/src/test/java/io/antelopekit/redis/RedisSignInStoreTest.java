package io.antelopekit.redis;

import io.antelopekit.signin.SignInAttempt;
import io.antelopekit.signin.SignInStore;
import io.antelopekit.test.SignInStoreContract;
import io.antelopekit.test.RedisProcess;
import io.antelopekit.test.BlockHoundSupport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RedisSignInStore} against a real redis-server: the store contract, the keys it writes,
 * two stores (two instances of a service) sharing attempts, an application's connection.
 */
@ExtendWith(BlockHoundSupport.class)
class RedisSignInStoreTest extends SignInStoreContract {

    @TempDir
    static Path dir;
    static RedisProcess redis;
    static RedisSignInStore store;
    static RedisSignInStore otherInstance;
    static RedisClient inspector;
    static StatefulRedisConnection<String, String> inspection;

    @BeforeAll
    static void start() throws Exception {
        // the JDK's logging sets up its handlers once, under a lock: done here, never on an event loop
        java.util.logging.Logger.getLogger("").getHandlers();
        redis = RedisProcess.start(dir);
        store = RedisSignInStore.builder().uri(redis.uri()).keyPrefix("test:signin:").build();
        otherInstance = RedisSignInStore.builder().uri(redis.uri()).keyPrefix("test:signin:")
                .pollInterval(Duration.ofMillis(50)).build();
        inspector = RedisClient.create(redis.uri());
        inspection = inspector.connect();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close().block(TIMEOUT);
            otherInstance.close().block(TIMEOUT);
        }
        if (inspection != null) {
            inspection.close();
            inspector.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected SignInStore store() {
        return store;
    }

    @Test
    void writesTwoKeysWithTheIdAsHashTagThatExpireAfterTheAttempt() {
        SignInAttempt a = attempt();
        store.create(a).block(TIMEOUT);
        RedisCommands<String, String> r = inspection.sync();
        String key = "test:signin:{" + a.id() + "}";
        assertThat(r.get(key)).contains("\"owner\":\"" + a.owner() + "\"").doesNotContain("outcome");
        long ttl = r.pttl(key);
        assertThat(ttl).isGreaterThan(Duration.ofMinutes(5).toMillis())
                .isLessThanOrEqualTo(Duration.ofMinutes(5).plus(SignInStore.KEEP_AFTER_EXPIRY).toMillis());
        store.complete(a.id(), VERIFIED).block(TIMEOUT);
        assertThat(r.get(key + ":outcome")).isEqualTo(
                "{\"chainId\":\"" + CHAIN + "\",\"permission\":\"alice@active\",\"authorities\":[\"ROLE_USER\",\"ROLE_ADMIN\"]}");
        assertThat(r.pttl(key + ":outcome")).isPositive().isLessThanOrEqualTo(ttl);
        store.consume(a.id()).block(TIMEOUT);
        assertThat(r.exists(key, key + ":outcome")).isZero();
    }

    @Test
    void anotherInstanceSeesTheAttemptAndItsOutcome() {
        SignInAttempt a = attempt();
        store.create(a).block(TIMEOUT);
        StepVerifier.create(otherInstance.watch(a.id()))
                .expectNext(a)
                .then(() -> store.complete(a.id(), VERIFIED).subscribe())
                .expectNext(a.withOutcome(VERIFIED))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(otherInstance.complete(a.id(), VERIFIED)).expectNext(false).expectComplete().verify(TIMEOUT);
        StepVerifier.create(otherInstance.consume(a.id())).expectNext(a.withOutcome(VERIFIED)).expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(store.consume(a.id())).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aValueThatDoesNotReadIsAnErrorNamingTheKey() {
        SignInAttempt a = attempt();
        inspection.sync().set("test:signin:{" + a.id() + "}", "not json");
        StepVerifier.create(store.get(a.id())).expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test:signin:{" + a.id() + "}"))
                .verify(TIMEOUT);
    }

    @Test
    void worksOnTheApplicationsConnectionAndLeavesItOpen() {
        StatefulRedisConnection<String, String> appConnection = inspector.connect();
        try {
            RedisSignInStore shared = RedisSignInStore.builder().connection(appConnection).keyPrefix("test:signin:")
                    .build();
            SignInAttempt a = attempt();
            shared.create(a).block(TIMEOUT);
            assertThat(store.get(a.id()).block(TIMEOUT)).isEqualTo(a);
            shared.close().block(TIMEOUT);
            assertThat(appConnection.isOpen()).isTrue();
            assertThat(shared.toString()).isEqualTo("RedisSignInStore[application's connection, prefix \"test:signin:\"]");
        } finally {
            appConnection.close();
        }
    }

    @Test
    void theBuilderChecksItsSettingsWithoutRepeatingTheUri() {
        assertThatThrownBy(() -> RedisSignInStore.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> RedisSignInStore.builder().uri("nonsense://sec:ret@host")).isInstanceOf(
                IllegalArgumentException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("ret"));
        assertThatThrownBy(() -> RedisSignInStore.builder().keyPrefix("a{b}")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisSignInStore.builder().pollInterval(Duration.ZERO)).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(store.toString()).contains("prefix \"test:signin:\"");
    }
}
