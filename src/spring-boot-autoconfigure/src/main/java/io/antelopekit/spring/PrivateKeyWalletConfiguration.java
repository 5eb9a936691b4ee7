package io.antelopekit.spring;

import io.antelopekit.crypto.InvalidKeyException;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/** The service's {@link WalletPluginPrivateKey}, its keys read from environment variables. */
@Configuration(proxyBeanMethods = false)
@Conditional(Conditions.OnPrivateKeys.class)
class PrivateKeyWalletConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WalletPluginPrivateKey antelopePrivateKeyWallet(AntelopeKitProperties properties,
            ObjectProvider<EnvironmentVariables> environment, Lifecycle lifecycle) {
        EnvironmentVariables env = environment.getIfAvailable(() -> EnvironmentVariables.SYSTEM);
        List<String> names = properties.getWallet().getPrivateKeysEnv();
        List<PrivateKey> keys = new ArrayList<>(names.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            PrivateKey key = readKey(env, names.get(i),
                    AntelopeKitProperties.PREFIX + ".wallet.private-keys-env[" + i + "]", problems);
            if (key != null) {
                keys.add(key);
            }
        }
        if (!problems.isEmpty()) {
            keys.forEach(PrivateKey::destroy);
            throw new AntelopeKitConfigurationException(problems);
        }
        WalletPluginPrivateKey wallet = WalletPluginPrivateKey.of(keys);
        lifecycle.onClose("the private keys of " + wallet, () -> Mono.fromRunnable(() -> keys.forEach(PrivateKey::destroy)));
        return wallet;
    }

    /**
     * The key in environment variable {@code name}, or {@code null} with a problem added that
     * names the property and the variable, never the value.
     */
    static PrivateKey readKey(EnvironmentVariables env, String name, String property, List<String> problems) {
        String shown = AntelopeKitProperties.maskedEnvName(name);
        String value = env.get(name);
        if (value == null) {
            problems.add(property + ": environment variable " + shown + " is not set");
            return null;
        }
        if (value.isBlank()) {
            problems.add(property + ": environment variable " + shown + " is empty");
            return null;
        }
        try {
            return PrivateKey.from(value.trim());
        } catch (InvalidKeyException e) {
            // the message describes the problem without repeating the key (PrivateKey.from's contract)
            problems.add(property + ": environment variable " + shown + " does not hold a private key: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add(property + ": environment variable " + shown + " does not hold a private key");
        }
        return null;
    }
}
