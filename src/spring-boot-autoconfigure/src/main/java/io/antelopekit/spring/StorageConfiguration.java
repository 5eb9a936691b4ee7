package io.antelopekit.spring;

import io.antelopekit.storage.ReactiveSessionStorage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * The {@code memory} and {@code file} stores; a {@code redis} store comes from
 * {@link RedisStorageConfiguration}, registered before this one, so reaching {@code redis} here
 * means Lettuce is missing.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveSessionStorage antelopeSessionStorage(AntelopeKitProperties properties) {
        switch (properties.storageType()) {
            case "file": {
                String path = properties.getStorage().getFile().getPath().trim();
                try {
                    return ReactiveSessionStorage.file(Path.of(path));
                } catch (IllegalArgumentException e) {
                    throw new AntelopeKitConfigurationException(AntelopeKitProperties.PREFIX + ".storage.file.path '"
                            + path + "' is not a file path: " + e.getMessage());
                }
            }
            case "redis":
                throw new AntelopeKitConfigurationException(AntelopeKitProperties.PREFIX + ".storage.type is redis,"
                        + " but io.lettuce:lettuce-core is not on the classpath: add it as a dependency");
            default:
                return ReactiveSessionStorage.inMemory();
        }
    }
}
