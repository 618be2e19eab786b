package io.hop.platform.app;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.DeadLetters;
import io.hop.platform.messaging.Inbox;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.testsupport.TestKafka;
import io.hop.testing.Tokens;
import io.hop.testing.infra.Infrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The wiring in a Quarkus application: a @Transactional resource publishes through the outbox, the relay (woken by
 * the commit: its poll interval is an hour here) sends the CloudEvent to Kafka, and a @Blocking @Incoming consumer
 * applies it through the inbox to a test read model in a JTA transaction on a worker thread.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MessagingAppTest {

    @Inject
    TestConsumer consumer;

    @Inject
    TestOperators operators;

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    Consumers consumers;

    @Inject
    javax.sql.DataSource dataSource;

    @ConfigProperty(name = "hop.test.topic")
    String topic;

    private long queryLong(String sql, String parameter) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", Infrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private ProducerRecord<String, String> operatorRecord(int partition, String operatorId, String eventId,
            long version) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, operatorId,
                "{\"operatorId\":\"" + operatorId + "\",\"name\":\"v" + version + "\",\"status\":\"ACTIVE\","
                        + "\"version\":" + version + ",\"changedAt\":\"2025-03-01T10:00:00Z\"}");
        record.headers().add(CloudEventHeaders.SPEC_VERSION, utf8("1.0"));
        record.headers().add(CloudEventHeaders.ID, utf8(eventId));
        record.headers().add(CloudEventHeaders.TYPE, utf8(ProvisioningEvents.OPERATOR_CHANGED.name()));
        return record;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String publish(OperatorChanged change) {
        return given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(change).post("/v1/test/events/operators")
                .then().statusCode(200).extract().path("id");
    }

    private static OperatorChanged change(String operatorId, long version) {
        return new OperatorChanged(operatorId, "Operator " + operatorId, "ACTIVE", version,
                Instant.parse("2025-03-01T10:00:00Z").plusSeconds(version));
    }

    @Test
    void aPublishedOperatorChangeIsAppliedByTheConsumerOnceAndPromptly() {
        String operatorId = "op-" + UUID.randomUUID();
        String eventId = publish(change(operatorId, 4));

        await().atMost(Duration.ofSeconds(20)).until(() -> operators.find(operatorId).isPresent());
        assertEquals(new OperatorChanged(operatorId, "Operator " + operatorId, "ACTIVE", 4,
                Instant.parse("2025-03-01T10:00:04Z")), operators.find(operatorId).orElseThrow());
        assertEquals(1, consumer.runs(eventId));
        assertEquals(eventId, consumer.mdcEventId(eventId), "event id in the MDC while handling");
    }

    @Test
    void aPublishedEventNamesTheServiceAsItsSourceByDefault() {
        String operatorId = "op-" + UUID.randomUUID();
        publish(change(operatorId, 1));

        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            ConsumerRecord<String, String> published = reader.readUntil(
                    read -> read.stream().anyMatch(r -> operatorId.equals(r.key())), Duration.ofSeconds(20))
                    .stream().filter(r -> operatorId.equals(r.key())).findFirst().orElseThrow();
            // hop.events.source, /hop/${quarkus.application.name} unless a deployment names itself
            assertEquals("/hop/platform-test-app", header(published, CloudEventHeaders.SOURCE));
        }
    }

    @Test
    void aRedeliveredEventIsIgnoredAndAnOlderVersionDoesNotOverwriteANewerOne() throws Exception {
        String operatorId = "op-" + UUID.randomUUID();
        String newerId = publish(change(operatorId, 7));
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.runs(newerId) == 1);

        String olderId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", Infrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            // the same event again (same ce_id), twice, then a stale version of the operator
            for (String id : new String[] {newerId, newerId, olderId}) {
                long version = id.equals(olderId) ? 3 : 7;
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, operatorId,
                        "{\"operatorId\":\"" + operatorId + "\",\"name\":\"v" + version + "\",\"status\":\"SUSPENDED\","
                                + "\"version\":" + version + ",\"changedAt\":\"2025-03-01T10:00:00Z\"}");
                record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.TYPE,
                        ProvisioningEvents.OPERATOR_CHANGED.name().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.runs(olderId) == 1);
        assertEquals(1, consumer.runs(newerId), "the redelivered event's handler did not run again");
        OperatorChanged known = operators.find(operatorId).orElseThrow();
        assertEquals(7, known.version());
        assertEquals("ACTIVE", known.status(), "neither the redelivery nor the stale version changed it");
    }

    @Test
    void aRolledBackRequestPublishesNothing() throws Exception {
        String refused = "op-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(change(refused, 1)).post("/v1/test/events/operators/then-fail")
                .then().statusCode(409).contentType("application/problem+json");
        String marker = "op-" + UUID.randomUUID();
        publish(change(marker, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> operators.find(marker).isPresent());

        // Nothing that the relay could still publish later, and nothing on any partition of the topic now (the
        // marker may sit on another partition than the refused key, so its arrival alone proves nothing).
        assertEquals(0L, queryLong("select count(*) from hop_outbox where event_key = ?", refused));
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            assertTrue(reader.readToEnd(Duration.ofSeconds(20)).stream().noneMatch(r -> refused.equals(r.key())));
        }
        assertFalse(operators.find(refused).isPresent());
    }

    @Test
    void aMalformedRecordBetweenTwoGoodOnesIsDeadLetteredAndTheChannelGoesOn() throws Exception {
        String first = "op-" + UUID.randomUUID();
        String last = "op-" + UUID.randomUUID();
        String badKey = "bad-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            // one partition, so the bad records sit between the good ones in the channel's order
            producer.send(operatorRecord(0, first, UUID.randomUUID().toString(), 1)).get();
            ProducerRecord<String, String> noId = new ProducerRecord<>(topic, 0, badKey, "{\"x\":1}");
            noId.headers().add(CloudEventHeaders.TYPE, utf8(ProvisioningEvents.OPERATOR_CHANGED.name()));
            noId.headers().add("trace", utf8("kept"));
            producer.send(noId).get();
            ProducerRecord<String, String> badTime = operatorRecord(0, badKey, UUID.randomUUID().toString(), 1);
            badTime.headers().add(CloudEventHeaders.TIME, utf8("yesterday"));
            producer.send(badTime).get();
            ProducerRecord<String, String> badJson = new ProducerRecord<>(topic, 0, badKey, "{\"operatorId\": ");
            badJson.headers().add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
            badJson.headers().add(CloudEventHeaders.TYPE, utf8(ProvisioningEvents.OPERATOR_CHANGED.name()));
            producer.send(badJson).get();
            producer.send(operatorRecord(0, last, UUID.randomUUID().toString(), 1)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> operators.find(last).isPresent());
        assertTrue(operators.find(first).isPresent(), "the good record before the bad ones was applied");

        String consumerName = "platform-test-app." + PlatformTestResource.CHANNEL;
        List<ConsumerRecord<String, String>> dead;
        try (TestKafka.Reader reader = TestKafka.reader(topic + ".dlq")) {
            dead = reader.readUntil(read -> read.stream().filter(r -> badKey.equals(r.key())
                    && consumerName.equals(header(r, DeadLetters.CONSUMER))).count() == 3, Duration.ofSeconds(20))
                    .stream().filter(r -> badKey.equals(r.key()) && consumerName.equals(header(r, DeadLetters.CONSUMER)))
                    .toList();
        }
        assertEquals(3, dead.size());
        ConsumerRecord<String, String> noIdCopy = dead.get(0);
        assertEquals("{\"x\":1}", noIdCopy.value(), "original value");
        assertEquals("kept", header(noIdCopy, "trace"), "original headers");
        assertTrue(header(noIdCopy, DeadLetters.REASON).contains("no ce_id header"), header(noIdCopy, DeadLetters.REASON));
        assertEquals(topic, header(noIdCopy, DeadLetters.TOPIC));
        assertEquals("0", header(noIdCopy, DeadLetters.PARTITION));
        assertTrue(Long.parseLong(header(noIdCopy, DeadLetters.OFFSET)) >= 1);
        assertTrue(header(dead.get(1), DeadLetters.REASON).contains("ce_time"), header(dead.get(1), DeadLetters.REASON));
        assertTrue(header(dead.get(2), DeadLetters.REASON).contains("is not a valid"),
                header(dead.get(2), DeadLetters.REASON));
        assertTrue(consumers.monitor().deadLetteredCount(PlatformTestResource.CHANNEL) >= 3);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("hop_consumer_dead_lettered_total{channel=\""
                        + PlatformTestResource.CHANNEL + "\""));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aTombstoneReachesTheHandlerAsADeletion() throws Exception {
        String key = "gone-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, null)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> consumer.sawTombstone(key));
    }

    @Test
    void twoChannelsReadingOneTopicEachSeeEveryEvent() {
        String eventId = publish(change("op-" + UUID.randomUUID(), 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> consumer.runs(eventId) == 1 && consumer.secondChannelRuns(eventId) == 1);
    }

    @Test
    void theRestJsonSettingsLeaveTheEventBytesUnchanged() throws Exception {
        // this application writes REST dates as numbers (quarkus.jackson.write-dates-as-timestamps=true) ...
        Object validUntil = given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":5,\"validUntil\":\"2030-01-01T00:00:00Z\"}")
                .post("/v1/test/widgets").then().statusCode(201).extract().path("validUntil");
        assertTrue(validUntil instanceof Number, "REST setting in force: " + validUntil);

        // ... and the events it publishes keep the platform's bytes, ISO-8601 times included
        String operatorId = "op-" + UUID.randomUUID();
        OperatorChanged change = change(operatorId, 2);
        String eventId = publish(change);
        try (TestKafka.Reader reader = TestKafka.reader(topic)) {
            ConsumerRecord<String, String> record = reader.readUntil(read -> read.stream()
                    .anyMatch(r -> eventId.equals(header(r, CloudEventHeaders.ID))), Duration.ofSeconds(20))
                    .stream().filter(r -> eventId.equals(header(r, CloudEventHeaders.ID))).findFirst().orElseThrow();
            assertEquals(PlatformJson.mapper().writeValueAsString(change), record.value());
            assertTrue(record.value().contains("\"changedAt\":\"2025-03-01T10:00:02Z\""), record.value());
        }
    }

    @Test
    void theInboxRunsAThrowingHandlerAgainOnRedeliveryInAJtaTransaction() {
        IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(),
                ProvisioningEvents.OPERATOR_CHANGED.name(), "/hop/test", Instant.now(), "op-x", "op-x",
                "{\"operatorId\":\"op-x-" + UUID.randomUUID() + "\",\"name\":\"X\",\"status\":\"ACTIVE\",\"version\":1}");
        String operatorId = event.dataAs(ProvisioningEvents.OPERATOR_CHANGED).operatorId();

        assertThrows(IllegalStateException.class, () -> inbox.process("direct", event, e -> {
            operators.apply(e.dataAs(ProvisioningEvents.OPERATOR_CHANGED));
            throw new IllegalStateException("fails after applying");
        }));
        assertFalse(operators.find(operatorId).isPresent(), "the handler's write rolled back");

        assertTrue(inbox.process("direct", event, e -> operators.apply(e.dataAs(ProvisioningEvents.OPERATOR_CHANGED))));
        assertTrue(operators.find(operatorId).isPresent());
        assertFalse(inbox.process("direct", event, e -> {
            throw new AssertionError("must not run again");
        }));
    }

    @Test
    void publishingNeedsTheCallersTransactionAndAConfiguredChannel() {
        OperatorChanged change = change("op-y", 1);
        assertThrows(TransactionalException.class,
                () -> outbox.publish(PlatformTestResource.CHANNEL, "op-y", ProvisioningEvents.OPERATOR_CHANGED, change));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> QuarkusTransaction.requiringNew().run(
                        () -> outbox.publish("nowhere", "op-y", ProvisioningEvents.OPERATOR_CHANGED, change)));
        assertTrue(unknown.getMessage().contains("hop.topics.\"nowhere\""));
        // the contract's channels are configured by the platform's defaults
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(io.hop.contracts.Channels.PROVISIONING_CHANGES,
                "op-y", ProvisioningEvents.OPERATOR_CHANGED, change));
    }

}
