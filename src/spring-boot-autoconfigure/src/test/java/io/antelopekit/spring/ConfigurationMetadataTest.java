package io.antelopekit.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar carries Spring Boot's configuration metadata, so IDEs complete {@code antelopekit.*}. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyGroupIsDescribedWithItsType() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, String> types = new HashMap<>();
        metadata.path("properties").forEach(p -> types.put(p.path("name").asText(), p.path("type").asText()));
        assertThat(types).containsEntry("antelopekit.app-name", "java.lang.String")
                .containsEntry("antelopekit.expire-seconds", "java.lang.Integer")
                .containsEntry("antelopekit.shutdown-timeout", "java.time.Duration")
                .containsEntry("antelopekit.storage.type", "java.lang.String")
                .containsEntry("antelopekit.storage.redis.ttl", "java.time.Duration")
                .containsEntry("antelopekit.session.storage-layout", "java.lang.String")
                .containsEntry("antelopekit.session.ttl", "java.time.Duration")
                .containsEntry("antelopekit.esr.receiver.public-url", "java.lang.String")
                .containsEntry("antelopekit.sign-in.enabled", "java.lang.Boolean")
                .containsKeys("antelopekit.chains", "antelopekit.wallet.private-keys-env",
                        "antelopekit.sign-in.public-url", "antelopekit.storage.redis.uri");
    }
}
