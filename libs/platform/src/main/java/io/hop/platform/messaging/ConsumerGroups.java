package io.hop.platform.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import io.hop.platform.config.ConsumersConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * One consumer group per incoming channel, {@code <prefix>.<channel>} (prefix: {@code hop.consumer.group-prefix},
 * else {@code hop.consumer-group}, i.e. the application name): two channels of one service reading the same topic
 * then each see every event, while the replicas of one channel share its partitions. A channel that sets
 * {@code mp.messaging.incoming.<channel>.group.id} (to anything but the application name, Quarkus' default) keeps it.
 */
@ApplicationScoped
public class ConsumerGroups implements ClientCustomizer<Map<String, Object>> {

    private final String prefix;
    private final String applicationName;

    @Inject
    public ConsumerGroups(ConsumersConfig config, Config mpConfig) {
        this.applicationName = mpConfig.getValue("quarkus.application.name", String.class);
        this.prefix = config.groupPrefix().orElseGet(() -> mpConfig.getOptionalValue("hop.consumer-group", String.class)
                .orElseGet(() -> mpConfig.getValue("quarkus.application.name", String.class)));
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        boolean consumer = config.containsKey(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
                || config.containsKey(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        // Quarkus defaults every channel's group.id to the application name: only another value is the channel's own
        String configured = channelConfig.getOptionalValue(ConsumerConfig.GROUP_ID_CONFIG, String.class)
                .orElse(applicationName);
        if (consumer && configured.equals(applicationName)) {
            Map<String, Object> customized = new java.util.HashMap<>(config);
            customized.put(ConsumerConfig.GROUP_ID_CONFIG, groupOf(prefix, channel));
            return customized;
        }
        return config;
    }

    public static String groupOf(String prefix, String channel) {
        return prefix + "." + channel;
    }
}
