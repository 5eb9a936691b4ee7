package io.antelopekit.kafka;

import io.antelopekit.api.ChainClient;
import io.antelopekit.stream.ActionFilter;
import io.antelopekit.stream.BlockStream;
import java.time.Duration;

/**
 * A {@link ChainToKafka} pipeline in a JVM of its own, for the test that kills one: prints
 * {@code CP <checkpoint>} for each batch committed. Arguments: bootstrap servers, the chain's URL,
 * the pipeline's name, its topic, the first and the last block, the batch size.
 */
public final class ChainToKafkaProcess {

    private ChainToKafkaProcess() {
    }

    public static void main(String[] args) {
        ChainClient client = ChainClient.create(args[1]);
        ChainToKafka.builder().name(args[2]).bootstrapServers(args[0]).topic(args[3])
                .stream(BlockStream.builder(client).from(Long.parseLong(args[4])).until(Long.parseLong(args[5]))
                        .pollInterval(Duration.ofMillis(20)))
                .filter(ActionFilter.all()).batch(Integer.parseInt(args[6]), Duration.ofMillis(100))
                .build()
                .run()
                .doOnNext(cp -> {
                    System.out.println("CP " + cp);
                    System.out.flush();
                })
                .blockLast();
    }
}
