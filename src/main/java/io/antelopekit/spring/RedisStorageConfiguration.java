package io.antelopekit.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;

/** The {@code redis} store, with Lettuce on the classpath (pending RedisSessionStorage). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
class RedisStorageConfiguration {
}
