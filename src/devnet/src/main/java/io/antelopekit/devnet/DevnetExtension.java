package io.antelopekit.devnet;

import io.antelopekit.chain.Checksum256;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A running {@link Devnet} for a JUnit 5 test class (JUnit Jupiter is an optional dependency of
 * this module: add {@code junit-jupiter} to your tests).
 *
 * <p>Registered on a {@code static} field, one devnet serves the whole class: it starts before
 * the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods. Registered
 * on an instance field, each test gets a fresh devnet. {@link #devnet()} returns it, and a test or
 * lifecycle method may also take a {@code Devnet} parameter. {@code @Nested} classes share their
 * outer class's devnet.
 *
 * <pre>{@code
 * class TransferTest {
 *     @RegisterExtension
 *     static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));
 *
 *     @Test
 *     void aTransferLands() {
 *         ChainClient client = ChainClient.create(DEVNET.url());
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class DevnetExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final UnaryOperator<Devnet.Builder> configuration;
    private volatile Devnet devnet;
    /** Whether the devnet was started for one test only (an instance field's extension). */
    private volatile boolean perTest;
    /** Classes being run that use the devnet: the test class and its {@code @Nested} classes. */
    private int classes;

    private DevnetExtension(UnaryOperator<Devnet.Builder> configuration) {
        this.configuration = configuration;
    }

    /** A devnet with the defaults of {@link Devnet#builder()} (blocks every 500 ms, a free port). */
    public static DevnetExtension create() {
        return new DevnetExtension(UnaryOperator.identity());
    }

    /**
     * A devnet configured by {@code configuration}, e.g. {@code b -> b.manualBlockProduction()}.
     *
     * @throws NullPointerException when {@code configuration} is null
     */
    public static DevnetExtension of(UnaryOperator<Devnet.Builder> configuration) {
        return new DevnetExtension(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * The running devnet.
     *
     * @throws IllegalStateException outside the tests and lifecycle methods it serves
     */
    public Devnet devnet() {
        Devnet d = devnet;
        if (d == null) {
            throw new IllegalStateException("the devnet is not running: register DevnetExtension with "
                    + "@RegisterExtension and use it from a test or a lifecycle method");
        }
        return d;
    }

    /** The running devnet's URL ({@link Devnet#url()}). */
    public String url() {
        return devnet().url();
    }

    /** The running devnet's chain id ({@link Devnet#chainId()}). */
    public Checksum256 chainId() {
        return devnet().chainId();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (classes++ == 0) { // a @Nested class shares its outer class's devnet
            start();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classes == 0) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (devnet == null) { // registered on an instance field: JUnit called no beforeAll
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            perTest = false;
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Devnet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Devnet d = devnet;
        if (d == null) {
            // a @BeforeAll parameter of an instance field's extension: nothing runs yet
            throw new ParameterResolutionException("no devnet is running for " + parameter.getDeclaringExecutable()
                    + ": register DevnetExtension on a static field to use it in @BeforeAll");
        }
        return d;
    }

    private void start() {
        Devnet.Builder builder = Objects.requireNonNull(configuration.apply(Devnet.builder()),
                "the configuration returned no builder");
        devnet = builder.start();
    }

    private void stop() {
        Devnet d = devnet;
        devnet = null;
        if (d != null) {
            d.close();
        }
    }

    @Override
    public String toString() {
        Devnet d = devnet;
        return "DevnetExtension[" + (d != null ? d : "not running") + "]";
    }
}
