package io.antelopekit.spring.security;

import io.antelopekit.redis.RedisSignInStore;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.BeanFactory;

/**
 * Builds the auto-configured {@link RedisSignInStore}: Lettuce's types stay in this class, loaded
 * only when the Redis sign-in store is configured.
 */
final class RedisSignInStores {

    private RedisSignInStores() {
    }

    /**
     * A store on {@code uri}, or else on the application's unique {@link RedisClient} bean.
     *
     * @throws IllegalStateException when there is neither
     */
    static RedisSignInStore fromContext(String uri, String keyPrefix, BeanFactory beans) {
        RedisSignInStore.Builder b = RedisSignInStore.builder();
        if (uri != null && !uri.isBlank()) {
            b.uri(uri.trim());
        } else {
            RedisClient client = beans.getBeanProvider(RedisClient.class).getIfUnique();
            if (client == null) {
                throw new IllegalStateException("antelopekit.storage.redis.uri is missing (and the application has"
                        + " no RedisClient bean): give redis://host:port/database");
            }
            b.client(client);
        }
        if (keyPrefix != null) {
            b.keyPrefix(keyPrefix);
        }
        return b.build();
    }
}
