package io.antelopekit;

import io.antelopekit.test.BlockHoundSupport;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs BlockHound when the test JVM's JUnit session opens, before any test class runs.
 *
 * <p>A thread that was already parked inside an allowed wait (a Reactor scheduler's worker in
 * its queue's {@code take}) when BlockHound was installed is reported when it parks again: the
 * allowance is a flag set on entering the method, and that thread entered it before. Those
 * workers live for the whole JVM, so a class that starts a devnet or a timer without BlockHound,
 * run before the first class that installs it, made that later class fail, depending on the
 * order the classes ran in. Installed first, no worker predates it.
 */
public final class InstallBlockHound implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlockHoundSupport.install();
    }
}
