package io.hop.usage.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageEvents;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.messaging.DeadLetters;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.hop.usage.usage.UsageFixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Records on {@code usage.records.v1} (the real broker) reach the counters; invalid ones are dead-lettered. */
@QuarkusTest
class UsageRecordsConsumerTest {

    static final String TOPIC = "usage.records.v1";

    @Inject
    UsageFixtures fixtures;

    static UsageRecorded record(String operator, String device, String networkInterface, String client, long up,
            long down) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new UsageRecorded(UsageFixtures.newId("r"), operator, device, networkInterface, client, now, now, up,
                down, false);
    }

    static long total(String operator, String device) {
        return given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/{d}/usage", device).then()
                .statusCode(200).extract().jsonPath().getLong("bytesTotal");
    }

    @Test
    void recordsFromTheTopicAreCountedAndInvalidOnesAreDeadLetteredWithTheirReasonWithoutStoppingTheStream() {
        String operator = UsageFixtures.newId("op");
        fixtures.planForImsi001(operator, 10_000L, new PlanChanged.Validity("DAILY", null, null, null));
        fixtures.device(operator, "dev-1", "0010100");
        long expected = 0;
        List<String> invalidIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TestEvents.send(TOPIC, "dev-1", UsageEvents.RECORD_REPORTED, record(operator, "dev-1", "CELLULAR", null, i, 1));
            expected += i + 1;
            if (i % 10 == 0) {
                invalidIds.add(TestEvents.send(TOPIC, "dev-1", UsageEvents.RECORD_REPORTED,
                        record(operator, "dev-1", "CELLULAR", null, -1, 1)));
                invalidIds.add(TestEvents.send(TOPIC, "dev-1", UsageEvents.RECORD_REPORTED,
                        record(operator, "dev-1", "TETHERED_CLIENT", null, 1, 1)));
            }
        }
        TestEvents.send(TOPIC, "dev-1", UsageEvents.RECORD_REPORTED, record(operator, "dev-1", "TETHERED_CLIENT", "phone", 7, 3));
        expected += 10;

        long all = expected;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> total(operator, "dev-1") == all);
        given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/dev-1/usage").then()
                .body("percentUsed", equalTo((float) (Math.round(all * 10000.0 / 10_000) / 100.0)))
                .body("tetheredClients[0].clientId", equalTo("phone"))
                .body("interfaces.TETHERED_CLIENT.bytesTotal", equalTo(10));

        List<ConsumerRecord<String, String>> dead = TestEvents.read(TOPIC + DeadLetters.SUFFIX,
                r -> invalidIds.contains(TestEvents.header(r, "ce_id")), invalidIds.size(), Duration.ofSeconds(30));
        assertEquals(invalidIds.size(), dead.size());
        assertTrue(dead.stream().map(r -> TestEvents.header(r, DeadLetters.REASON))
                .anyMatch(reason -> reason.contains("bytesUp must not be negative")));
        assertTrue(dead.stream().map(r -> TestEvents.header(r, DeadLetters.REASON))
                .anyMatch(reason -> reason.contains("clientId is required")));
    }
}
