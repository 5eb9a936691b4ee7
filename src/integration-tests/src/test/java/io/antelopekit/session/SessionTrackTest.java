package io.antelopekit.session;

import io.antelopekit.plugin.TransactResult;
import io.antelopekit.chain.ChainDefinition;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.antelopekit.devnet.DevnetExtension;
import io.antelopekit.abi.Abi;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.PollPolicy;
import io.antelopekit.api.model.TransactionState;
import io.antelopekit.chain.transaction.Action;
import io.antelopekit.chain.Name;
import io.antelopekit.devnet.DevAccount;
import io.antelopekit.devnet.Devnet;
import io.antelopekit.test.BlockHoundSupport;
import io.antelopekit.wallet.privatekey.WalletPluginPrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Session#transactAndTrack}: the result, then each status change to a final state, on the devnet. */
@ExtendWith(BlockHoundSupport.class)
class SessionTrackTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static Devnet devnet;
    static SessionCachesTest.CountingProxy proxy;
    static ChainClient client;
    static ChainDefinition chain;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        proxy = new SessionCachesTest.CountingProxy(devnet.url());
        client = ChainClient.builder().endpoints(proxy.url())
                .statusPolling(new PollPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), 1.5, Duration.ofMinutes(2)))
                .build();
        chain = ChainDefinition.of(devnet.chainId(), proxy.url());
        SessionCachesTest.warmUp(devnet);
    }

    @AfterAll
    static void stop() {
        client.dispose();
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.reset();
    }

    static Session alice() {
        return Session.builder().chain(chain).client(client).actor("alice").permission("active")
                .walletPlugin(WalletPluginPrivateKey.of(DevAccount.of("alice").privateKey())).build();
    }

    static TransactArgs transfer(String quantity, String memo) {
        return TransactArgs.of(ActionRequest.of("eosio.token", "transfer",
                Map.of("from", "............1", "to", "bob", "quantity", quantity, "memo", memo)));
    }

    @Test
    void theResultComesFirstThenEachStateUpToIrreversible() {
        List<TransactEvent> events = alice().transactAndTrack(transfer("0.0001 EOS", "tracked"))
                .collectList().block(TIMEOUT);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.get(0)).isInstanceOf(TransactEvent.Accepted.class);
        TransactResult result = ((TransactEvent.Accepted) events.get(0)).result();
        assertThat(result.response()).isNotNull();
        List<TransactEvent.StatusChanged> changes = events.subList(1, events.size()).stream()
                .map(e -> (TransactEvent.StatusChanged) e).toList();
        assertThat(changes).allSatisfy(c -> assertThat(c.transactionId()).isEqualTo(result.id()));
        assertThat(changes.get(changes.size() - 1).state()).isEqualTo(TransactionState.IRREVERSIBLE);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).state()).isNotEqualTo(changes.get(i - 1).state());
        }
        assertThat(changes).noneMatch(c -> c.state() == TransactionState.FAILED || c.state() == TransactionState.EXPIRED);
        assertThat(proxy.count("get_transaction_status")).isGreaterThanOrEqualTo(changes.size());
    }

    @Test
    void anEncodedActionWithAPlaceholderAuthorizationIsTrackedToo() {
        Session session = alice();
        Abi token = session.abi(Name.from("eosio.token")).block(TIMEOUT);
        Action action = Action.of(Name.from("eosio.token"), "transfer", ActionRequest.PLACEHOLDER_SIGNER,
                Map.of("from", "alice", "to", "carol", "quantity", "0.0001 EOS", "memo", "encoded"), token);
        StepVerifier.create(session.transactAndTrack(action).takeLast(1))
                .assertNext(e -> {
                    assertThat(e).isInstanceOf(TransactEvent.StatusChanged.class);
                    assertThat(((TransactEvent.StatusChanged) e).state()).isEqualTo(TransactionState.IRREVERSIBLE);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aRefusedTransactionEndsTheStreamWithTheNodesErrorAndNoEvent() {
        StepVerifier.create(alice().transactAndTrack(transfer("99999999999.0000 EOS", "refused")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    assertThat(((ChainApiException) e).name()).isEqualTo("eosio_assert_message_exception");
                })
                .verify(TIMEOUT);
        assertThat(proxy.count("get_transaction_status")).isZero();
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndTakingTheResultStopsTheTracking() throws Exception {
        Flux<TransactEvent> events = alice().transactAndTrack(transfer("0.0001 EOS", "cold"));
        // stays: a negative check against the real devnet through a proxy: no event says "nothing was
        // sent", so the test looks for a while (longer than the first status poll's 200 ms)
        Thread.sleep(300);
        assertThat(proxy.counts).isEmpty();
        TransactEvent first = events.next().block(TIMEOUT);
        assertThat(first).isInstanceOf(TransactEvent.Accepted.class);
        assertThat(proxy.count("send_transaction2")).isEqualTo(1);
        // stays: the tracking polls the real devnet on its own timer (200 ms, growing); a tracking that
        // went on after the cancel would poll again within this wall-clock window
        Thread.sleep(500);
        assertThat(proxy.count("get_transaction_status")).isLessThanOrEqualTo(1);
    }
}
