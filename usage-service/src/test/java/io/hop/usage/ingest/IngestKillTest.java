package io.hop.usage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.usage.UsageEvents;
import io.hop.platform.schema.LibrarySchema;
import io.hop.testing.infra.ChildJvm;
import io.hop.testing.infra.Infrastructure;

/**
 * Exactly-once effect across a crash: the consuming JVM ({@link IngestChild}) is killed with SIGKILL in the middle
 * of a stream of usage records, a new one takes over, and every device's counter is exact (no record lost, none
 * counted twice), because counters and offsets commit in one transaction, and so are the alerts (each 5 % step and
 * plan exhausted exactly once per device, written to the outbox in the same transaction); and a redelivery of the
 * whole topic to a consumer of a new group changes nothing.
 */
class IngestKillTest {

    static final int RECORDS = 30_000;
    static final int DEVICES = 300;
    /** Every device's limit: the records take each device to about 100 %, so every 5 % step is alerted on the way. */
    static final long LIMIT = 300_000;

    @Test
    void afterAKillInTheMiddleOfTheStreamTheTotalsAreExact() throws Exception {
        Infrastructure infra = Infrastructure.get();
        String bootstrap = infra.kafkaBootstrapServers();
        String topic = "test.usage.records." + UUID.randomUUID();
        Infrastructure.Database database = infra.createDatabase("usage_kill");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
                    .all().get();
            PGSimpleDataSource db = new PGSimpleDataSource();
            db.setURL(database.jdbcUrl());
            db.setUser(database.user());
            db.setPassword(database.password());
            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
            LibrarySchema.PLATFORM.migrate(db);

            Map<String, Long> expected = fill(bootstrap, topic);
            String group = "usage-kill-" + UUID.randomUUID();
            String[] args = { bootstrap, topic, group, database.jdbcUrl(), database.user(), database.password() };

            Child first = Child.start(args);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.applied() >= RECORDS / 5);
            first.kill();
            long appliedBeforeKill = first.applied();
            assertTrue(appliedBeforeKill < RECORDS, "killed in the middle, after " + appliedBeforeKill);

            Child second = Child.start(args);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> query(db, "select coalesce(sum(records), 0) from usage_counter") >= RECORDS);
                assertEquals(RECORDS, query(db, "select sum(records) from usage_counter"));
                Map<String, Long> actual = new HashMap<>();
                try (Connection c = db.getConnection(); Statement s = c.createStatement();
                        ResultSet rows = s.executeQuery("select device_id, bytes_up + bytes_down from usage_counter")) {
                    while (rows.next()) {
                        actual.put(rows.getString(1), rows.getLong(2));
                    }
                }
                assertEquals(expected, actual);
                assertEquals(expectedAlerts(expected), query(db, "select count(*) from hop_outbox"));
                assertEquals(0, query(db, "select count(*) - count(distinct payload->>'alertId') from hop_outbox"));
            } finally {
                second.kill();
            }

            // A full redelivery: a consumer of a new Kafka group (no committed Kafka offsets: it is handed the topic
            // from the beginning) with the same identity seeks to the offsets stored with the counters; nothing changes.
            Child replay = Child.start(bootstrap, topic, "usage-replay-" + UUID.randomUUID(), database.jdbcUrl(),
                    database.user(), database.password());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> replay.jvm().lines().contains("started"));
                // 10 s: longer than a new group's first rebalance and fetch
                Awaitility.await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(20))
                        .until(() -> query(db, "select sum(records) from usage_counter") == RECORDS);
                assertEquals(0, replay.applied());
                assertEquals(expectedAlerts(expected), query(db, "select count(*) from hop_outbox"));
            } finally {
                replay.kill();
            }
        } finally {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(List.of(topic, topic + ".dlq")).all().get();
            }
            infra.dropDatabase(database);
        }
    }

    private static Map<String, Long> fill(String bootstrap, String topic) throws Exception {
        Map<String, Long> totals = new HashMap<>();
        Instant at = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 20), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String device = "dev-" + (i % DEVICES);
                long up = i % 1000;
                long down = (i * 7L) % 5000;
                totals.merge(device, up + down, Long::sum);
                String json = "{\"recordId\":\"r" + i + "\",\"operatorId\":\"op\",\"deviceId\":\"" + device
                        + "\",\"networkInterface\":\"CELLULAR\",\"periodStart\":\"" + at + "\",\"periodEnd\":\"" + at
                        + "\",\"bytesUp\":" + up + ",\"bytesDown\":" + down + ",\"roaming\":false}";
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, device, json);
                record.headers().add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
                record.headers().add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
                record.headers().add(CloudEventHeaders.TYPE, bytes(UsageEvents.RECORD_REPORTED.name()));
                record.headers().add(CloudEventHeaders.SOURCE, bytes("/test/usage-kill"));
                record.headers().add(CloudEventHeaders.TIME, bytes(at.toString()));
                producer.send(record);
            }
            producer.flush();
        }
        return totals;
    }

    /** 5 % steps reached (at most 20) and plan exhausted, per device. */
    private static long expectedAlerts(Map<String, Long> totals) {
        return totals.values().stream().mapToLong(t -> Math.min(20, t * 20 / LIMIT) + (t >= LIMIT ? 1 : 0)).sum();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static long query(PGSimpleDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@link IngestChild} in its own JVM ({@link ChildJvm}); its "applied n" lines are followed. */
    private record Child(ChildJvm jvm) {

        static Child start(String... args) throws Exception {
            return new Child(ChildJvm.start("ingest-child", IngestChild.class, Map.of(), args));
        }

        long applied() {
            long last = 0;
            for (String line : jvm.lines()) {
                if (line.startsWith("applied ")) {
                    last = Math.max(last, Long.parseLong(line.substring(8)));
                }
            }
            return last;
        }

        /** SIGKILL: no shutdown hook, no rollback of its own. */
        void kill() throws Exception {
            assertTrue(jvm.kill());
            jvm.close();
        }
    }
}
