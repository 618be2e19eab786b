package io.hop.testing.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    private final Infrastructure infra = Infrastructure.get();

    @Test
    void freshDatabaseIsRealPostgresAndEmptyAndGoneAfterDrop() throws Exception {
        Infrastructure.Database database = infra.createDatabase("infra_test");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                ResultSet rs = connection.createStatement().executeQuery(
                        "select version(), (select count(*) from information_schema.tables where table_schema = 'public')")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL"), rs.getString(1));
            assertEquals(0, rs.getInt(2));
        }
        infra.dropDatabase(database);
        try (Connection admin = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.postgres().adminDatabase()),
                infra.postgres().user(), infra.postgres().password());
                ResultSet rs = admin.createStatement().executeQuery(
                        "select count(*) from pg_database where datname = '" + database.name() + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void everyDeclaredTopicExistsWithItsPartitionsAndCleanupPolicy() throws Exception {
        List<KafkaTopicDeclarations.Topic> declared = KafkaTopicDeclarations.read(
                Infrastructure.repositoryRoot().resolve("deploy/kafka-topics.conf"));
        assertFalse(declared.isEmpty());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    declared.stream().map(KafkaTopicDeclarations.Topic::name).toList()).allTopicNames().get();
            for (KafkaTopicDeclarations.Topic topic : declared) {
                assertEquals(topic.partitions(), topics.get(topic.name()).partitions().size(), topic.name());
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                String policy = admin.describeConfigs(Set.of(resource)).all().get().get(resource)
                        .get("cleanup.policy").value();
                assertEquals(topic.cleanupPolicy(), policy, topic.name());
            }
        }
    }

    @Test
    void brokerDeliversWhatIsProduced() {
        String topic = "infra-test-" + UUID.randomUUID();
        String value = "hello " + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    assertEquals(value, records.iterator().next().value());
                    return;
                }
            }
        }
        throw new AssertionError("nothing arrived on " + topic);
    }

    @Test
    void declarationReaderRejectsMalformedLinesAndIgnoresComments(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.conf"), "# c\n\na.b.v1  3  compact # trailing\n");
        assertEquals(List.of(new KafkaTopicDeclarations.Topic("a.b.v1", 3, "compact")), KafkaTopicDeclarations.read(good));
        Path bad = Files.writeString(dir.resolve("bad.conf"), "a.b.v1 3\n");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> KafkaTopicDeclarations.read(bad));
    }
}
