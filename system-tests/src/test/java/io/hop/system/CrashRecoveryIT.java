package io.hop.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import io.hop.system.Platform.Service;
import io.hop.testing.Tokens;

/**
 * Real crashes of packaged services (SIGKILL, nothing runs on the way down), and what must hold after their restart:
 * an event whose change was answered {@code 201} is delivered, and every consumer's effect is there exactly once.
 *
 * <p>What these tests read, in the services' own databases: provisioning-service's {@code hop_outbox} (the event ids
 * of the changes, found by the operator id in the Kafka key), and in each consumer the read model
 * {@code known_operator} and the inbox {@code hop_inbox} (one row per consumer and event id).
 */
class CrashRecoveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Exit status of a process killed by SIGKILL (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
    }

    /** Whatever a test did to a service, the next test finds it running as usual. */
    @AfterEach
    void everyServiceRunsAsUsual() {
        for (Service service : Service.values()) {
            ServiceProcess process = platform.service(service);
            if (!process.isAlive()) {
                process.start().awaitReady();
            }
        }
    }

    @Test
    void anOperatorAnswered201ByAProducerKilledBeforeItsRelayRanReachesEveryConsumerOnceAfterRestart()
            throws Exception {
        ServiceProcess provisioning = platform.service(Service.PROVISIONING);
        ServiceDatabase provisioningDb = database(Service.PROVISIONING);
        // The relay is held back for this run, so that the kill certainly falls between the commit of the change
        // (with its outbox row) and the event's publication: the window that the outbox must make safe.
        provisioning.stop();
        provisioning.start(List.of("-Dhop.outbox.relay-enabled=false")).awaitReady();
        String operatorId = newOperatorId("killed");

        assertEquals(201, createOperator(operatorId, "Answered, then killed"));
        provisioning.kill();

        assertEquals(KILLED_BY_SIGKILL, provisioning.exitValue());
        List<String> eventIds = eventIdsOf(operatorId);
        assertEquals(1, eventIds.size(), "one event for the one change");
        assertEquals(0, provisioningDb.queryLong("select count(*) from hop_outbox where id::text = any(?) "
                + "and sent_at is not null", eventIds), "not published before the kill");
        assertEquals(0, knownOperators(Service.USAGE, operatorId), "no consumer has it yet");

        provisioning.start().awaitReady();

        for (Service consumer : Platform.consumersOfProvisioningChanges()) {
            await(consumer.module + " knows " + operatorId).atMost(PATIENCE)
                    .until(() -> knownOperators(consumer, operatorId) == 1);
        }
        assertEquals(eventIds, eventIdsOf(operatorId), "no second event for the change after the restart");
        for (Service consumer : Platform.consumersOfProvisioningChanges()) {
            assertProcessedOnceByEachConsumer(consumer, eventIds);
        }
    }

    @Test
    void operatorsAnswered201JustBeforeTheProducerIsKilledReachEveryConsumerOnceAfterRestart() throws Exception {
        // As it runs in production: the relay publishes right after each commit, racing the kill. Whether an event
        // was sent, sent but not marked, or not sent at all when the process died, each arrives exactly once.
        ServiceProcess provisioning = platform.service(Service.PROVISIONING);
        String prefix = newOperatorId("race");
        List<String> operatorIds = IntStream.range(0, 10).mapToObj(i -> prefix + "-" + i).toList();

        List<Integer> statuses = createOperators(operatorIds, 10);
        provisioning.kill();

        assertEquals(List.of(201), statuses.stream().distinct().toList());
        assertEquals(KILLED_BY_SIGKILL, provisioning.exitValue());
        provisioning.start().awaitReady();

        for (Service consumer : Platform.consumersOfProvisioningChanges()) {
            await(consumer.module + " knows every operator").atMost(PATIENCE)
                    .until(() -> knownOperators(consumer, prefix + "-%") == operatorIds.size());
        }
        List<String> eventIds = eventIdsOf(prefix + "-%");
        assertEquals(operatorIds.size(), eventIds.size(), "one event per change");
        for (Service consumer : Platform.consumersOfProvisioningChanges()) {
            assertProcessedOnceByEachConsumer(consumer, eventIds);
        }
    }

    @Test
    void aConsumerKilledWhileApplyingAStreamOfEventsHasEveryEffectExactlyOnceAfterRestart(TestReporter report)
            throws Exception {
        ServiceProcess usage = platform.service(Service.USAGE);
        ServiceDatabase usageDb = database(Service.USAGE);
        String prefix = newOperatorId("burst");
        List<String> operatorIds = IntStream.range(0, 300).mapToObj(i -> prefix + "-" + i).toList();

        // A backlog that the consumer applies as one stream when it starts: it is gone (a graceful stop, so its
        // group has no member waiting to time out) while the operators are created and published.
        usage.stop();
        assertEquals(List.of(201), createOperators(operatorIds, 8).stream().distinct().toList());
        await("every event published").atMost(PATIENCE).until(() -> database(Service.PROVISIONING).queryLong(
                "select count(*) from hop_outbox where event_key like ? and sent_at is not null", "%" + prefix + "-%")
                == operatorIds.size());
        List<String> eventIds = eventIdsOf(prefix + "-%");
        assertEquals(operatorIds.size(), eventIds.size());

        // Small polls: a consumer that applies a poll in one transaction still commits many times in this stream.
        usage.start(List.of("-Dmp.messaging.incoming.provisioning-changes.max.poll.records=20"));
        long appliedAtKill;
        try (Connection connection = usageDb.connect()) {
            await("usage-service applies the first events").atMost(PATIENCE).pollInterval(Duration.ofMillis(5))
                    .until(() -> ServiceDatabase.queryLong(connection,
                            "select count(*) from known_operator where operator_id like ?", prefix + "-%") > 0);
            usage.kill();
            appliedAtKill = ServiceDatabase.queryLong(connection,
                    "select count(*) from known_operator where operator_id like ?", prefix + "-%");
        }
        assertEquals(KILLED_BY_SIGKILL, usage.exitValue());
        report.publishEntry("applied when usage-service was killed", appliedAtKill + " of " + operatorIds.size());
        assertTrue(appliedAtKill > 0 && appliedAtKill < operatorIds.size(),
                "killed in the middle of the stream: " + appliedAtKill + " of " + operatorIds.size() + " applied");

        usage.start().awaitReady();

        await("usage-service knows every operator after the restart").atMost(PATIENCE)
                .until(() -> knownOperators(Service.USAGE, prefix + "-%") == operatorIds.size());
        assertEquals(operatorIds.stream().sorted().toList(),
                usageDb.queryStrings("select operator_id from known_operator where operator_id like ?", prefix + "-%")
                        .stream().sorted().toList(),
                "each operator once");
        assertProcessedOnceByEachConsumer(Service.USAGE, eventIds);
    }

    /**
     * Each inbox consumer of {@code service} that took any of {@code eventIds} took every one of them, each once;
     * and there is at least one such consumer.
     */
    private static void assertProcessedOnceByEachConsumer(Service service, List<String> eventIds) throws Exception {
        ServiceDatabase db = database(service);
        List<String> consumers = db.queryStrings(
                "select distinct consumer from hop_inbox where event_id = any(?) order by 1", eventIds);
        assertFalse(consumers.isEmpty(), service.module + " recorded the events in its inbox");
        for (String consumer : consumers) {
            assertEquals(eventIds.stream().sorted().toList(),
                    db.queryStrings("select event_id from hop_inbox where consumer = ? and event_id = any(?) order by 1",
                            consumer, eventIds),
                    service.module + "'s consumer " + consumer + " processed each event once");
        }
    }

    /** The ids of the events provisioning-service committed for the operators matching {@code idPattern}. */
    private static List<String> eventIdsOf(String idPattern) throws Exception {
        // The Kafka key is the operator id, possibly qualified by the entity type (e.g. "operator:<id>").
        return database(Service.PROVISIONING).queryStrings(
                "select id::text from hop_outbox where event_key like ? order by 1", "%" + idPattern);
    }

    private static long knownOperators(Service service, String idPattern) throws Exception {
        return database(service).queryLong("select count(*) from known_operator where operator_id like ?", idPattern);
    }

    private static ServiceDatabase database(Service service) {
        return new ServiceDatabase(platform.database(service));
    }

    private static int createOperator(String operatorId, String name) {
        return createOperators(List.of(operatorId), 1).get(0);
    }

    /** {@code POST /v1/operators} for each id, at most {@code concurrency} at a time; returns the statuses. */
    private static List<Integer> createOperators(List<String> operatorIds, int concurrency) {
        String baseUrl = platform.service(Service.PROVISIONING).baseUrl();
        String token = Tokens.admin();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Integer>> responses = new ArrayList<>();
        for (String operatorId : operatorIds) {
            inFlight.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/operators"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"id\": \"" + operatorId + "\", \"name\": \"Operator " + operatorId + "\"}"))
                    .build();
            responses.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode)
                    .whenComplete((status, error) -> inFlight.release()));
        }
        return responses.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    private static String newOperatorId(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
