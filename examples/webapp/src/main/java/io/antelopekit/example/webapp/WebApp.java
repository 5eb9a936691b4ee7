package io.antelopekit.example.webapp;

import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.devnet.Genesis;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The example web application: sign in with a wallet, see the account's balances, send a
 * transfer signed by the user's wallet (a signing request shown as a QR code) or by the service's
 * own key, and follow the transaction live to {@code IRREVERSIBLE}; a Spring Boot WebFlux
 * application against an embedded devnet.
 *
 * <pre>
 * mvn -B -q test-compile exec:java@webapp                      # http://127.0.0.1:8080/
 * mvn -B -q test-compile exec:java@webapp -Dexec.args="--server.port=9090"
 * </pre>
 *
 * <p>{@link #main} starts a devnet (blocks every 500 ms, on {@code 127.0.0.1}) and the
 * application, prints the page's URL and the chain id, and runs until stopped (Ctrl-C).
 * {@link #start(Devnet, String...)} runs the application against a devnet the caller owns (a
 * test). Options are Spring Boot's ({@code --server.port=0} picks a free port) and
 * {@code --webapp.public-url=http://192.168.1.20:8080}: the address wallets post their
 * callbacks to and the page is reached at ({@code http://127.0.0.1:<port>} by default).
 *
 * <p>The service's account is {@value #SERVICE_ACCOUNT}; its key is the devnet's documented dev
 * key of that account, handed to the private-key wallet as a bean, never printed or put in a
 * property. The dev accounts {@code alice}, {@code bob}, {@code carol} and {@code dave} hold
 * {@code 1000000.0000 EOS} each; the page's "devnet test wallet" answers signing requests for
 * them (an {@code EsrTestWallet}), for people trying the example without a wallet app.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WebApp {

    /** The service's account on the devnet: it signs the "service pays" transfers with its own key. */
    public static final String SERVICE_ACCOUNT = "webapp";

    /** The port when none is given: {@value}. */
    public static final int DEFAULT_PORT = 8080;

    /** The path of the route the wallets' signing-request callbacks arrive at (before the id). */
    public static final String CALLBACK_PATH = "/esr-callback";

    /** The bean name of the embedded devnet. */
    static final String DEVNET_BEAN = "webappDevnet";

    /** Runs a devnet and the application until stopped. */
    public static void main(String[] args) {
        Devnet devnet = Devnet.builder().genesis(genesis()).start();
        ConfigurableApplicationContext context;
        try {
            context = start(devnet, args);
        } catch (RuntimeException e) {
            devnet.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            devnet.stop();
        }, "webapp-shutdown"));
        WebAppSettings settings = context.getBean(WebAppSettings.class);
        System.out.println();
        System.out.println("antelopekit example web application");
        System.out.println("  page      " + settings.publicUrl() + "/");
        System.out.println("  chain id  " + settings.chainId() + " (embedded devnet at " + devnet.url() + ")");
        System.out.println("  service   " + settings.serviceAccount() + " (signs the \"service pays\" transfers)");
        System.out.println("  accounts  " + String.join(", ", settings.devAccounts())
                + " (the page's devnet test wallet answers for them)");
        System.out.println("Ctrl-C to stop");
        System.out.flush();
    }

    /**
     * The devnet's genesis: the default dev accounts with {@code 1000000.0000 EOS} each, and the
     * service's account {@value #SERVICE_ACCOUNT} with as much.
     */
    public static Genesis genesis() {
        Genesis.Builder b = Genesis.builder().token("eosio", "10000000000.0000 EOS");
        for (String user : Devnet.DEV_ACCOUNTS) {
            b.account(user).balance(user, "1000000.0000 EOS");
        }
        return b.account(SERVICE_ACCOUNT).balance(SERVICE_ACCOUNT, "1000000.0000 EOS").build();
    }

    /**
     * Starts the application against {@code devnet} (which the caller keeps owning and stops
     * after closing the context). {@code --server.port=0} picks a free port before the start, so
     * the callback URLs name the real port.
     *
     * @param devnet a running devnet whose genesis has the {@value #SERVICE_ACCOUNT} account (see {@link #genesis()})
     * @param args Spring Boot's command-line arguments
     * @return the running application
     */
    public static ConfigurableApplicationContext start(Devnet devnet, String... args) {
        Objects.requireNonNull(devnet, "devnet");
        List<String> all = new ArrayList<>(List.of(args));
        String portArg = option(all, "server.port");
        int port = portArg == null ? DEFAULT_PORT : Integer.parseInt(portArg.trim());
        if (port == 0) {
            port = freePort(option(all, "server.address"));
            all.removeIf(a -> a.startsWith("--server.port="));
            all.add("--server.port=" + port);
        }
        String publicUrl = option(all, "webapp.public-url");
        if (publicUrl == null) {
            publicUrl = "http://127.0.0.1:" + port;
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;

        Map<String, Object> defaults = new LinkedHashMap<>();
        // the settings file is webapp.properties, not application.properties: the example shares
        // the SDK's test class path, where other tests start Spring applications of their own
        defaults.put("spring.config.name", "webapp");
        defaults.put("server.port", port);
        defaults.put("webapp.public-url", publicUrl);
        defaults.put("antelopekit.chains[0].id", devnet.chainId().toString());
        defaults.put("antelopekit.chains[0].name", "devnet");
        defaults.put("antelopekit.chains[0].urls[0]", devnet.url());
        defaults.put("antelopekit.chains[0].system-token", "4,EOS");
        defaults.put("antelopekit.esr.enabled", "true");
        defaults.put("antelopekit.esr.receiver.detached", "true");
        defaults.put("antelopekit.esr.receiver.public-url", publicUrl + CALLBACK_PATH);
        defaults.put("antelopekit.sign-in.public-url", publicUrl);

        SpringApplication app = new SpringApplication(WebApp.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        app.setDefaultProperties(defaults);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton(DEVNET_BEAN, devnet));
        return app.run(all.toArray(String[]::new));
    }

    /** The value of {@code --name=value} among the arguments (the last one), or {@code null}. */
    private static String option(List<String> args, String name) {
        String prefix = "--" + name + "=";
        String value = null;
        for (String a : args) {
            if (a.startsWith(prefix)) {
                value = a.substring(prefix.length());
            }
        }
        return value;
    }

    private static int freePort(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1,
                InetAddress.getByName(address == null ? "127.0.0.1" : address))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port to run the web application on", e);
        }
    }

    /** The documented dev key of the service's account (public test keys of the devnet). */
    static DevAccount serviceDevAccount() {
        return DevAccount.of(SERVICE_ACCOUNT);
    }
}
