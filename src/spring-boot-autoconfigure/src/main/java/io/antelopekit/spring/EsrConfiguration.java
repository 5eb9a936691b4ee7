package io.antelopekit.spring;

import io.antelopekit.chain.Name;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.esr.ReplayStore;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The ESR wallet plugin, its callback receiver and the identity proof verifier ({@code antelopekit.esr.enabled}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = AntelopeKitProperties.PREFIX + ".esr", name = "enabled", havingValue = "true")
class EsrConfiguration {

    private static final String AT = AntelopeKitProperties.PREFIX + ".esr";

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    CallbackReceiver antelopeCallbackReceiver(AntelopeKitProperties properties, Lifecycle lifecycle) {
        AntelopeKitProperties.Receiver r = properties.getEsr().getReceiver();
        CallbackReceiver.Builder b = CallbackReceiver.builder();
        try {
            if (r.getHost() != null && !r.getHost().isBlank()) {
                b.host(r.getHost().trim());
            }
            b.port(r.getPort());
            if (r.getPath() != null) {
                b.path(r.getPath().trim());
            }
            if (r.getPublicUrl() != null) {
                b.publicUrl(r.getPublicUrl().trim());
            }
        } catch (IllegalArgumentException e) {
            throw new AntelopeKitConfigurationException(AT + ".receiver: " + e.getMessage());
        }
        CallbackReceiver receiver = r.isDetached() ? b.detached()
                : Lifecycle.await(b.start(), Duration.ofSeconds(AntelopeKitAutoConfiguration.START_TIMEOUT_SECONDS),
                        AT + ".receiver: the callback server on " + r.getHost() + ":" + r.getPort());
        lifecycle.onClose(receiver.toString(), receiver::close);
        return receiver;
    }

    @Bean
    @ConditionalOnMissingBean
    IdentityProofVerifier antelopeIdentityProofVerifier(AntelopeKitProperties properties,
            ObjectProvider<ChainClients> chainClients, ObjectProvider<ReplayStore> replayStore) {
        ChainClients clients = chainClients.getIfAvailable();
        if (clients == null) {
            throw new AntelopeKitConfigurationException(AT + ".enabled needs chains to check identity proofs on: set "
                    + AntelopeKitProperties.PREFIX + ".chains[0].id and .urls (or define a ChainClients bean)");
        }
        AntelopeKitProperties.Verifier v = properties.getEsr().getVerifier();
        IdentityProofVerifier.Builder b = IdentityProofVerifier.builder()
                .chains(id -> clients.find(id).orElse(null))
                .scope(scope(properties));
        if (v.getClockSkew() != null) {
            b.clockSkew(v.getClockSkew());
        }
        if (v.getMaxLifetime() != null) {
            b.maxLifetime(v.getMaxLifetime());
        }
        // shared by the instances when the storage is Redis (RedisStorageConfiguration), or the application's own
        replayStore.ifUnique(b::replayStore);
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    WalletPluginSigningRequest antelopeEsrWallet(AntelopeKitProperties properties, CallbackReceiver receiver,
            IdentityProofVerifier verifier, ObjectProvider<EnvironmentVariables> environment, Lifecycle lifecycle) {
        AntelopeKitProperties.Esr esr = properties.getEsr();
        WalletPluginSigningRequest.Builder b = WalletPluginSigningRequest.builder().receiver(receiver).verifier(verifier);
        if (esr.getScope() != null) {
            b.scope(scope(properties));
        }
        if (esr.getTimeout() != null) {
            b.timeout(esr.getTimeout());
        }
        AntelopeKitProperties.RequestSigner signer = esr.getRequestSigner();
        if (signer.getAccount() != null && signer.getKeyEnv() != null) {
            List<String> problems = new ArrayList<>();
            PrivateKey key = PrivateKeyWalletConfiguration.readKey(
                    environment.getIfAvailable(() -> EnvironmentVariables.SYSTEM), signer.getKeyEnv(),
                    AT + ".request-signer.key-env", problems);
            if (key == null) {
                throw new AntelopeKitConfigurationException(problems);
            }
            b.requestSigner(Name.from(signer.getAccount().trim()), key);
            lifecycle.onClose("the request signer's key", () -> Mono.fromRunnable(key::destroy));
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new AntelopeKitConfigurationException(AT + ": " + e.getMessage());
        }
    }

    /** The scope: {@code esr.scope}, else the app name (both checked by the properties). */
    private static Name scope(AntelopeKitProperties properties) {
        String scope = properties.getEsr().getScope() != null ? properties.getEsr().getScope() : properties.getAppName();
        return Name.from(scope.trim());
    }
}
