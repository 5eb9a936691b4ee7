package io.antelopekit.spring.security;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.esr.IdentityProofVerifier;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionKit;
import io.antelopekit.storage.ReactiveSessionStorage;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.ui.HeadlessUserInterface;
import io.antelopekit.wallet.esr.CallbackReceiver;
import io.antelopekit.wallet.esr.WalletPluginSigningRequest;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing of the sign-in's Spring Security wiring reads the OS's entropy on an event loop: with
 * the JVM's default {@code SecureRandom} replaced by one that reads a file on every call (what
 * the JDK's {@code NativePRNG} does whenever its buffer is older than 100 ms, made certain
 * here), BlockHound sees any such read. The browser's whole flow runs: CSRF token, masked token,
 * web session, sign-in request, events, completion refused.
 */
@ExtendWith(BlockHoundSupport.class)
class CsrfRandomnessTest {

    static final Checksum256 CHAIN =
            Checksum256.from("aca376f206b8fc25a6ed44dbdc66547c36c6c33e3a119ffbeaef943642f0e906");

    /** Reads {@code /dev/urandom} on every call, as an old-buffered {@code NativePRNG} does. */
    public static final class FileReadingRandom extends SecureRandomSpi {
        static final AtomicInteger READS = new AtomicInteger();

        @Override
        protected void engineSetSeed(byte[] seed) {
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            READS.incrementAndGet();
            try (FileInputStream in = new FileInputStream("/dev/urandom")) {
                int off = 0;
                while (off < bytes.length) {
                    int n = in.read(bytes, off, bytes.length - off);
                    if (n < 0) {
                        throw new IOException("end of /dev/urandom");
                    }
                    off += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int n) {
            byte[] b = new byte[n];
            engineNextBytes(b);
            return b;
        }
    }

    static final class FileReadingProvider extends Provider {
        FileReadingProvider() {
            super("FileReadingRandom", "1.0", "a SecureRandom that reads a file on every call");
            put("SecureRandom.FileReading", FileReadingRandom.class.getName());
        }
    }

    static FileReadingProvider provider;
    static ChainClient client;
    static SessionKit kit;
    static SignInTestApp app;

    @BeforeAll
    static void start() {
        provider = new FileReadingProvider();
        Security.insertProviderAt(provider, 1);
        client = ChainClient.create("http://127.0.0.1:9");
        IdentityProofVerifier verifier = IdentityProofVerifier.builder().chain(CHAIN, client)
                .scope(Name.from("testapp")).build();
        WalletPluginSigningRequest esr = WalletPluginSigningRequest.builder()
                .receiver(CallbackReceiver.detached("http://127.0.0.1:9/unused")).verifier(verifier).build();
        kit = SessionKit.builder().appName("testapp").chains(ChainDefinition.of(CHAIN, "http://127.0.0.1:9"))
                .ui(HeadlessUserInterface.create()).walletPlugins(esr).storage(ReactiveSessionStorage.inMemory())
                .build();
        app = SignInTestApp.start();
        WalletSignIn signIn = WalletSignIn.builder().kit(kit).authenticationManager(
                IdentityProofAuthenticationManager.of(verifier)).publicUrl(app.url()).build();
        // the security chain (and Spring's CSRF handler, with its new SecureRandom()) made now
        app.install(signIn);
    }

    @AfterAll
    static void stop() {
        Security.removeProvider(provider.getName());
        if (app != null) {
            app.close();
        }
        if (kit != null) {
            kit.dispose();
        }
        if (client != null) {
            client.dispose();
        }
    }

    @Test
    void theDefaultSecureRandomIsTheFileReadingOne() {
        int before = FileReadingRandom.READS.get();
        new SecureRandom().nextBytes(new byte[4]);
        assertThat(new SecureRandom().getProvider()).isSameAs(provider);
        assertThat(FileReadingRandom.READS.get()).isGreaterThan(before);
    }

    @Test
    void theBrowsersFlowReadsNoEntropyOnAnEventLoop() {
        for (int i = 0; i < 3; i++) {
            Browser browser = new Browser(app.url()).withCsrf();
            // a second token in the same session: masked anew
            browser.withCsrf();
            Browser.Answer created = browser.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String id = created.json().get("id").asText();
            Browser.Answer complete = browser.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests/" + id + "/complete");
            assertThat(complete.status()).as(complete.body()).isEqualTo(401);
            assertThat(complete.json().get("reason").asText()).isEqualTo("PENDING");
            Browser.Answer form = browser.post(WalletSignIn.DEFAULT_BASE_PATH + "/requests",
                    MediaType.APPLICATION_FORM_URLENCODED, "chainId=" + CHAIN);
            assertThat(form.status()).as(form.body()).isEqualTo(200);
        }
    }
}
