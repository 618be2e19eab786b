package io.hop.platform.observability;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.hop.platform.config.HealthConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * Readiness: the Kafka cluster answers a {@code describeCluster} within {@code hop.health.kafka-timeout}. The result
 * is reused for {@code hop.health.kafka-cache-for}, so that frequent probes from several places stay cheap.
 *
 * <p>Not the Kafka client extension's own check ({@code quarkus.kafka.health.enabled}): that one waits for
 * {@code describeCluster} with no bound of its own, so with the broker gone a probe holds a worker thread for the admin
 * client's whole API timeout (60 s) instead of answering DOWN within the probe's time.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    static final String NAME = "kafka";

    private final Map<String, Object> kafkaConfig;
    private final Duration timeout;
    private final Duration cacheFor;

    private Admin admin;
    private HealthCheckResponse last;
    private long lastAt;

    @Inject
    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            HealthConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.timeout = config.kafkaTimeout();
        this.cacheFor = config.kafkaCacheFor();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (last != null && now - lastAt < cacheFor.toNanos()) {
            return last;
        }
        last = probe();
        lastAt = System.nanoTime();
        return last;
    }

    private HealthCheckResponse probe() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up()
                    .withData("nodes", nodes.size())
                    .withData("bootstrap.servers", String.valueOf(kafkaConfig.get("bootstrap.servers")))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private HealthCheckResponse down(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return HealthCheckResponse.named(NAME).down()
                .withData("bootstrap.servers", String.valueOf(kafkaConfig.get("bootstrap.servers")))
                .withData("error", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                .build();
    }

    private Admin admin() {
        if (admin == null) {
            Set<String> known = AdminClientConfig.configNames();
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (known.contains(key)) {
                    config.put(key, value);
                }
            });
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "hop-readiness-" + Integer.toHexString(hashCode()));
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
