package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.ui.HeadlessUserInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder's checks of the settings together. */
class KitSettingsCheckTest {

    private final NamedWallet anchor = new NamedWallet("anchor");

    @Test
    void completeSettingsHaveNoProblem() {
        assertThat(KitSettingsCheck.problems("app", List.of(KitFixture.A), HeadlessUserInterface.create(),
                List.of(anchor), List.of(), List.of(), List.of())).isEmpty();
    }

    @Test
    void everyMissingSettingIsNamedWithWhatToCall() {
        assertThat(KitSettingsCheck.problems(" ", List.of(), null, List.of(), List.of(), List.of(), List.of()))
                .containsExactly("appName is missing: call appName(name)",
                        "no chains: call chains(...) with at least one ChainDefinition",
                        "ui is missing: call ui(userInterface)",
                        "no wallet plugins: call walletPlugins(...) with at least one");
    }

    @Test
    void idsGivenTwiceAndWalletsForOtherChainsAreNamed() {
        WalletPlugin elsewhere = new NamedWallet("elsewhere",
                new WalletPluginConfig(false, false, false, List.of(KitChainsTest.C.id())));

        List<String> problems = KitSettingsCheck.problems("app", List.of(KitFixture.A, KitFixture.B, KitFixture.A),
                HeadlessUserInterface.create(), List.of(anchor, new NamedWallet("anchor"), elsewhere), List.of(),
                List.of(), List.of(new AccountCreationTest.Creator("c", KitChainsTest.C.id())));

        assertThat(problems).containsExactly(
                "chain id " + KitFixture.A.id() + " is given twice (chains[0] and chains[2])",
                "walletPlugins id 'anchor' is given twice (walletPlugins[0] and walletPlugins[1])",
                "wallet plugin 'elsewhere' supports none of the kit's chains (it supports [" + KitChainsTest.C.id() + "])",
                "account creation plugin 'c' supports none of the kit's chains (it supports [" + KitChainsTest.C.id()
                        + "])");
    }
}
