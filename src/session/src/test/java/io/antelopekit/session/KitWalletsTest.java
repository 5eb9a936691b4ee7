package io.antelopekit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginConfig;
import io.antelopekit.plugin.WalletPluginFactory;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's wallets: lookup by id and rebuilding a stored session's wallet. */
class KitWalletsTest {

    /** Rebuilds a {@link NamedWallet} holding data with {@code "ok":true}; refuses other data; none for {@code {}}. */
    static final class Factory implements WalletPluginFactory {
        final String id;

        Factory(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public WalletPlugin restore(JsonNode data) {
            if (data == null || data.isEmpty()) {
                return null;
            }
            if (!data.path("ok").asBoolean()) {
                throw new IllegalArgumentException("data without ok");
            }
            return new NamedWallet(id, WalletPluginConfig.DEFAULT, data);
        }
    }

    static SerializedSession.WalletData data(String id, String json) {
        return new SerializedSession.WalletData(id, json == null ? null : StoredSessionsTest.json(json));
    }

    private final NamedWallet anchor = new NamedWallet("anchor");
    private final NamedWallet cloud = new NamedWallet("cloud");

    @Test
    void walletsAreFoundByIdInTheirOrder() {
        KitWallets wallets = new KitWallets(List.of(anchor, cloud), Map.of());

        assertThat(wallets.plugins()).containsExactly(anchor, cloud);
        assertThat(wallets.ids()).containsExactly("anchor", "cloud");
        assertThat(wallets.indexOf("cloud")).isEqualTo(1);
        assertThat(wallets.indexOf("other")).isEqualTo(-1);
        assertThat(wallets.registered("anchor")).isTrue();
        assertThat(wallets.registered("other")).isFalse();
        assertThat(wallets.find("cloud")).isSameAs(cloud);
        assertThat(wallets.find("other")).isNull();
        assertThat(wallets.get(0)).isSameAs(anchor);
    }

    @Test
    void aFactoryRebuildsANewInstancePerSession() {
        KitWallets wallets = new KitWallets(List.of(anchor), Map.of("anchor", new Factory("anchor")));

        WalletPlugin first = wallets.rebuild(data("anchor", "{\"ok\":true}"));
        WalletPlugin second = wallets.rebuild(data("anchor", "{\"ok\":true}"));

        assertThat(first).isInstanceOf(NamedWallet.class).isNotSameAs(anchor).isNotSameAs(second);
        assertThat(first.id()).isEqualTo("anchor");
        assertThat(first.data()).isEqualTo(StoredSessionsTest.json("{\"ok\":true}"));
    }

    @Test
    void withoutAnInstanceFromItsFactoryTheRegisteredWalletIsUsed() {
        KitWallets wallets = new KitWallets(List.of(anchor, cloud), Map.of("anchor", new Factory("anchor")));

        assertThat(wallets.rebuild(data("anchor", "{}"))).isSameAs(anchor);
        assertThat(wallets.rebuild(data("anchor", "{\"ok\":false}"))).isSameAs(anchor);
        assertThat(wallets.rebuild(data("cloud", null))).isSameAs(cloud);
    }

    @Test
    void aWalletNeitherRebuiltNorRegisteredIsAnError() {
        KitWallets wallets = new KitWallets(List.of(anchor), Map.of("cloud", new Factory("cloud")));

        assertThatThrownBy(() -> wallets.rebuild(data("cloud", "{\"ok\":false}")))
                .isInstanceOf(SessionException.class)
                .isNotInstanceOf(UnknownWalletException.class)
                .hasMessageContaining("wallet plugin 'cloud' cannot be rebuilt from its stored data")
                .hasMessageContaining("data without ok");
        assertThatThrownBy(() -> wallets.rebuild(data("other", null)))
                .isInstanceOf(UnknownWalletException.class)
                .hasMessage("wallet plugin 'other' is not registered in this kit (it has [anchor]) and no "
                        + "WalletPluginFactory of that id was found");
        assertThatThrownBy(() -> wallets.rebuild(data("cloud", "{}")))
                .isInstanceOf(UnknownWalletException.class);
    }

    @Test
    void factoriesFoundByServiceLoaderGiveWayToThoseGiven() {
        assertThat(KitWallets.factories(List.of(), true).get(WalletPluginPrivateKey.ID))
                .isInstanceOf(WalletPluginPrivateKey.Factory.class);
        Factory mine = new Factory(WalletPluginPrivateKey.ID);
        assertThat(KitWallets.factories(List.of(mine), true).get(WalletPluginPrivateKey.ID)).isSameAs(mine);
        assertThat(KitWallets.factories(List.of(), false)).isEmpty();
        Factory second = new Factory("anchor");
        assertThat(KitWallets.factories(List.of(new Factory("anchor"), second), false))
                .containsExactly(Map.entry("anchor", second));
    }
}
