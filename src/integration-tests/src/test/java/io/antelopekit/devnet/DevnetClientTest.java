package io.antelopekit.devnet;

import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import io.antelopekit.api.BroadcastEvent;
import io.antelopekit.api.ChainApiException;
import io.antelopekit.api.ChainClient;
import io.antelopekit.api.PollPolicy;
import io.antelopekit.chain.Name;
import io.antelopekit.chain.transaction.PackedTransaction;
import io.antelopekit.chain.SymbolCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The SDK's own chain client against a devnet producing blocks on its timer. */
class DevnetClientTest {

    static Devnet devnet;
    static DevnetHttp node;
    static ChainClient client;

    @RegisterExtension
    static final DevnetExtension DEVNET = DevnetExtension.of(b -> b.blockInterval(Duration.ofMillis(100)).irreversibleDistance(2));

    @BeforeAll
    static void start() {
        devnet = DEVNET.devnet();
        node = new DevnetHttp(devnet);
        client = ChainClient.builder().endpoints(devnet.url())
                .statusPolling(new PollPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 1.5, Duration.ofSeconds(30)))
                .build();
    }

    @AfterAll
    static void stop() {
        client.dispose();
    }

    @Test
    void theClientReadsInfoAccountsAndBalances() {
        StepVerifier.create(client.getInfo())
                .assertNext(info -> {
                    assertThat(info.chainId()).isEqualTo(devnet.chainId());
                    assertThat(info.lastIrreversibleBlockNum()).isLessThanOrEqualTo(info.headBlockNum());
                })
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        StepVerifier.create(client.getAccount(Name.from("alice")))
                .assertNext(a -> assertThat(a.permission(Name.from("active")).orElseThrow().requiredAuth().keys().get(0).key())
                        .isEqualTo(DevAccount.of("alice").publicKey()))
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
        StepVerifier.create(client.getCurrencyBalance(Genesis.TOKEN, Name.from("carol"), SymbolCode.from("EOS")))
                .assertNext(b -> assertThat(b.balances()).hasSize(1))
                .expectComplete()
                .verify(DevnetHttp.TIMEOUT);
    }

    @Test
    void aBroadcastTransferIsFollowedToIrreversible() {
        PackedTransaction trx = node.transfer("alice", "bob", "0.5000 EOS", "tracked", DevAccount.of("alice").privateKey());
        StepVerifier.create(client.broadcast(trx).collectList())
                .assertNext(events -> {
                    assertThat(events.get(0)).isInstanceOf(BroadcastEvent.Accepted.class);
                    List<String> states = events.stream().skip(1)
                            .map(e -> ((BroadcastEvent.StatusChanged) e).status().state()).toList();
                    assertThat(states).last().isEqualTo("IRREVERSIBLE");
                    assertThat(states).doesNotContain("FAILED", "UNKNOWN");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(40));
    }

    @Test
    void refusalsArriveAsTypedNodeErrors() {
        PackedTransaction forged = node.transfer("alice", "bob", "0.5000 EOS", "", DevAccount.of("bob").privateKey());
        StepVerifier.create(client.sendTransaction(forged))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ChainApiException.class);
                    ChainApiException api = (ChainApiException) e;
                    assertThat(api.name()).isEqualTo("unsatisfied_authorization");
                    assertThat(api.code()).isEqualTo(3090003L);
                })
                .verify(DevnetHttp.TIMEOUT);
    }
}
