package io.antelopekit.kafka;

import io.antelopekit.api.ChainClient;
import io.antelopekit.chain.Checksum256;
import java.time.Duration;

/**
 * A {@link KafkaToChain} instance in a JVM of its own, for the tests that kill one: prints
 * {@code OUT <id>} for each outcome it committed. Arguments: bootstrap servers, the chain's URL,
 * its chain id, the request topic, the instance id, the session's expiration in seconds.
 */
public final class SenderProcess {

    private SenderProcess() {
    }

    public static void main(String[] args) {
        ChainClient client = ChainClient.create(args[1]);
        KafkaToChain instance = KafkaToChain.builder()
                .session(Requests.alice(client, Checksum256.from(args[2]), args[1], Integer.parseInt(args[5])))
                .bootstrapServers(args[0]).groupId(args[3] + "-senders").requestTopic(args[3]).instanceId(args[4])
                .headInterval(Duration.ofMillis(200))
                .kafkaProperty("session.timeout.ms", 6000).kafkaProperty("heartbeat.interval.ms", 500)
                .kafkaProperty("transaction.timeout.ms", 10000)
                .build();
        instance.run().doOnNext(o -> {
            System.out.println("OUT " + o.id());
            System.out.flush();
        }).blockLast();
    }
}
