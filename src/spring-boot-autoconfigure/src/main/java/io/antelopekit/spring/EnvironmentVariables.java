package io.antelopekit.spring;

/**
 * Where the private keys named by {@code antelopekit.wallet.private-keys-env} and
 * {@code antelopekit.esr.request-signer.key-env} are read: the process environment
 * ({@link System#getenv(String)}), and nothing else. Not Spring's {@code Environment}, which also
 * resolves property files and command-line arguments: a key must never be a property value.
 *
 * <p>Package-private on purpose: a test of this package defines a bean of this type because a
 * test cannot set its own process's environment. An application that keeps its keys elsewhere
 * (a vault) defines its own {@code WalletPluginPrivateKey} bean instead.
 */
@FunctionalInterface
interface EnvironmentVariables {

    /** The process environment. */
    EnvironmentVariables SYSTEM = System::getenv;

    /** The variable's value, or {@code null} when it is not set. */
    String get(String name);
}
