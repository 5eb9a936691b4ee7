package io.antelopekit.wallet.privatekey;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.test.WalletPluginTestKit;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.session.SessionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The private-key wallet: the test kit with two keys (the chain says which one alice needs), and its data. */
class WalletPluginPrivateKeyTest implements WalletPluginTestKit {

    static Devnet devnet;
    static ChainClient client;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(200)));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        client = ChainClient.create(devnet.url());
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    @Override
    public WalletPlugin wallet() {
        return WalletPluginPrivateKey.of(DevAccount.of("bob").privateKey(), DevAccount.of("alice").privateKey());
    }

    @Override
    public ChainDefinition chain() {
        return ChainDefinition.of(devnet.chainId(), devnet.url());
    }

    @Override
    public ChainClient client() {
        return client;
    }

    @Override
    public PermissionLevel signer() {
        return DevAccount.of("alice").active();
    }

    @Override
    public List<PublicKey> expectedKeys() {
        return List.of(DevAccount.of("alice").publicKey());
    }

    @Test
    void keysAreSerializedOnlyWhenAskedFor() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        WalletPluginPrivateKey w = WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey());
        assertThat(mapper.writeValueAsString(w.data())).isEqualTo("{}");
        assertThat(w.toString()).doesNotContain("PVT_").contains(DevAccount.of("alice").publicKey().toString());
        assertThatThrownBy(() -> new WalletPluginPrivateKey.Factory().restore(w.data()))
                .isInstanceOf(SessionException.class).hasMessageContaining("no private key");
        String json = mapper.writeValueAsString(w.withKeysSerialized().data());
        assertThat(json).contains("privateKey");
        WalletPluginPrivateKey back = (WalletPluginPrivateKey) new WalletPluginPrivateKey.Factory()
                .restore(mapper.readTree(json));
        assertThat(back.publicKeys()).containsExactly(DevAccount.of("alice").publicKey());
        assertThatThrownBy(() -> WalletPluginPrivateKey.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
