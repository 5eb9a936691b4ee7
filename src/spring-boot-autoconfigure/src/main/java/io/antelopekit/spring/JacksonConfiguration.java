package io.antelopekit.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link AntelopeJacksonModule}, when Jackson 3 is on the class path (Spring Boot 4's default
 * JSON library; an optional dependency of this module): Spring Boot adds every
 * {@code tools.jackson.databind.JacksonModule} bean to the {@code JsonMapper} of its codecs, so
 * antelopekit's types and Jackson 2 trees have the SDK's JSON in the application's responses,
 * server-sent events and {@code @RequestBody}s. An application's own bean of the type replaces it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "tools.jackson.databind.JacksonModule")
class JacksonConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AntelopeJacksonModule antelopeJacksonModule() {
        return new AntelopeJacksonModule();
    }
}
