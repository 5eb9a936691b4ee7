package io.antelopekit.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;

/**
 * Conditions on lists of properties, read with Spring Boot's {@link Binder} so that every form
 * counts ({@code chains[0].id} in a file, {@code ANTELOPEKIT_CHAINS_0_ID} in the environment).
 */
final class Conditions {

    private Conditions() {
    }

    /** At least one {@code antelopekit.chains[i]}. */
    static final class OnChains extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<AntelopeKitProperties.Chain> chains = Binder.get(context.getEnvironment())
                    .bind(AntelopeKitProperties.PREFIX + ".chains", Bindable.listOf(AntelopeKitProperties.Chain.class))
                    .orElse(List.of());
            return chains.isEmpty()
                    ? ConditionOutcome.noMatch("no " + AntelopeKitProperties.PREFIX + ".chains")
                    : ConditionOutcome.match(chains.size() + " " + AntelopeKitProperties.PREFIX + ".chains");
        }
    }

    /** At least one {@code antelopekit.wallet.private-keys-env[i]}. */
    static final class OnPrivateKeys extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<String> names = Binder.get(context.getEnvironment())
                    .bind(AntelopeKitProperties.PREFIX + ".wallet.private-keys-env", Bindable.listOf(String.class))
                    .orElse(List.of());
            return names.isEmpty()
                    ? ConditionOutcome.noMatch("no " + AntelopeKitProperties.PREFIX + ".wallet.private-keys-env")
                    : ConditionOutcome.match(names.size() + " private key environment variables");
        }
    }

    /** {@code antelopekit.storage.type=redis} (any case). */
    static final class OnRedisStorage extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String type = Binder.get(context.getEnvironment())
                    .bind(AntelopeKitProperties.PREFIX + ".storage.type", String.class).orElse("memory");
            return type.trim().equalsIgnoreCase("redis")
                    ? ConditionOutcome.match(AntelopeKitProperties.PREFIX + ".storage.type is redis")
                    : ConditionOutcome.noMatch(AntelopeKitProperties.PREFIX + ".storage.type is not redis");
        }
    }
}
