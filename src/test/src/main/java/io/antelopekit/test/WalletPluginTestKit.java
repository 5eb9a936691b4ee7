package io.antelopekit.test;

import io.antelopekit.session.Contexts;
import io.antelopekit.plugin.WalletPlugin;
import io.antelopekit.plugin.WalletPluginLoginResponse;
import io.antelopekit.plugin.WalletPluginSignResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Asset;
import io.antelopekit.chain.BinaryWriter;
import io.antelopekit.chain.Bytes;
import io.antelopekit.chain.Checksum256;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.PermissionLevel;
import io.antelopekit.chain.TimePointSec;
import io.antelopekit.chain.transaction.Transaction;
import io.antelopekit.chain.transaction.TransactionHeader;
import io.antelopekit.crypto.PublicKey;
import io.antelopekit.crypto.Signature;
import io.antelopekit.plugin.UserInterface;
import io.antelopekit.chain.ChainDefinition;
import io.antelopekit.plugin.LoginContext;
import io.antelopekit.plugin.TransactContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests every {@link WalletPlugin} inherits: implement the few methods below in a test class.
 *
 * <pre>{@code
 * class MyWalletTest implements WalletPluginTestKit { ... }
 * }</pre>
 */
public interface WalletPluginTestKit {

    Duration TIMEOUT = Duration.ofSeconds(30);

    /** A new wallet under test. */
    WalletPlugin wallet();

    /** The chain the wallet signs for. */
    ChainDefinition chain();

    /** A client for that chain (a wallet may ask it, e.g. for required keys). */
    ChainClient client();

    /** The account and permission the wallet signs for. */
    PermissionLevel signer();

    /** The public keys the wallet's signatures must recover to (any of them). */
    List<PublicKey> expectedKeys();

    /**
     * The user interface the wallet may prompt, or {@code null} (the default) for a wallet that
     * never asks anyone. A signing-request wallet shows its request there, and the test answers it
     * (for example with {@code EsrTestWallet.userInterface()}).
     */
    default UserInterface userInterface() {
        return null;
    }

    /** Whether {@link WalletPlugin#login} works without a user (true by default). */
    default boolean logsInWithoutUser() {
        return true;
    }

    @Test
    default void hasAStableIdMetadataAndConfig() {
        WalletPlugin w = wallet();
        assertThat(w.id()).isNotBlank().isEqualTo(wallet().id());
        assertThat(w.metadata()).isNotNull();
        assertThat(w.metadata().name()).isNotBlank();
        assertThat(w.config()).isNotNull();
        assertThat(w.config().supports(chain().id()) || !w.config().supportedChains().isEmpty()).isTrue();
    }

    @Test
    default void signsWithTheExpectedKeys() {
        // a real eosio.token transfer (a wallet may decode it against the contract's ABI, as ESR wallets do)
        BinaryWriter data = new BinaryWriter();
        signer().actor().encode(data);
        signer().actor().encode(data);
        Asset.from("0.0001 EOS").encode(data);
        data.writeString("wallet test kit");
        Action a = Action.of(Name.from("eosio.token"), Name.from("transfer"), List.of(signer()), Bytes.of(data.toByteArray()));
        Transaction t = Transaction.of(new TransactionHeader(TimePointSec.of(2_000_000_000L), 1, 2, 0, 0, 0), a);
        WalletPluginSignResponse r = Await.result(wallet().sign(t, Contexts.transact(chain(), client(), signer(), userInterface())),
                TIMEOUT);
        assertThat(r).isNotNull();
        assertThat(r.signatures()).isNotEmpty();
        Checksum256 digest = (r.transaction() == null ? t : r.transaction()).signingDigest(chain().id());
        for (Signature s : r.signatures()) {
            assertThat(expectedKeys()).contains(s.recover(digest));
        }
    }

    @Test
    default void logsInOnTheGivenChainAndPermission() {
        if (!logsInWithoutUser()) {
            return;
        }
        LoginContext context = Contexts.login("test", List.of(chain()), chain(), signer(), userInterface(), null)
                .withChain(chain(), client());
        WalletPluginLoginResponse r = Await.result(wallet().login(context), TIMEOUT);
        assertThat(r).isNotNull();
        assertThat(r.chainId()).isEqualTo(chain().id());
        assertThat(r.permissionLevel()).isEqualTo(signer());
    }

    @Test
    default void itsDataIsJsonAndTheCallIsCold() throws Exception {
        WalletPlugin w = wallet();
        assertThat(new ObjectMapper().writeValueAsString(w.data())).startsWith("{");
        // building the publishers must not fail nor act: only subscription does
        w.sign(Transaction.of(new TransactionHeader(TimePointSec.of(1), 0, 0, 0, 0, 0)),
                Contexts.transact(chain(), client(), signer(), userInterface()));
        w.logout(Contexts.login("test", List.of(chain()), chain(), signer(), userInterface(), null)
                .withChain(chain(), client()));
    }
}
