package io.antelopekit.wallet.esr;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.esr.testing.EsrTestWallet;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.test.WalletPluginTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

/**
 * The wallet test kit on the signing-request wallet: every request it makes (the identity request
 * of a login, the transaction to sign) is shown on a user interface that {@link EsrTestWallet}
 * answers as alice, through a real {@link CallbackReceiver} on 127.0.0.1.
 */
@ExtendWith(BlockHoundSupport.class)
class WalletPluginSigningRequestKitTest implements WalletPluginTestKit {

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.create();

    static ChainClient client;
    static CallbackReceiver receiver;

    @BeforeAll
    static void start() {
        client = ChainClient.create(DEVNET.url());
        receiver = CallbackReceiver.builder().host("127.0.0.1").port(0).start().block(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        receiver.close().block(Duration.ofSeconds(60));
        client.dispose();
    }

    @Override
    public WalletPlugin wallet() {
        return WalletPluginSigningRequest.builder().receiver(receiver).scope(Name.from("kittest")).build();
    }

    @Override
    public UserInterface userInterface() {
        return EsrTestWallet.of(DevAccount.of("alice").privateKey(), signer(), client).userInterface();
    }

    @Override
    public ChainDefinition chain() {
        return ChainDefinition.of(DEVNET.chainId(), DEVNET.url());
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
}
