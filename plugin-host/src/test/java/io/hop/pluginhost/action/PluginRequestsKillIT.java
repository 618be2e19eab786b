package io.hop.pluginhost.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.platform.json.PlatformJson;
import io.hop.testing.infra.ChildJvm;
import io.hop.testing.infra.Infrastructure;
import io.hop.testing.kafka.TestEvents;

/**
 * Nothing lost, nothing doubled across a crash of the host: the packaged plugin-host (target/quarkus-app, prod
 * profile, the test plugins) runs as a child JVM and is killed with SIGKILL while it works through a stream of
 * {@link PluginActionRequested} on the real broker; more requests arrive while it is down; a new host process
 * takes over. Every request id then has exactly one {@link PluginActionCompleted} on the results topic (one event:
 * a record the relay sent again after the kill carries the same CloudEvent id, which consumers' inboxes absorb) and
 * one recorded result, and none is missing.
 */
class PluginRequestsKillIT {

    static final int BEFORE_KILL = 1000;
    static final int WHILE_DOWN = 300;

    @Test
    void afterAKillNineMidStreamEveryRequestIsAnsweredExactlyOnce() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is packaged before integration tests");
        assertTrue(Files.isDirectory(Path.of("target/test-plugins/good")), "the build lays out target/test-plugins");
        Infrastructure infra = Infrastructure.get();
        String bootstrap = infra.kafkaBootstrapServers();
        String suffix = UUID.randomUUID().toString();
        String requests = "test.plugin.requests." + suffix;
        String results = "test.plugin.results." + suffix;
        String quiet = "test.plugin-host.quiet." + suffix; // the host's other inputs: nothing arrives there
        List<String> topics = List.of(requests, requests + ".dlq", results, quiet, quiet + ".dlq");
        Infrastructure.Database database = infra.createDatabase("pluginhost_kill");
        ResultsReader reader = null;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
            reader = new ResultsReader(bootstrap, results);
            Map<String, String> env = Map.of(
                    "QUARKUS_HTTP_PORT", "0",
                    "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", database.user(),
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "HOP_SECURITY_ALLOW_DEVELOPMENT_KEY", "true",
                    "HOP_PLUGIN_HOST_PLUGINS_DIR", Path.of("target/test-plugins").toAbsolutePath().toString(),
                    "HOP_CONSUMER_GROUP", "pluginhost-kill-" + suffix);
            List<String> properties = List.of(
                    "-Dmp.messaging.incoming.plugin-requests.topic=" + requests,
                    "-Dhop.topics.\"plugin-results\"=" + results,
                    "-Dmp.messaging.incoming.provisioning-changes.topic=" + quiet,
                    "-Dmp.messaging.incoming.usage-alerts.topic=" + quiet,
                    "-Dmp.messaging.incoming.sharing-sessions.topic=" + quiet);

            List<PluginActionRequested> sent = new ArrayList<>();
            PackagedHost first = PackagedHost.start(jar, env, properties, "pluginhost-kill-1");
            for (int i = 0; i < BEFORE_KILL; i++) {
                sent.add(send(requests, i));
            }
            ResultsReader r = reader;
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                    .until(() -> r.distinctRequests() >= 20 || !first.alive());
            assertTrue(first.alive(), "the first host died on its own; see " + first.log());
            first.kill();
            int answeredBeforeKill = reader.distinctRequests();
            assertTrue(answeredBeforeKill < BEFORE_KILL, "killed in the middle of the stream, after "
                    + answeredBeforeKill + " answers");

