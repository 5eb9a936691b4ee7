package io.antelopekit.kafka.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topics a pipeline writes to, created when they are not there. */
public final class Topics {

    private Topics() {
    }

    /**
     * Creates those of {@code topics} that do not exist, through an admin client with the settings
     * of {@code clientConfig} it knows (servers, security). Blocks: call it off Reactor's threads.
     *
     * @throws IllegalStateException if creating one fails for another reason than its existing
     */
    public static void createMissing(Map<String, Object> clientConfig, List<NewTopic> topics) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin admin = Admin.create(config)) {
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating the topic " + t.name() + " failed: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the topics", e);
        }
    }
}
