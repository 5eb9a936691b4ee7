package io.antelopekit.spring.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code antelopekit.sign-in.*} properties of {@link AntelopeSignInAutoConfiguration}.
 *
 * <pre>{@code
 * antelopekit:
 *   esr.enabled: true                        # the identity proof verifier and the ESR wallet
 *   sign-in:
 *     enabled: true
 *     public-url: https://app.example.com    # wallets post their callbacks here
 *     base-path: /auth/antelope              # the default
 *     timeout: 5m                            # the default
 * }</pre>
 */
@ConfigurationProperties(AntelopeSignInProperties.PREFIX)
public class AntelopeSignInProperties {

    /** The prefix: {@value}. */
    public static final String PREFIX = "antelopekit.sign-in";

    private boolean enabled;
    private String basePath = WalletSignIn.DEFAULT_BASE_PATH;
    private String publicUrl;
    private Duration timeout = WalletSignIn.DEFAULT_REQUEST_TIMEOUT;
    private String redisKeyPrefix;

    /** Whether wallet sign-in is configured (default {@code false}). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Where the endpoints are ({@value WalletSignIn#DEFAULT_BASE_PATH} by default). */
    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    /** The application's public origin, which wallets post their callbacks to (required). */
    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** How long an identity request waits for the wallet (5 minutes by default). */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The key prefix of the Redis store ({@code antelopekit.storage.type=redis}); by default
     * {@code antelopekit:<app-name>:signin:}, or {@value RedisSignInStore#DEFAULT_KEY_PREFIX}
     * without an application name.
     */
    public String getRedisKeyPrefix() {
        return redisKeyPrefix;
    }

    public void setRedisKeyPrefix(String redisKeyPrefix) {
        this.redisKeyPrefix = redisKeyPrefix;
    }

    @Override
    public String toString() {
        return "AntelopeSignInProperties[enabled=" + enabled + ", basePath=" + basePath + ", publicUrl=" + publicUrl
                + ", timeout=" + timeout + "]";
    }
}
