package io.antelopekit.spring;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.Symbol;
import io.antelopekit.crypto.PrivateKey;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.session.StorageLayout;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code antelopekit.*} properties of {@link AntelopeKitAutoConfiguration}, checked together
 * when they are bound: every problem is reported at once, by property, in an
 * {@link AntelopeKitConfigurationException}.
 *
 * <pre>{@code
 * antelopekit:
 *   app-name: myapp
 *   chains:
 *     - id: 73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d
 *       name: jungle4
 *       urls: [https://jungle4.greymass.com, https://jungle4.api.eosnation.io]
 *       system-token: 4,EOS
 *   storage:
 *     type: file                          # memory (default) | file | redis
 *     file.path: /var/lib/myapp/sessions.json
 *   session:
 *     storage-layout: per-session         # wharfkit (default) | per-session (the default with redis)
 *     ttl: 30d                            # each session's life after its last login or restore
 *   wallet:
 *     private-keys-env: [MYAPP_BOT_KEY]   # NAMES of environment variables, never keys
 *   esr:
 *     enabled: true
 *     receiver: { host: 0.0.0.0, port: 8088, public-url: https://myapp.example.com/esr-callback }
 * }</pre>
 *
 * <p><b>Private keys</b> never go into properties: {@code wallet.private-keys-env} and
 * {@code esr.request-signer.key-env} hold names of environment variables, which are read when the
 * wallet is made. A value that looks like a key rather than a name is refused without being
 * repeated, and {@link #toString()} masks it.
 */
@ConfigurationProperties(AntelopeKitProperties.PREFIX)
public class AntelopeKitProperties implements InitializingBean, EnvironmentAware {

    /** The prefix of every property: {@value}. */
    public static final String PREFIX = "antelopekit";

    /** How long closing waits for connections and servers at shutdown by default: 10 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final List<String> STORAGE_TYPES = List.of("memory", "file", "redis");
    private static final List<String> STORAGE_LAYOUTS = List.of("wharfkit", "per-session");

    private String appName;
    private int expireSeconds = SessionKit.DEFAULT_EXPIRE_SECONDS;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private List<Chain> chains = new ArrayList<>();
    private final Client client = new Client();
    private final Storage storage = new Storage();
    private final Session session = new Session();
    private final Wallet wallet = new Wallet();
    private final Esr esr = new Esr();

    /** The chains as checked by {@link #afterPropertiesSet()}. */
    private List<ChainDefinition> chainDefinitions = List.of();
    private Environment environment;

    /** The application's name ({@code spring.application.name} when not set); the default ESR scope. */
    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    /** Seconds until a transaction expires ({@value SessionKit#DEFAULT_EXPIRE_SECONDS} by default). */
    public int getExpireSeconds() {
        return expireSeconds;
    }

    public void setExpireSeconds(int expireSeconds) {
        this.expireSeconds = expireSeconds;
    }

    /** How long closing the clients, the ESR receiver and the kit may take at shutdown (10 s by default). */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The chains, in order (the first is offered first at login). */
    public List<Chain> getChains() {
        return chains;
    }

    public void setChains(List<Chain> chains) {
        this.chains = chains == null ? new ArrayList<>() : chains;
    }

    /** Settings of every chain client. */
    public Client getClient() {
        return client;
    }

    /** Where sessions are stored. */
    public Storage getStorage() {
        return storage;
    }

    /** How the sessions are laid out in the storage, and how long they live. */
    public Session getSession() {
        return session;
    }

    /** The service's own private-key wallet. */
    public Wallet getWallet() {
        return wallet;
    }

    /** The ESR wallet (the user's wallet app) and its callback receiver. */
    public Esr getEsr() {
        return esr;
    }

    /** Reads {@code spring.application.name} for {@link #getAppName()}. */
    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** The checked chains; empty before {@link #afterPropertiesSet()}. */
    List<ChainDefinition> chainDefinitions() {
        return chainDefinitions;
    }

    /** The storage type in lower case. */
    String storageType() {
        return storage.type == null ? "memory" : storage.type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The layout of the kit's sessions: {@code session.storage-layout}, or, when not set,
     * {@link StorageLayout#PER_SESSION} with the Redis store (a service's many users) and
     * {@link StorageLayout#WHARFKIT} otherwise.
     */
    StorageLayout storageLayout() {
        String layout = session.storageLayout == null ? "" : session.storageLayout.trim().toLowerCase(Locale.ROOT);
        if (layout.isEmpty()) {
            return storageType().equals("redis") ? StorageLayout.PER_SESSION : StorageLayout.WHARFKIT;
        }
        return layout.equals("per-session") || layout.equals("per_session") ? StorageLayout.PER_SESSION
                : StorageLayout.WHARFKIT;
    }

    /**
     * Checks every property together.
     *
     * @throws AntelopeKitConfigurationException naming each property at fault
     */
    @Override
    public void afterPropertiesSet() {
        if ((appName == null || appName.isBlank()) && environment != null) {
            appName = environment.getProperty("spring.application.name");
        }
        List<String> problems = new ArrayList<>();
        chainDefinitions = checkChains(problems);
        if (expireSeconds <= 0) {
            problems.add(PREFIX + ".expire-seconds must be positive, got " + expireSeconds);
        }
        positive(shutdownTimeout, PREFIX + ".shutdown-timeout", problems);
        positive(client.connectTimeout, PREFIX + ".client.connect-timeout", problems);
        positive(client.responseTimeout, PREFIX + ".client.response-timeout", problems);
        checkStorage(problems);
        List<String> envNames = wallet.privateKeysEnv;
        for (int i = 0; i < envNames.size(); i++) {
            envName(envNames.get(i), PREFIX + ".wallet.private-keys-env[" + i + "]", problems);
        }
        checkEsr(problems);
        if (!problems.isEmpty()) {
            throw new AntelopeKitConfigurationException(problems);
        }
    }

    private List<ChainDefinition> checkChains(List<String> problems) {
        List<ChainDefinition> out = new ArrayList<>();
        Map<Checksum256, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            Chain c = chains.get(i);
            String at = PREFIX + ".chains[" + i + "]";
            if (c == null) {
                problems.add(at + " is empty");
                continue;
            }
            Checksum256 id = null;
            if (c.id == null || c.id.isBlank()) {
                problems.add(at + ".id is missing: the chain id, 64 hex digits");
            } else {
                try {
                    id = Checksum256.from(c.id.trim());
                    Integer first = ids.putIfAbsent(id, i);
                    if (first != null) {
                        problems.add(at + ".id " + id + " is also " + PREFIX + ".chains[" + first + "].id");
                    }
                } catch (RuntimeException e) {
                    problems.add(at + ".id is not a chain id: " + e.getMessage());
                }
            }
            if (c.name != null) {
                if (c.name.isBlank()) {
                    problems.add(at + ".name is blank");
                } else {
                    Integer first = names.putIfAbsent(c.name, i);
                    if (first != null) {
                        problems.add(at + ".name '" + c.name + "' is also " + PREFIX + ".chains[" + first + "].name");
                    }
                }
            }
            List<String> urls = new ArrayList<>();
            if (c.urls.isEmpty()) {
                problems.add(at + ".urls is empty: give at least one http(s) URL of the chain's API");
            }
            for (int u = 0; u < c.urls.size(); u++) {
                String url = c.urls.get(u) == null ? "" : c.urls.get(u).trim();
                if (httpUrl(url)) {
                    urls.add(url);
                } else {
                    problems.add(at + ".urls[" + u + "] '" + url + "' is not an absolute http or https URL");
                }
            }
            if (c.systemToken != null) {
                try {
                    Symbol.from(c.systemToken.trim());
                } catch (RuntimeException e) {
                    problems.add(at + ".system-token: " + e.getMessage());
                }
            }
            if (id != null && !urls.isEmpty()) {
                out.add(new ChainDefinition(id, urls, c.name, c.explorer,
                        c.systemToken == null ? null : c.systemToken.trim()));
            }
        }
        return List.copyOf(out);
    }

    private void checkStorage(List<String> problems) {
        String type = storageType();
        if (!STORAGE_TYPES.contains(type)) {
            problems.add(PREFIX + ".storage.type '" + storage.type + "' is unknown: use memory, file or redis");
        }
        if (type.equals("file") && (storage.file.path == null || storage.file.path.isBlank())) {
            problems.add(PREFIX + ".storage.file.path is missing: storage.type is file");
        }
        positive(storage.redis.ttl, PREFIX + ".storage.redis.ttl", problems);
        String layout = session.storageLayout == null ? null : session.storageLayout.trim().toLowerCase(Locale.ROOT);
        if (layout != null && !layout.isEmpty() && !STORAGE_LAYOUTS.contains(layout) && !layout.equals("per_session")) {
            problems.add(PREFIX + ".session.storage-layout '" + session.storageLayout
                    + "' is unknown: use wharfkit or per-session");
        } else {
            positive(session.ttl, PREFIX + ".session.ttl", problems);
            if (session.ttl != null && storageLayout() != StorageLayout.PER_SESSION) {
                problems.add(PREFIX + ".session.ttl needs " + PREFIX + ".session.storage-layout per-session (in the"
                        + " wharfkit layout every session is in one entry, which cannot expire session by session)");
            }
        }
    }

    private void checkEsr(List<String> problems) {
        if (!esr.enabled) {
            return;
        }
        String at = PREFIX + ".esr";
        String scope = esr.scope != null ? esr.scope : appName;
        if (scope == null || scope.isBlank()) {
            problems.add(at + ".scope is missing (and " + PREFIX + ".app-name is not set): the account-like name"
                    + " identity requests are scoped to, such as myapp");
        } else {
            try {
                Name.from(scope.trim());
            } catch (RuntimeException e) {
                problems.add(at + ".scope" + (esr.scope == null ? " (from " + PREFIX + ".app-name)" : "") + " is not a name: "
                        + e.getMessage() + "; set " + at + ".scope to an account-like name such as myapp");
            }
        }
        positive(esr.timeout, at + ".timeout", problems);
        if (esr.verifier.clockSkew != null && esr.verifier.clockSkew.isNegative()) {
            problems.add(at + ".verifier.clock-skew must not be negative, got " + esr.verifier.clockSkew);
        }
        positive(esr.verifier.maxLifetime, at + ".verifier.max-lifetime", problems);
        Receiver r = esr.receiver;
        if (r.port < 0 || r.port > 65535) {
            problems.add(at + ".receiver.port " + r.port + " is not in [0, 65535]");
        }
        if (r.publicUrl != null && !httpUrl(r.publicUrl.trim())) {
            problems.add(at + ".receiver.public-url '" + r.publicUrl + "' is not an absolute http or https URL");
        }
        if (r.detached && (r.publicUrl == null || r.publicUrl.isBlank())) {
            problems.add(at + ".receiver.detached needs " + at + ".receiver.public-url: the URL of the application's"
                    + " own callback route");
        }
        RequestSigner s = esr.requestSigner;
        if ((s.account == null) != (s.keyEnv == null)) {
            problems.add(at + ".request-signer needs both account and key-env, or neither");
        }
        if (s.account != null) {
            try {
                Name.from(s.account.trim());
            } catch (RuntimeException e) {
                problems.add(at + ".request-signer.account: " + e.getMessage());
            }
        }
        if (s.keyEnv != null) {
            envName(s.keyEnv, at + ".request-signer.key-env", problems);
        }
    }

    private static void envName(String name, String at, List<String> problems) {
        if (name == null || name.isBlank()) {
            problems.add(at + " is blank: give the name of an environment variable");
        } else if (!safeEnvName(name)) {
            // said without the value: it may be the key itself
            problems.add(at + " is not the name of an environment variable (it looks like a key or holds"
                    + " characters names do not have; the value is not repeated here): put the key in an environment"
                    + " variable and give the variable's name");
        }
    }

    /** Whether {@code s} is shaped like an environment variable's name and not like a private key. */
    static boolean safeEnvName(String s) {
        if (s == null || !ENV_NAME.matcher(s).matches() || s.startsWith("PVT_")) {
            return false;
        }
        try {
            PrivateKey.from(s);
            return false;
        } catch (RuntimeException notAKey) {
            return true;
        }
    }

    static String maskedEnvName(String s) {
        return safeEnvName(s) ? s : "<not a name: masked>";
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void positive(Duration d, String at, List<String> problems) {
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.add(at + " must be positive, got " + d);
        }
    }

    /** The properties, with environment variable names only (a value that is not a name is masked). */
    @Override
    public String toString() {
        List<String> keys = new ArrayList<>();
        wallet.privateKeysEnv.forEach(n -> keys.add(maskedEnvName(n)));
        return "AntelopeKitProperties[appName=" + appName + ", expireSeconds=" + expireSeconds + ", chains=" + chains
                + ", storage=" + storageType() + ", session=" + storageLayout()
                + (session.ttl != null ? " ttl " + session.ttl : "") + ", wallet.privateKeysEnv=" + keys + ", esr=" + esr + "]";
    }

    /** One chain: {@code antelopekit.chains[i].*}. */
    public static class Chain {
        private String id;
        private String name;
        private List<String> urls = new ArrayList<>();
        private String explorer;
        private String systemToken;

        /** The chain id, 64 hex digits (required). */
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        /** A name to look the chain up by in {@link ChainClients} (optional, unique). */
        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        /** The API endpoints, at least one; reads fail over to the next. */
        public List<String> getUrls() {
            return urls;
        }

        public void setUrls(List<String> urls) {
            this.urls = urls == null ? new ArrayList<>() : urls;
        }

        /** A block explorer's transaction URL prefix (optional). */
        public String getExplorer() {
            return explorer;
        }

        public void setExplorer(String explorer) {
            this.explorer = explorer;
        }

        /** The system token's symbol, such as {@code 4,EOS} (optional). */
        public String getSystemToken() {
            return systemToken;
        }

        public void setSystemToken(String systemToken) {
            this.systemToken = systemToken;
        }

        @Override
        public String toString() {
            return "Chain[" + (name != null ? name + " " : "") + id + " " + urls + "]";
        }
    }

    /** {@code antelopekit.client.*}: settings of every chain client (more with a {@link ChainClientCustomizer}). */
    public static class Client {
        private Duration connectTimeout;
        private Duration responseTimeout;

        /** The connect timeout (the client's default when not set). */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /** The response timeout (the client's default when not set). */
        public Duration getResponseTimeout() {
            return responseTimeout;
        }

        public void setResponseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
        }
    }

    /** {@code antelopekit.storage.*}. */
    public static class Storage {
        private String type = "memory";
        private final FileStorage file = new FileStorage();
        private final RedisStorage redis = new RedisStorage();

        /** {@code memory} (the default), {@code file} or {@code redis}. */
        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        /** {@code antelopekit.storage.file.*}. */
        public FileStorage getFile() {
            return file;
        }

        /** {@code antelopekit.storage.redis.*}. */
        public RedisStorage getRedis() {
            return redis;
        }
    }

    /** {@code antelopekit.storage.file.*}. */
    public static class FileStorage {
        private String path;

        /** The JSON file (required with {@code storage.type=file}). */
        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /** {@code antelopekit.storage.redis.*} (needs {@code io.lettuce:lettuce-core}). */
    public static class RedisStorage {
        private String uri;
        private String keyPrefix;
        private Duration ttl;

        /** The server, {@code redis://host:port/db} (or {@code rediss://}); never printed, it may hold a password. */
        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        /** The prefix of the keys (the storage's default when not set). */
        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        /** How long stored entries live after their last change (none when not set). */
        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** {@code antelopekit.session.*}: how the kit keeps its sessions. */
    public static class Session {
        private String storageLayout;
        private Duration ttl;

        /**
         * {@code wharfkit}: WharfKit's two entries, which WharfKit shares; {@code per-session}: one
         * key per session, so that a login, a restore and a logout cost the same however many
         * sessions are stored. When not set: {@code per-session} with {@code storage.type=redis},
         * {@code wharfkit} otherwise. A store written in the other layout is moved with
         * {@code SessionKit.migrateStorage}.
         */
        public String getStorageLayout() {
            return storageLayout;
        }

        public void setStorageLayout(String storageLayout) {
            this.storageLayout = storageLayout;
        }

        /**
         * How long each session lives after its last login, persist or restore (none when not
         * set); needs the {@code per-session} layout.
         */
        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** {@code antelopekit.wallet.*}: the service's own keys. */
    public static class Wallet {
        private List<String> privateKeysEnv = new ArrayList<>();

        /**
         * Names of environment variables, each holding one private key (WIF or {@code PVT_K1_}/
         * {@code PVT_R1_}); with at least one, a {@code WalletPluginPrivateKey} is made.
         */
        public List<String> getPrivateKeysEnv() {
            return privateKeysEnv;
        }

        public void setPrivateKeysEnv(List<String> privateKeysEnv) {
            this.privateKeysEnv = privateKeysEnv == null ? new ArrayList<>() : privateKeysEnv;
        }
    }

    /** {@code antelopekit.esr.*}: the ESR wallet plugin. */
    public static class Esr {
        private boolean enabled;
        private String scope;
        private Duration timeout;
        private final Receiver receiver = new Receiver();
        private final RequestSigner requestSigner = new RequestSigner();
        private final Verifier verifier = new Verifier();

        /** Whether to make the ESR wallet, its callback receiver and an identity proof verifier. */
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The scope of identity requests ({@code app-name} when not set): an account-like name. */
        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        /** How long each request waits for the wallet (the plugin's default, 5 minutes, when not set). */
        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** {@code antelopekit.esr.receiver.*}. */
        public Receiver getReceiver() {
            return receiver;
        }

        /** {@code antelopekit.esr.request-signer.*}. */
        public RequestSigner getRequestSigner() {
            return requestSigner;
        }

        /** {@code antelopekit.esr.verifier.*}. */
        public Verifier getVerifier() {
            return verifier;
        }

        @Override
        public String toString() {
            return enabled ? "Esr[scope=" + scope + ", receiver=" + receiver + "]" : "Esr[disabled]";
        }
    }

    /** {@code antelopekit.esr.receiver.*}: where wallets' callbacks arrive. */
    public static class Receiver {
        private String host = "127.0.0.1";
        private int port;
        private String path;
        private String publicUrl;
        private boolean detached;

        /** The address the server binds ({@code 127.0.0.1} by default; {@code 0.0.0.0} for phones). */
        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        /** The server's port; 0 (the default) picks a free one. */
        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        /** The server's path before the id ({@code /esr-callback} by default). */
        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        /** The callback URLs' start as phones reach it (behind a proxy), or the application's own route when detached. */
        public String getPublicUrl() {
            return publicUrl;
        }

        public void setPublicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
        }

        /**
         * No server of its own: the application's route (WebFlux, for instance) hands callbacks to
         * {@code CallbackReceiver.deliver}; needs {@code public-url}.
         */
        public boolean isDetached() {
            return detached;
        }

        public void setDetached(boolean detached) {
            this.detached = detached;
        }

        @Override
        public String toString() {
            return detached ? "detached " + publicUrl : host + ":" + port + (publicUrl != null ? " as " + publicUrl : "");
        }
    }

    /** {@code antelopekit.esr.request-signer.*}: requests signed as the app's account. */
    public static class RequestSigner {
        private String account;
        private String keyEnv;

        /** The app's account wallets show as the request's origin. */
        public String getAccount() {
            return account;
        }

        public void setAccount(String account) {
            this.account = account;
        }

        /** The NAME of the environment variable holding one of the account's private keys. */
        public String getKeyEnv() {
            return keyEnv;
        }

        public void setKeyEnv(String keyEnv) {
            this.keyEnv = keyEnv;
        }
    }

    /** {@code antelopekit.esr.verifier.*}: the identity proof verifier. */
    public static class Verifier {
        private Duration clockSkew;
        private Duration maxLifetime;

        /** Clock difference allowed (the verifier's default, 30 s, when not set; zero allowed). */
        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        /** How far ahead a proof may expire (the verifier's default, 10 minutes, when not set). */
        public Duration getMaxLifetime() {
            return maxLifetime;
        }

        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }
    }
}