            for (int i = BEFORE_KILL; i < BEFORE_KILL + WHILE_DOWN; i++) {
                sent.add(send(requests, i));
            }
            PackagedHost second = PackagedHost.start(jar, env, properties, "pluginhost-kill-2");
            try {
                int all = sent.size();
                Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200))
                        .until(() -> r.distinctRequests() >= all || !second.alive());
                assertTrue(second.alive(), "the second host died; see " + second.log());
                // a while longer: a duplicate would come now if it came at all
                Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
            } finally {
                second.kill();
            }

            Map<String, Set<String>> eventsByRequest = reader.eventsByRequest();
            Map<String, Integer> doubled = new TreeMap<>();
            eventsByRequest.forEach((request, ids) -> {
                if (ids.size() != 1) {
                    doubled.put(request, ids.size());
                }
            });
            Set<String> missing = new HashSet<>();
            for (PluginActionRequested request : sent) {
                if (!eventsByRequest.containsKey(request.requestId())) {
                    missing.add(request.requestId());
                }
            }
            assertEquals(Set.of(), missing, "requests without a result (lost)");
            assertEquals(Map.of(), doubled, "requests answered by more than one event (doubled)");
            assertEquals(sent.size(), eventsByRequest.size(), "results for requests never sent");
            assertTrue(reader.outcomes().values().stream().allMatch("SUCCESS"::equals), reader.outcomes().toString());
            assertEquals(sent.size(), count(database, "select count(*) from plugin_action_result"),
                    "one recorded result per request");
            System.out.printf("PluginRequestsKillIT: %d answered before the kill, %d results, %d records redelivered "
                    + "with the same event id%n", answeredBeforeKill, eventsByRequest.size(), reader.redelivered());
        } finally {
            if (reader != null) {
                reader.close();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(topics).all().get();
            }
            infra.dropDatabase(database);
        }
    }

    private static PluginActionRequested send(String topic, int i) {
        String connection = "conn-" + i + "-" + UUID.randomUUID();
        String action = i % 3 == 0 ? "PRE_CONNECT" : i % 3 == 1 ? "POST_CONNECT" : "RESET";
        PluginActionRequested r = new PluginActionRequested("req-" + i + "-" + UUID.randomUUID(), connection, "acme",
                "dev-" + (i % 17), "good", action, 1, "Good Cafe", "aa:bb:cc:dd:ee:01", "OPEN", Instant.now());
        TestEvents.send(topic, connection, PluginEvents.ACTION_REQUESTED, r);
        return r;
    }

    private static long count(Infrastructure.Database database, String sql) throws Exception {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(database.jdbcUrl());
        db.setUser(database.user());
        db.setPassword(database.password());
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) in a process of its own. Not a
     * {@link ChildJvm}, which runs a main class of the test class path; the same SIGKILL
     * ({@link Process#destroyForcibly()}).
     */
    private record PackagedHost(Process process, Path log) {

        static PackagedHost start(Path jar, Map<String, String> env, List<String> properties, String name)
                throws Exception {
            Path log = Path.of("target", name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(properties);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new PackagedHost(builder.start(), log);
        }

        boolean alive() {
            return process.isAlive();
        }

        /** SIGKILL: no shutdown hook, no rollback of its own, the outbox relay stopped wherever it was. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed");
            assertEquals(ChildJvm.KILLED_BY_SIGKILL, process.exitValue(), "killed by SIGKILL");
        }
    }

    /** Reads the results topic from the beginning in the background: CloudEvent ids and outcomes per request id. */
    private static final class ResultsReader implements AutoCloseable {

        private final Map<String, Set<String>> events = new ConcurrentHashMap<>();
        private final Map<String, String> outcomes = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile int records;

        ResultsReader(String bootstrap, String topic) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-results-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(topic));
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            accept(record);
                        }
                    }
                }
            }, "results-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void accept(ConsumerRecord<String, String> record) {
            try {
                assertEquals(PluginEvents.ACTION_COMPLETED.name(), TestEvents.header(record, CloudEventHeaders.TYPE));
                PluginActionCompleted c = PlatformJson.mapper().readValue(record.value(), PluginActionCompleted.class);
                assertEquals(c.connectionId(), record.key(), "keyed by connection");
                events.computeIfAbsent(c.requestId(), k -> ConcurrentHashMap.newKeySet())
                        .add(TestEvents.header(record, CloudEventHeaders.ID));
                outcomes.put(c.requestId(), c.outcome());
                records++;
            } catch (Exception e) {
                throw new IllegalStateException("unreadable result " + record, e);
            }
        }

        int distinctRequests() {
            return events.size();
        }

        Map<String, Set<String>> eventsByRequest() {
            return new HashMap<>(events);
        }

        Map<String, String> outcomes() {
            return new HashMap<>(outcomes);
        }

        /** Records beyond one per request: the relay's re-sends of an event (same CloudEvent id). */
        int redelivered() {
            return records - events.values().stream().mapToInt(Set::size).sum();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
