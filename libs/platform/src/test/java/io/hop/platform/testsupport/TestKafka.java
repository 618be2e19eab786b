package io.hop.platform.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.hop.testing.infra.Infrastructure;

/** Topics of their own and reading them back, on the real Kafka broker. */
public final class TestKafka {

    private TestKafka() {
    }

    public static String bootstrapServers() {
        return Infrastructure.get().kafkaBootstrapServers();
    }

    /** Creates a topic no other test uses. */
    public static String createTopic(String prefix, int partitions) {
        return createTopicNamed(prefix + "." + UUID.randomUUID(), partitions);
    }

    /** Creates the topic {@code topic} (e.g. the dead-letter topic of a test topic). */
    public static String createTopicNamed(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
        return topic;
    }

    /** A consumer of the whole topic, from its beginning. */
    public static Reader reader(String topic) {
        return new Reader(topic);
    }

    /** Reads a topic from its beginning, keeping every record in arrival order. */
    public static final class Reader implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        private final String topic;

        Reader(String topic) {
            this.topic = topic;
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
        }

        /** Polls until {@code done} holds for all records read so far. */
        public List<ConsumerRecord<String, String>> readUntil(Predicate<List<ConsumerRecord<String, String>>> done,
                Duration atMost) {
            await().atMost(atMost).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return done.test(records);
            });
            return List.copyOf(records);
        }

        public List<ConsumerRecord<String, String>> readAtLeast(int count, Duration atMost) {
            return readUntil(read -> read.size() >= count, atMost);
        }

        /** Reads everything written to the topic so far (up to its current end offsets). */
        public List<ConsumerRecord<String, String>> readToEnd(Duration atMost) {
            Set<TopicPartition> partitions = Set.copyOf(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return readUntil(read -> end.entrySet().stream()
                    .allMatch(e -> read.stream().filter(r -> r.partition() == e.getKey().partition()).count()
                            >= e.getValue()), atMost);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
