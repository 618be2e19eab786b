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
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.platform.messaging.Inbox;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.outbox.Outbox;
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

    @ConfigProperty(name = "hop.test.topic")
    String topic;

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
    void aRolledBackRequestPublishesNothing() {
        String refused = "op-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(change(refused, 1)).post("/v1/test/events/operators/then-fail")
                .then().statusCode(409).contentType("application/problem+json");
        String marker = "op-" + UUID.randomUUID();
        publish(change(marker, 1));

        // Events of all keys go through one relay in commit order; once the later marker is consumed, an event
        // of the refused request would have been too (its partition is read by the same consumer).
        await().atMost(Duration.ofSeconds(20)).until(() -> operators.find(marker).isPresent());
        assertFalse(operators.find(refused).isPresent());
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
