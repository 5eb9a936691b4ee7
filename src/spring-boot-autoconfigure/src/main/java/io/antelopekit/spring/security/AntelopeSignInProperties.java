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
 *     max-pending-per-session: 3             # the defaults of the limits
 *     max-pending-per-client: 10
 *     max-requests-per-minute: 20
 *     max-bad-answers: 5
 *     wallet-callback-paths: /esr-callback   # the app's CallbackReceiver route: no CSRF on {path}/{id}
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
    private int maxPendingPerSession = WalletSignIn.DEFAULT_MAX_PENDING_PER_SESSION;
    private int maxPendingPerClient = WalletSignIn.DEFAULT_MAX_PENDING_PER_CLIENT;
    private int maxRequestsPerMinute = WalletSignIn.DEFAULT_MAX_REQUESTS_PER_MINUTE;
    private int maxBadAnswers = WalletSignIn.DEFAULT_MAX_BAD_ANSWERS;
    private java.util.List<String> walletCallbackPaths = new java.util.ArrayList<>();

    /**
     * The paths of the application's routes that take wallets' signing-request callbacks
     * ({@code {path}/{id}}), such as {@code /esr-callback}: exempt from CSRF by
     * {@link WalletSignIn#configure}.
     */
    public java.util.List<String> getWalletCallbackPaths() {
        return walletCallbackPaths;
    }

    public void setWalletCallbackPaths(java.util.List<String> walletCallbackPaths) {
        this.walletCallbackPaths = walletCallbackPaths;
    }

    /** Pending attempts of one web session at most ({@value WalletSignIn#DEFAULT_MAX_PENDING_PER_SESSION} by default). */
    public int getMaxPendingPerSession() {
        return maxPendingPerSession;
    }

    public void setMaxPendingPerSession(int maxPendingPerSession) {
        this.maxPendingPerSession = maxPendingPerSession;
    }

    /** Pending attempts of one client address at most ({@value WalletSignIn#DEFAULT_MAX_PENDING_PER_CLIENT} by default). */
    public int getMaxPendingPerClient() {
        return maxPendingPerClient;
    }

    public void setMaxPendingPerClient(int maxPendingPerClient) {
        this.maxPendingPerClient = maxPendingPerClient;
    }

    /** Attempts one client address may start per minute ({@value WalletSignIn#DEFAULT_MAX_REQUESTS_PER_MINUTE} by default). */
    public int getMaxRequestsPerMinute() {
        return maxRequestsPerMinute;
    }

    public void setMaxRequestsPerMinute(int maxRequestsPerMinute) {
        this.maxRequestsPerMinute = maxRequestsPerMinute;
    }

    /** Rejected answers an attempt takes before it fails ({@value WalletSignIn#DEFAULT_MAX_BAD_ANSWERS} by default). */
    public int getMaxBadAnswers() {
        return maxBadAnswers;
    }

    public void setMaxBadAnswers(int maxBadAnswers) {
        this.maxBadAnswers = maxBadAnswers;
    }

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
     * {@code antelopekit:<app-name>:signin:}, or {@value io.antelopekit.redis.RedisSignInStore#DEFAULT_KEY_PREFIX}
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
