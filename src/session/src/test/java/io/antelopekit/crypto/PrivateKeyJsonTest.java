package io.antelopekit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.model.ChainJson;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.plugin.CreateAccountResponse;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 17, finding 11: reading a private key from JSON once threw Jackson's
 * {@code InvalidDefinitionException}, whose message held the whole key. Every JSON entry point
 * that can meet a key string is fed valid and malformed keys here, and every message of every
 * exception (causes and suppressed included) and every log line is searched for them.
 */
class PrivateKeyJsonTest {

    private static final PrivateKey K1 = PrivateKey.generate(KeyType.K1);
    private static final PrivateKey R1 = PrivateKey.generate(KeyType.R1);

    /** Valid keys in every text form. */
    private static final List<String> VALID = List.of(K1.toSecretString(), K1.toWif(), R1.toSecretString());

    /** Malformed keys, each close enough to a real one to be a secret all the same. */
    private static final List<String> MALFORMED = malformed();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    record Config(String name, PrivateKey key) {
    }

    record Keys(List<PrivateKey> keys, Map<String, PrivateKey> byName) {
    }

    private static List<String> malformed() {
        List<String> out = new ArrayList<>();
        for (String k : List.of(K1.toSecretString(), K1.toWif(), R1.toSecretString())) {
            char last = k.charAt(k.length() - 1);
            out.add(k.substring(0, k.length() - 1) + (last == 'A' ? 'B' : 'A')); // checksum mismatch
            out.add(k.substring(0, k.length() - 3));                             // truncated
            out.add(k.substring(0, k.length() - 5) + "0OIl" + last);             // not base58
            out.add(k + "xyz");                                                  // too long
        }
        String body = K1.toSecretString().substring("PVT_K1_".length());
        out.add("PVT_X1_" + body);                                               // unknown type
        out.add("PVT_WA_" + body);                                               // not a private key type
        out.add("PVT" + body);
        out.add("  " + K1.toSecretString().toLowerCase(java.util.Locale.ROOT) + "  ");
        return List.copyOf(out);
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        logs.stop();
    }

    @Test
    void validKeyStringsReadBackAsTheSameKey() throws Exception {
        for (ObjectMapper mapper : List.of(new ObjectMapper(), ChainJson.mapper())) {
            assertThat(mapper.readValue(quoted(K1.toSecretString()), PrivateKey.class).toPublic()).isEqualTo(K1.toPublic());
            assertThat(mapper.readValue(quoted(K1.toWif()), PrivateKey.class).toPublic()).isEqualTo(K1.toPublic());
            assertThat(mapper.readValue("{\"name\":\"bot\",\"key\":" + quoted(R1.toSecretString()) + "}", Config.class)
                    .key().toPublic()).isEqualTo(R1.toPublic());
        }
        assertNoSecretAnywhere(List.of());
    }

    @Test
    void malformedKeysFailWithATypedErrorThatNamesThePlaceButNotTheValue() {
        List<Throwable> errors = new ArrayList<>();
        for (String bad : MALFORMED) {
            for (ObjectMapper mapper : List.of(new ObjectMapper(), ChainJson.mapper())) {
                Throwable root = catchThrowable(() -> mapper.readValue(quoted(bad), PrivateKey.class));
                assertThat(root).as("root value").isInstanceOf(PrivateKeyJsonException.class);
                assertThat(((PrivateKeyJsonException) root).pointer()).isEmpty();
                errors.add(root);

                Throwable field = catchThrowable(() -> mapper.readValue(
                        "{\"name\":\"bot\",\"key\":" + quoted(bad) + "}", Config.class));
                assertThat(field).isInstanceOf(PrivateKeyJsonException.class).hasMessageContaining("/key");
                assertThat(((PrivateKeyJsonException) field).pointer()).isEqualTo("/key");
                errors.add(field);

                Throwable inList = catchThrowable(() -> mapper.readValue("{\"keys\":[" + quoted(K1.toSecretString()) + ","
                        + quoted(bad) + "]}", Keys.class));
                assertThat(inList).isInstanceOf(PrivateKeyJsonException.class).hasMessageContaining("/keys/1");
                errors.add(inList);

                Throwable inMap = catchThrowable(() -> mapper.readValue("{\"byName\":{\"hot\":" + quoted(bad) + "}}",
                        Keys.class));
                assertThat(inMap).isInstanceOf(PrivateKeyJsonException.class).hasMessageContaining("/byName/hot");
                errors.add(inMap);

                Throwable list = catchThrowable(() -> mapper.readValue("[" + quoted(bad) + "]",
                        new TypeReference<List<PrivateKey>>() { }));
                assertThat(list).isInstanceOf(PrivateKeyJsonException.class);
                errors.add(list);

                JsonNode tree = mapper.createObjectNode().put("name", "bot").put("key", bad);
                errors.add(catchThrowable(() -> mapper.treeToValue(tree, Config.class)));
                errors.add(catchThrowable(() -> mapper.convertValue(Map.of("key", bad), Config.class)));
                errors.add(catchThrowable(() -> mapper.readValue("{\"chain\":{\"id\":\"" + "0".repeat(64)
                        + "\",\"url\":\"http://127.0.0.1:1\"},\"accountName\":\"alice\",\"privateKey\":" + quoted(bad) + "}",
                        CreateAccountResponse.class)));
            }
        }
        assertThat(errors).doesNotContainNull();
        assertNoSecretAnywhere(errors);
    }

