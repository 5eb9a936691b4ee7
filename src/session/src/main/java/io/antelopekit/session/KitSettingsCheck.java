package io.antelopekit.session;

import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.plugin.AccountCreationPlugin;
import io.antelopekit.plugin.LoginPlugin;
import io.antelopekit.plugin.TransactPlugin;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks {@link SessionKit.Builder#build()} makes of the settings together: every missing
 * or contradictory setting, each named with what to call or which two entries clash.
 */
final class KitSettingsCheck {

    private KitSettingsCheck() {
    }

    /**
     * The problems of these settings, in a fixed order; empty when there are none.
     *
     * @return no app name, no chains, a chain id twice, no UI, no wallets, a plugin id twice
     *     (wallet, login, transact, account creation), a wallet or account creation plugin that
     *     supports none of the chains
     */
    static List<String> problems(String appName, List<ChainDefinition> chains, UserInterface ui,
            List<WalletPlugin> walletPlugins, List<LoginPlugin> loginPlugins, List<TransactPlugin> transactPlugins,
            List<AccountCreationPlugin> accountCreationPlugins) {
        List<String> problems = new ArrayList<>();
        if (appName == null || appName.isBlank()) {
            problems.add("appName is missing: call appName(name)");
        }
        if (chains.isEmpty()) {
            problems.add("no chains: call chains(...) with at least one ChainDefinition");
        }
        Map<Checksum256, Integer> chainIds = new HashMap<>();
        for (int i = 0; i < chains.size(); i++) {
            Integer first = chainIds.putIfAbsent(chains.get(i).id(), i);
            if (first != null) {
                problems.add("chain id " + chains.get(i).id() + " is given twice (chains[" + first + "] and chains["
                        + i + "])");
            }
        }
        if (ui == null) {
            problems.add("ui is missing: call ui(userInterface)");
        }
        if (walletPlugins.isEmpty()) {
            problems.add("no wallet plugins: call walletPlugins(...) with at least one");
        }
        duplicates(walletPlugins, WalletPlugin::id, "walletPlugins", problems);
        duplicates(loginPlugins, LoginPlugin::id, "loginPlugins", problems);
        duplicates(transactPlugins, TransactPlugin::id, "transactPlugins", problems);
        duplicates(accountCreationPlugins, AccountCreationPlugin::id, "accountCreationPlugins", problems);
        if (!chains.isEmpty()) {
            Set<Checksum256> ids = chainIds.keySet();
            for (WalletPlugin w : walletPlugins) {
                if (ids.stream().noneMatch(id -> w.config().supports(id))) {
                    problems.add("wallet plugin '" + w.id() + "' supports none of the kit's chains (it supports "
                            + w.config().supportedChains() + ")");
                }
            }
            for (AccountCreationPlugin p : accountCreationPlugins) {
                if (ids.stream().noneMatch(id -> p.config().supports(id))) {
                    problems.add("account creation plugin '" + p.id() + "' supports none of the kit's chains "
                            + "(it supports " + p.config().supportedChains() + ")");
                }
            }
        }
        return problems;
    }

    private static <T> void duplicates(List<T> items, Function<T, String> id, String what, List<String> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = id.apply(items.get(i));
            Integer first = seen.putIfAbsent(key, i);
            if (first != null) {
                problems.add(what + " id '" + key + "' is given twice (" + what + "[" + first + "] and " + what
                        + "[" + i + "])");
            }
        }
    }
}
