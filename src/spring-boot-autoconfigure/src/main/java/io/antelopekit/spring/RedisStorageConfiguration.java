package io.antelopekit.spring;

import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.redis.RedisSessionStorage;
import io.antelopekit.esr.ReplayStore;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code redis} store ({@code antelopekit.storage.type=redis}), only with Lettuce on the
 * classpath: the condition is read before this class is loaded, so nothing here touches Lettuce
 * otherwise. Registered before {@link StorageConfiguration}, which then backs off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
@Conditional(Conditions.OnRedisStorage.class)
class RedisStorageConfiguration {

    private static final String AT = AntelopeKitProperties.PREFIX + ".storage.redis";

    /**
     * A store on {@code antelopekit.storage.redis.uri}, or, without one, on the application's
     * {@link RedisClient} bean; keys under {@code key-prefix}, or {@code antelopekit:<app-name>:}.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(ReactiveSessionStorage.class)
    RedisSessionStorage antelopeRedisSessionStorage(AntelopeKitProperties properties,
            ObjectProvider<RedisClient> redisClient, Lifecycle lifecycle) {
        AntelopeKitProperties.RedisStorage r = properties.getStorage().getRedis();
        RedisSessionStorage.Builder b = RedisSessionStorage.builder();
        try {
            if (r.getUri() != null && !r.getUri().isBlank()) {
                b.uri(r.getUri().trim());
            } else {
                RedisClient client = redisClient.getIfUnique();
                if (client == null) {
                    throw new AntelopeKitConfigurationException(AT + ".uri is missing (and the application has no"
                            + " RedisClient bean): give redis://host:port/database");
                }
                b.client(client);
            }
            if (r.getKeyPrefix() != null) {
                b.keyPrefix(r.getKeyPrefix());
            } else if (properties.getAppName() != null && !properties.getAppName().isBlank()) {
                b.application(properties.getAppName().trim());
            } else {
                throw new AntelopeKitConfigurationException(AT + ".key-prefix is missing (and "
                        + AntelopeKitProperties.PREFIX + ".app-name, which gives antelopekit:<app-name>:, is not set)");
            }
            if (r.getTtl() != null) {
                b.expiry(r.getTtl());
            }
        } catch (IllegalArgumentException e) {
            // the builder's messages never repeat the URI (it may hold a password)
            throw new AntelopeKitConfigurationException(AT + ": " + e.getMessage());
        }
        RedisSessionStorage storage = b.build();
        lifecycle.onClose(storage.toString(), storage::close);
        return storage;
    }

    /**
     * Identity proofs accepted by any instance, remembered in the same Redis until they expire,
     * so the {@code IdentityProofVerifier} refuses a proof replayed to another instance.
     */
    @Bean
    @ConditionalOnMissingBean(ReplayStore.class)
    @ConditionalOnBean(RedisSessionStorage.class)
    ReplayStore antelopeRedisReplayStore(RedisSessionStorage storage) {
        return storage.replayStore();
    }
}
