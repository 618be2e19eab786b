package io.hop.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.hop.platform.config.ConsumersConfig;
import io.hop.platform.tx.Transactor;
import io.smallrye.common.annotation.Identifier;

/**
 * Starts {@link BatchConsumer}s in a Quarkus service, with the service's Kafka configuration, data source, JTA
 * transactions, dead-letter producer and consumer metrics/readiness, and stops them at shutdown:
 *
 * <pre>{@code
 * void start(@Observes StartupEvent event) {
 *     batchConsumers.start("usage-records", topics.of("usage-records"), BatchConsumer.Mode.OFFSETS_IN_DATABASE,
 *             2000, 2, usage::addAll);
 * }
 * }</pre>
 * Group and identity as for the SmallRye channels: {@code <hop.consumer-group>.<channel>} and
 * {@code <application>.<channel>}.
 */
@ApplicationScoped
public class BatchConsumers {

    private final DataSource dataSource;
    private final Transactor transactor;
    private final ConsumersConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Consumers consumers;
    private final String groupPrefix;
    private final List<ConsumerLoop> started = new CopyOnWriteArrayList<>();

    @Inject
    public BatchConsumers(DataSource dataSource, Transactor transactor, ConsumersConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Consumers consumers, Config mpConfig) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.consumers = consumers;
        this.groupPrefix = config.groupPrefix().orElseGet(() -> mpConfig.getOptionalValue("hop.consumer-group",
                String.class).orElseGet(() -> mpConfig.getValue("quarkus.application.name", String.class)));
    }

    /** Starts {@code instances} consumers of one group on {@code topic}; returns them (stopped at shutdown). */
    public List<BatchConsumer> start(String channel, String topic, BatchConsumer.Mode mode, int maxPollRecords,
            int instances, BatchConsumer.Handler handler) {
        BatchConsumer.Settings settings = settings(channel, topic, mode, maxPollRecords);
        List<BatchConsumer> these = new java.util.ArrayList<>();
        for (int i = 0; i < instances; i++) {
            BatchConsumer consumer = new BatchConsumer(settings, kafkaConfig, dataSource, transactor,
                    consumers.deadLetters(), consumers.monitor(), handler);
            started.add(consumer);
            these.add(consumer);
            consumer.start();
        }
        return these;
    }

    /**
     * Starts {@code instances} {@link FoldingConsumer}s of one group on {@code topic} (offsets in the database);
     * returns them (stopped at shutdown).
     */
    public <T, W> List<FoldingConsumer<T, W>> startFolding(String channel, String topic, int maxPollRecords,
            int instances, FoldingConsumer.Window window, FoldingConsumer.Folding<T, W> folding) {
        BatchConsumer.Settings settings = settings(channel, topic, BatchConsumer.Mode.OFFSETS_IN_DATABASE,
                maxPollRecords);
        List<FoldingConsumer<T, W>> these = new java.util.ArrayList<>();
        for (int i = 0; i < instances; i++) {
            FoldingConsumer<T, W> consumer = new FoldingConsumer<>(settings, window, kafkaConfig, dataSource,
                    transactor, consumers.deadLetters(), consumers.monitor(), folding);
            started.add(consumer);
            these.add(consumer);
            consumer.start();
        }
        return these;
    }

    private BatchConsumer.Settings settings(String channel, String topic, BatchConsumer.Mode mode,
            int maxPollRecords) {
        return new BatchConsumer.Settings(channel, consumers.consumerName(channel),
                ConsumerGroups.groupOf(groupPrefix, channel), topic, mode, maxPollRecords,
                new Backoff(config.initialBackoff(), config.maxBackoff()), config.maxUnknownAttempts());
    }

    @PreDestroy
    void stop() {
        started.forEach(ConsumerLoop::close);
        started.clear();
    }
}
