package io.antelopekit.esr;

import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.chain.Chains;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain presets against the signing request protocol's chain alias table. */
class ChainsTest {

    @Test
    void everyPresetInTheAliasTableHasTheAliasOfItsChain() {
        Map<ChainDefinition, Integer> expected = Map.of(Chains.EOS, 1, Chains.TELOS, 2, Chains.KYLIN, 4,
                Chains.WAX, 10, Chains.XPR, 11, Chains.FIO, 12);
        expected.forEach((chain, alias) -> assertThat(ChainAliases.chainId(alias)).as(chain.name()).isEqualTo(chain.id()));
        int aliased = 0;
        for (ChainDefinition c : Chains.all()) {
            int alias = ChainAliases.alias(c.id());
            assertThat(alias).as(c.name()).isEqualTo(expected.getOrDefault(c, 0));
            aliased += alias == 0 ? 0 : 1;
        }
        assertThat(aliased).isEqualTo(expected.size());
    }

    @Test
    void idsAndNamesAreUniqueAndEveryPresetIsComplete() {
        Set<Checksum256> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ChainDefinition c : Chains.all()) {
            assertThat(ids.add(c.id())).as("id of " + c.name()).isTrue();
            assertThat(names.add(c.name())).as(c.name()).isTrue();
            assertThat(c.url()).as(c.name()).startsWith("https://");
            assertThat(c.systemToken()).as(c.name()).isNotNull();
            assertThat(c.systemToken().chain()).isEqualTo(c.id());
            if (c.logo() != null) {
                assertThat(c.logo().toString()).startsWith("https://assets.wharfkit.com/chain/");
            }
            assertThat(Chains.byId(c.id())).contains(c);
        }
        assertThat(ids).hasSize(14);
        assertThat(Chains.JUNGLE4.id()).isEqualTo(Checksum256.from("73e4385a2708e6d7048834fbc1079f2fabb17b3c125b146af438971e90716c4d"));
        assertThat(Chains.EOS.explorerUrl(Chains.EOS.id())).isEqualTo("https://bloks.io/transaction/" + Chains.EOS.id());
        assertThat(Chains.WAX.systemToken().symbol().toString()).isEqualTo("8,WAX");
        assertThat(Chains.byId(Checksum256.hash(new byte[0]))).isEmpty();
    }
}
