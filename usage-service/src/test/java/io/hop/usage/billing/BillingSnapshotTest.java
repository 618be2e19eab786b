package io.hop.usage.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.hop.usage.usage.UsageFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Billing reconciliation through the API: the operator's figure resets the estimate, usage after it lands on top,
 * and alerts already raised are not raised again (checked on the real {@code usage.alerts.v1}).
 */
@QuarkusTest
class BillingSnapshotTest {

    @Inject
    UsageFixtures fixtures;

    static void post(String operator, String recordId, Instant at, long bytes) {
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body(List.of(Map.of("recordId", recordId, "deviceId", "dev-1", "networkInterface", "CELLULAR",
                        "periodStart", at.toString(), "periodEnd", at.toString(), "bytesUp", bytes, "bytesDown", 0,
                        "roaming", false)))
                .when().post("/v1/usage-records").then().statusCode(200);
    }

    static ValidatableResponse snapshot(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when()
                .post("/v1/devices/dev-1/usage/billing-snapshots").then();
    }

    static long total(String operator) {
        return given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/dev-1/usage").then()
                .statusCode(200).extract().jsonPath().getLong("bytesTotal");
    }

    @Test
    void theBilledFigureResetsTheEstimateLaterUsageLandsOnTopAndNoAlertIsRaisedTwice() throws Exception {
        String operator = UsageFixtures.newId("op");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fixtures.planForImsi001(operator, 1000L, new PlanChanged.Validity("NONE", null, now.minus(Duration.ofDays(10)),
                null));
        fixtures.device(operator, "dev-1", "0010100");
        Instant before = now.minus(Duration.ofHours(3));
        post(operator, "r1", before, 100);
        post(operator, "r2", now, 50);
        assertEquals(150, total(operator));

        String takenAt = before.plus(Duration.ofMinutes(1)).toString();
        String body = "{\"snapshotId\":\"bill-1\",\"takenAt\":\"" + takenAt + "\",\"bytesUsed\":700}";
        snapshot(Tokens.operator(operator), body).statusCode(201).body("estimateBefore", equalTo(150))
                .body("usageAfterSnapshot", equalTo(50)).body("estimateAfter", equalTo(750))
                .body("alertsRaised", hasSize(12));
        assertEquals(750, total(operator));
        given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/devices/dev-1/usage").then()
                .body("percentUsed", equalTo(75.0f)).body("billingAdjustmentBytes", equalTo(600));

        post(operator, "r3", now, 100);
        assertEquals(850, total(operator), "usage after the snapshot adds on top of it");

        snapshot(Tokens.operator(operator), body).statusCode(200).body("estimateAfter", equalTo(750))
                .body("alertsRaised", hasSize(12));
        assertEquals(850, total(operator), "the same snapshot again changes nothing");

        // a lower figure: the estimate goes down, nothing is raised
        String lower = "{\"snapshotId\":\"bill-2\",\"takenAt\":\"" + before.plus(Duration.ofMinutes(2))
                + "\",\"bytesUsed\":100}";
        snapshot(Tokens.operator(operator), lower).statusCode(201).body("estimateAfter", equalTo(250))
                .body("alertsRaised", hasSize(0));
        post(operator, "r4", now, 700);
        assertEquals(950, total(operator));

        ObjectMapper json = new ObjectMapper();
        Function<String, JsonNode> parse = v -> {
            try {
                return json.readTree(v);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        // 5..15 % (records), 20..75 % (first snapshot), 80, 85 (r3), 90, 95 (r4): each exactly once
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestEvents.read("usage.alerts.v1",
                r -> r.value() != null && r.value().contains(operator), 19, Duration.ofSeconds(5)).size() >= 19);
        Map<Integer, Long> steps = TestEvents.read("usage.alerts.v1",
                r -> r.value() != null && r.value().contains(operator), 20, Duration.ofSeconds(5)).stream()
                .map(r -> parse.apply(r.value())).filter(a -> a.get("kind").asText().equals("PERCENT_STEP"))
                .collect(Collectors.groupingBy(a -> a.get("percent").asInt(), Collectors.counting()));
        assertEquals(19, steps.size());
        assertEquals(List.of(1L), steps.values().stream().distinct().toList());
    }

    @Test
    void snapshotsAreValidatedAndIsolatedByOperator() {
        String operator = UsageFixtures.newId("op");
        fixtures.planForImsi001(operator, 1000L, null);
        fixtures.device(operator, "dev-1", "0010100");
        snapshot(Tokens.operator(operator), "{\"takenAt\":\"yesterday\",\"bytesUsed\":-1}").statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("snapshotId", "takenAt", "bytesUsed"));
        snapshot(Tokens.operator(operator), "{\"snapshotId\":\"s\",\"takenAt\":\"" + Instant.now().plus(
                Duration.ofDays(1)) + "\",\"bytesUsed\":1}").statusCode(400).body("violations.field", hasItems("takenAt"));
        String valid = "{\"snapshotId\":\"s\",\"takenAt\":\"" + Instant.now() + "\",\"bytesUsed\":1}";
        snapshot(Tokens.operator(UsageFixtures.newId("op")), valid).statusCode(404);
        snapshot(Tokens.device(operator, "dev-1"), valid).statusCode(403);
        given().contentType(ContentType.JSON).body(valid).when().post("/v1/devices/dev-1/usage/billing-snapshots")
                .then().statusCode(401);
        snapshot(Tokens.operator(operator), valid).statusCode(201);
    }
}