    @Test
    void valuesThatAreNotStringsAreRefusedWithoutQuotingThem() {
        List<Throwable> errors = new ArrayList<>();
        ObjectMapper mapper = ChainJson.mapper();
        String secret = K1.toSecretString();
        for (String json : List.of("{\"key\":{\"wif\":" + quoted(secret) + "}}", "{\"key\":[" + quoted(secret) + "]}",
                "{\"key\":12345}", "{\"key\":true}")) {
            Throwable e = catchThrowable(() -> mapper.readValue(json, Config.class));
            assertThat(e).isInstanceOf(PrivateKeyJsonException.class).hasMessageContaining("at /key")
                    .hasMessageContaining("expected a key string");
            errors.add(e);
        }
        assertNoSecretAnywhere(errors);
    }

    @Test
    void writingAKeyIsStillRefused() {
        Throwable e = catchThrowable(() -> ChainJson.mapper().writeValueAsString(new Config("bot", K1)));
        assertThat(e).hasMessageContaining("refusing to serialize private key");
        assertNoSecretAnywhere(List.of(e));
    }

    @Test
    void storedWalletDataWithAMalformedKeyFailsToRestoreWithoutQuotingIt() {
        List<Throwable> errors = new ArrayList<>();
        List<Throwable> kitErrors = new ArrayList<>();
        WalletPluginPrivateKey.Factory factory = new WalletPluginPrivateKey.Factory();
        for (String bad : MALFORMED) {
            errors.add(catchThrowable(() -> factory.restore(ChainJson.mapper().createObjectNode().put("privateKey", bad))));
            JsonNode many = ChainJson.mapper().createObjectNode().set("privateKeys",
                    ChainJson.mapper().createArrayNode().add(K1.toSecretString()).add(bad));
            errors.add(catchThrowable(() -> factory.restore(many)));

            // through the kit: a session file whose stored wallet data holds the malformed key
            ReactiveSessionStorage storage = ReactiveSessionStorage.inMemory();
            Checksum256 chainId = Checksum256.from("f".repeat(64));
            String stored = "{\"actor\":\"alice\",\"permission\":\"active\",\"chain\":\"" + chainId
                    + "\",\"walletPlugin\":{\"id\":\"" + WalletPluginPrivateKey.ID + "\",\"data\":{\"privateKey\":"
                    + quoted(bad) + "}}}";
            storage.write(SessionKit.SESSION_KEY, stored).block(Duration.ofSeconds(10));
            storage.write(SessionKit.SESSIONS_KEY, "[" + stored.replace("}}}", "}},\"default\":true}") + "]")
                    .block(Duration.ofSeconds(10));
            SessionKit kit = SessionKit.builder().appName("keys")
                    .chains(ChainDefinition.of(chainId, "http://127.0.0.1:9"))
                    .ui(HeadlessUserInterface.create())
                    .walletPlugins(WalletPluginPrivateKey.of(K1))
                    .storage(storage)
                    .build();
            try {
                // the kit refuses the session (an error, or no session with the reason logged)
                Throwable restore = catchThrowable(() -> assertThat(kit.restore().blockOptional(Duration.ofSeconds(10)))
                        .isEmpty());
                if (!(restore instanceof AssertionError)) {
                    kitErrors.add(restore);
                }
                Throwable all = catchThrowable(() -> assertThat(kit.restoreAll().collectList().block(Duration.ofSeconds(10)))
                        .isEmpty());
                if (!(all instanceof AssertionError)) {
                    kitErrors.add(all);
                }
            } finally {
                kit.dispose();
            }
        }
        assertThat(errors).doesNotContainNull();
        assertThatThrownBy(() -> { throw errors.get(0); }).isInstanceOf(InvalidKeyException.class);
        errors.addAll(kitErrors);
        assertNoSecretAnywhere(errors);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    /** No key string, nor a 10-character piece of one, in any message, stack or log line. */
    private void assertNoSecretAnywhere(List<Throwable> errors) {
        List<String> texts = new ArrayList<>();
        for (Throwable e : errors) {
            collect(e, texts, 0);
        }
        synchronized (logs) {
            for (ILoggingEvent event : logs.list) {
                texts.add(event.getFormattedMessage());
                if (event.getThrowableProxy() != null) {
                    texts.add(event.getThrowableProxy().getMessage());
                }
            }
        }
        List<String> secrets = new ArrayList<>(VALID);
        secrets.addAll(MALFORMED);
        for (String secret : secrets) {
            List<String> pieces = pieces(secret.strip());
            for (String text : texts) {
                if (text == null) {
                    continue;
                }
                for (String piece : pieces) {
                    assertThat(text).as("a message or log line").doesNotContain(piece);
                }
            }
        }
    }

    private static void collect(Throwable e, List<String> texts, int depth) {
        if (e == null || depth > 10) {
            return;
        }
        texts.add(e.getMessage());
        texts.add(e.toString());
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            texts.add(j.getOriginalMessage());
        }
        for (Throwable s : e.getSuppressed()) {
            collect(s, texts, depth + 1);
        }
        collect(e.getCause(), texts, depth + 1);
    }

    /** The secret part of a key string cut into overlapping 10-character pieces. */
    private static List<String> pieces(String key) {
        String body = key.startsWith("PVT_") && key.length() > 7 ? key.substring(7) : key;
        Function<Integer, String> at = i -> body.substring(i, Math.min(body.length(), i + 10));
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 10 <= body.length(); i += 5) {
            out.add(at.apply(i));
        }
        return out;
    }
}
