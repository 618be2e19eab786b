package io.hop.offload.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.hop.testing.infra.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For every {@code @QuarkusTest} of the module: two plugin-host test doubles ({@code plugin-host} and
 * {@code plugin-host-partner}), topics of this test JVM's own for plugin requests, results and connection events (so
 * that no other process on the shared broker answers or reads them), and a {@link PluginResponder} on them.
 */
public class OffloadTestDoubles implements QuarkusTestResourceLifecycleManager {

    public static FakePluginHost host;
    public static FakePluginHost partner;
    public static PluginResponder responder;
    public static String requestsTopic;
    public static String resultsTopic;
    public static String connectionsTopic;

    @Override
    public Map<String, String> start() {
        try {
            String bootstrap = Infrastructure.get().kafkaBootstrapServers();
            String prefix = "test.offload." + UUID.randomUUID().toString().substring(0, 8);
            requestsTopic = prefix + ".plugin.requests";
            resultsTopic = prefix + ".plugin.results";
            connectionsTopic = prefix + ".offload.connections";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(requestsTopic, 3, (short) 1),
                        new NewTopic(resultsTopic, 3, (short) 1), new NewTopic(resultsTopic + ".dlq", 1, (short) 1),
                        new NewTopic(connectionsTopic, 3, (short) 1))).all().get();
            }
            host = new FakePluginHost();
            partner = new FakePluginHost();
            responder = new PluginResponder(bootstrap, requestsTopic, resultsTopic);
            Map<String, String> config = new HashMap<>();
            config.put("hop.offload.plugin-hosts.plugin-host.url", host.url());
            config.put("hop.offload.plugin-hosts.plugin-host-partner.url", partner.url());
            config.put("hop.topics.\"plugin-requests\"", requestsTopic);
            config.put("hop.topics.\"offload-connections\"", connectionsTopic);
            config.put("mp.messaging.incoming.plugin-results.topic", resultsTopic);
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start offload test doubles", e);
        }
    }

    @Override
    public void stop() {
        try {
            responder.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        host.close();
        partner.close();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.get().kafkaBootstrapServers()))) {
            admin.deleteTopics(List.of(requestsTopic, resultsTopic, resultsTopic + ".dlq", connectionsTopic)).all().get();
        } catch (Exception e) {
            // best effort: test topics have unique names
        }
    }
}
