package io.hop.readmodel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.operators.KnownOperator;
import io.hop.readmodel.operators.OperatorDirectory;
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.hop.readmodel.plans.PlanDirectory;
import io.hop.readmodel.policies.SharingPolicyDirectory;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.hop.readmodel.testsupport.Provisioned;
import io.hop.readmodel.testsupport.TestDatabase;
import io.hop.testing.infra.Infrastructure;

/**
 * {@code provisioning.changes.v1} is compacted: Kafka keeps only the last record of each key. A service that starts
 * (or rebuilds) later reads only what compaction left, so that must be the whole current state. Proven on the real
 * broker with a topic of its own, compacted as eagerly as Kafka allows, and read by a fresh consumer group only after
 * the log cleaner has really removed superseded records.
 */
class CompactedTopicRebuildTest {

    private static final Duration COMPACTION_PATIENCE = Duration.ofMinutes(2);

    static Admin admin;
    static KafkaProducer<String, String> producer;
    static String topic;

    @BeforeAll
    static void compactedTopic() throws Exception {
        String bootstrap = Infrastructure.get().kafkaBootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        topic = "readmodel-compaction-test." + UUID.randomUUID();
        // segment.bytes cannot go below 1 MiB: segments roll by age instead (segment.ms, checked on each append).
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, "100",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "100")))).all().get();
    }

    @AfterAll
    static void deleteTopic() throws Exception {
        producer.close();
        admin.deleteTopics(List.of(topic)).all().get();
        admin.close();
    }

    /** One entity on the topic: its key, and its full state at a version. */
    record Entity<T>(String key, EventType<T> event, LongFunction<T> at) {
    }

    @Test
    void aFreshConsumerGroupRebuildsEveryEntityTypesLatestStateFromTheCompactedTopicWithoutTheDeletedEntities()
            throws Exception {
        assertTheBrokerCompacts();
        // Every live entity has the same id (the device's operator and device id too), so that compaction erasing one
        // type's record by another's would show; each type also has an entity that is deleted.
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        List<Entity<?>> live = entities(id, id);
        List<Entity<?>> deleted = entities(id, gone);
        Set<String> ourKeys = new HashSet<>();
        live.forEach(entity -> ourKeys.add(entity.key()));
        deleted.forEach(entity -> ourKeys.add(entity.key()));
        assertEquals(12, ourKeys.size(), "six entity types, two entities each, twelve keys");

        int produced = 0;
        for (long version = 1; version <= 3; version++) {
            for (Entity<?> entity : live) {
                send(entity, version);
                produced++;
            }
        }
        for (Entity<?> entity : deleted) {
            send(entity, 1);
            send(entity, 2);
            sendTombstone(entity.key());
            produced += 3;
        }

        // The cleaner never touches the active segment: appending rolls it (segment.ms is long past), so each poll
        // appends a record of a type no read model keeps, until the cleaner has removed what was superseded.
        int producedBeforeCompaction = produced;
        await("the log cleaner compacts the topic").atMost(COMPACTION_PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    send(ProvisioningKeys.of("test-filler", "roll"), FILLER, Map.of("at", Instant.now().toString()));
                    List<ConsumerRecord<String, String>> left = readAll(ourKeys);
                    return live.stream().allMatch(entity -> count(left, entity.key()) == 1)
                            && deleted.stream().allMatch(entity -> left.stream()
                                    .noneMatch(r -> r.key().equals(entity.key()) && r.value() != null));
                });

        try (TestDatabase db = TestDatabase.create("readmodel-rebuild")) {
            LocalTransactions tx = db.transactions();
            OperatorDirectory operators = new OperatorDirectory(tx.dataSource(), tx);
            SharingPolicyDirectory policies = new SharingPolicyDirectory(tx.dataSource(), tx);
            HotspotProfileDirectory profiles = new HotspotProfileDirectory(tx.dataSource(), tx);
            PlanDirectory plans = new PlanDirectory(tx.dataSource(), tx);
            DeviceGroupDirectory groups = new DeviceGroupDirectory(tx.dataSource(), tx);
            DeviceDirectory devices = new DeviceDirectory(tx.dataSource(), tx);
            ProvisioningReadModel readModel = ProvisioningReadModel.enabling(Set.of(ProvisioningKeys.OPERATOR,
                    ProvisioningKeys.SHARING_POLICY, ProvisioningKeys.HOTSPOT_PROFILE, ProvisioningKeys.PLAN,
                    ProvisioningKeys.DEVICE_GROUP, ProvisioningKeys.DEVICE),
                    List.of(operators, policies, profiles, plans, groups, devices));

            List<ConsumerRecord<String, String>> consumed = rebuild(readModel, tx);

            List<ConsumerRecord<String, String>> ours = consumed.stream().filter(r -> ourKeys.contains(r.key())).toList();
            assertTrue(ours.size() < producedBeforeCompaction,
                    "compaction had run: " + ours.size() + " of " + producedBeforeCompaction + " records were left");
            assertEquals(Optional.of(new KnownOperator(id, "Acme v3", "ACTIVE", 3, changedAt(3))), operators.find(id));
            assertEquals(Optional.of(Provisioned.policy(id, id, "Policy v3", 3)), policies.find(id));
            assertEquals(Optional.of(Provisioned.profile(id, id, "Profile v3", 3)), profiles.find(id));
            assertEquals(Optional.of(Provisioned.plan(id, id, "Plan v3", 3)), plans.find(id));
            assertEquals(Optional.of(group(id, id, 3)), groups.find(id));
            assertEquals(Optional.of(device(id, id, 3)), devices.find(id, id));

            assertEquals(Optional.empty(), operators.find(gone), "the deleted operator is absent");
            assertEquals(Optional.empty(), policies.find(gone), "the deleted sharing policy is absent");
            assertEquals(Optional.empty(), profiles.find(gone), "the deleted hotspot profile is absent");
            assertEquals(Optional.empty(), plans.find(gone), "the deleted plan is absent");
            assertEquals(Optional.empty(), groups.find(gone), "the deleted device group is absent");
            assertEquals(Optional.empty(), devices.find(id, gone), "the deleted device is absent");

            EffectiveAssignment assignment = new DeviceResolver(readModel, devices, groups, policies, plans, profiles)
                    .resolve(id, id);
            assertEquals(Optional.of(id), assignment.group().map(DeviceGroupChanged::groupId),
                    "the device resolves from the rebuilt groups, without the deleted one of lower precedence");
            assertEquals(policies.find(id), assignment.sharingPolicy());
            assertEquals(plans.find(id), assignment.plan());
            assertEquals(List.of(profiles.find(id).orElseThrow()), assignment.hotspotProfiles());
        }
    }

    /** One entity of each type with id {@code id} (a device of operator {@code operatorId}). */
    private static List<Entity<?>> entities(String operatorId, String id) {
        return List.of(
                new Entity<>(ProvisioningKeys.operator(id), ProvisioningEvents.OPERATOR_CHANGED,
                        v -> operator(id, "Acme v" + v, v)),
                new Entity<>(ProvisioningKeys.sharingPolicy(id), ProvisioningEvents.SHARING_POLICY_CHANGED,
                        v -> Provisioned.policy(operatorId, id, "Policy v" + v, v)),
                new Entity<>(ProvisioningKeys.hotspotProfile(id), ProvisioningEvents.HOTSPOT_PROFILE_CHANGED,
                        v -> Provisioned.profile(operatorId, id, "Profile v" + v, v)),
                new Entity<>(ProvisioningKeys.plan(id), ProvisioningEvents.PLAN_CHANGED,
                        v -> Provisioned.plan(operatorId, id, "Plan v" + v, v)),
                new Entity<>(ProvisioningKeys.deviceGroup(id), ProvisioningEvents.DEVICE_GROUP_CHANGED,
                        v -> group(operatorId, id, v)),
                new Entity<>(ProvisioningKeys.device(operatorId, id), ProvisioningEvents.DEVICE_CHANGED,
                        v -> device(operatorId, id, v)));
    }

    /**
     * A catch-all group assigning the policy, profile and plan of its own id. The group "gone-..." has the lower
     * precedence, so a device would resolve to it if its tombstone were lost.
     */
    private static DeviceGroupChanged group(String operatorId, String groupId, long version) {
        return Provisioned.group(operatorId, groupId, groupId.startsWith("gone-") ? 1 : 50, Provisioned.everyDevice(),
                groupId, List.of(groupId), groupId, version);
    }

    private static DeviceChanged device(String operatorId, String deviceId, long version) {
        return Provisioned.device(operatorId, deviceId, "0010100000000" + version, version);
    }

    private static <T> void send(Entity<T> entity, long version) throws Exception {
        send(entity.key(), entity.event(), entity.at().apply(version));
    }

    /** What a service's consumer does, from the beginning of the topic in a consumer group of its own. */
    private static List<ConsumerRecord<String, String>> rebuild(ProvisioningReadModel readModel, LocalTransactions tx) {
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "readmodel-rebuild-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await("the rebuild reads the topic to its end").atMost(Duration.ofSeconds(60))
                    .pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            consumed.add(record);
                            tx.required(() -> record.value() == null ? readModel.applyTombstone(record.key())
                                    : readModel.apply(IncomingEvent.from(record)));
                        }
                        consumer.commitSync();
                        return !consumer.assignment().isEmpty() && consumer.position(partition) >= end;
                    });
        }
        return consumed;
    }

    /** The records of {@code keys} a reader finds on the topic now, from its beginning to its end. */
    private static List<ConsumerRecord<String, String>> readAll(Set<String> keys) {
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (reader.position(partition) < end) {
                reader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        records.add(r);
                    }
                });
            }
            return records;
        }
    }

    private static long count(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).count();
    }

    /** The shared local broker must run the log cleaner (Kafka's default); bin/infra must not switch it off. */
    private static void assertTheBrokerCompacts() throws Exception {
        String brokerId = String.valueOf(admin.describeCluster().controller().get().id());
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, brokerId);
        Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
        assertEquals("true", config.get("log.cleaner.enable").value(), "the broker's log cleaner is enabled");
    }

    private static final EventType<Map> FILLER = EventType.of("provisioning.test-filler.v1", Map.class);

    private static <T> void send(String key, EventType<T> type, T data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json(data));
        headers(record, type.name());
        producer.send(record).get();
    }

    private static void sendTombstone(String key) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, null);
        headers(record, ProvisioningEvents.OPERATOR_CHANGED.name());
        producer.send(record).get();
    }

    private static void headers(ProducerRecord<String, String> record, String type) {
        Map<String, String> headers = new HashMap<>(Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "/hop/test",
                CloudEventHeaders.TIME, Instant.now().toString()));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String json(Object data) {
        try {
            return PlatformJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperatorChanged operator(String id, String name, long version) {
        return new OperatorChanged(id, name, "ACTIVE", version, changedAt(version));
    }

    private static Instant changedAt(long version) {
        return Provisioned.changedAt(version);
    }
}
