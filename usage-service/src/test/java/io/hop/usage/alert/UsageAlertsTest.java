package io.hop.usage.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageEvents;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.hop.usage.counter.CounterChange;
import io.hop.contracts.provisioning.BillingPeriods;
import io.hop.usage.usage.UsageFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Alerts through the running service: records from the real {@code usage.records.v1} and from the REST API raise
 * 5 % steps, thresholds, tethering allowance exhausted, roaming started and plan exhausted on the real
 * {@code usage.alerts.v1}, each exactly once, and a redelivery raises nothing again.
 */
@QuarkusTest
class UsageAlertsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    UsageFixtures fixtures;
    @Inject
    AlertEngine engine;
    @Inject
    DataSource dataSource;

    static UsageRecorded record(String operator, String device, String networkInterface, String client, long bytes,
            boolean roaming) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new UsageRecorded(UsageFixtures.newId("r"), operator, device, networkInterface, client, now, now, bytes,
                0, roaming);
    }

    static void putThreshold(String operator, String id, String body) {
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(body).when()
                .put("/v1/operators/{o}/usage-thresholds/{t}", operator, id).then().statusCode(201);
    }

    static List<String> alerts(String operator, int atLeast) {
        return TestEvents.read("usage.alerts.v1", r -> r.value() != null && r.value().contains("\"" + operator + "\""),
                atLeast, Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    }

    static String describe(String json) {
        try {
            JsonNode alert = JSON.readTree(json);
            return alert.get("kind").asText() + (alert.get("thresholdId").isNull() ? ""
                    : ":" + alert.get("thresholdId").asText())
                    + (alert.get("kind").asText().equals("PERCENT_STEP") ? ":" + alert.get("percent").asInt() : "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String alertId(String json) {
        try {
            return JSON.readTree(json).get("alertId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recordsFromTheTopicAndTheApiRaiseEveryAlertExactlyOnceOnTheAlertTopic() {
        String operator = UsageFixtures.newId("op");
        PlanChanged plan = fixtures.planForImsi001(operator, 1000L, 100L, null);
        fixtures.device(operator, "dev-1", "0010100");
        putThreshold(operator, "eighty", "{\"percent\":80}");
        putThreshold(operator, "half-k", "{\"bytes\":500,\"snooze\":\"PT1H\"}");
        putThreshold(operator, "other-plan", "{\"percent\":10,\"planId\":\"another-plan\"}");

        // 3 %, then one record jumping to 30 % (steps 5..30), via the topic
        TestEvents.send("usage.records.v1", "dev-1", UsageEvents.RECORD_REPORTED,
                record(operator, "dev-1", "CELLULAR", null, 30, false));
        TestEvents.send("usage.records.v1", "dev-1", UsageEvents.RECORD_REPORTED,
                record(operator, "dev-1", "CELLULAR", null, 270, false));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> alerts(operator, 6).size() >= 6);

        // tethering beyond the allowance (42 %), then roaming to 82 %, then beyond the limit, via the API
        List<Map<String, Object>> batch = List.of(
                Map.of("recordId", "t1", "deviceId", "dev-1", "networkInterface", "TETHERED_CLIENT", "clientId",
                        "laptop", "periodStart", Instant.now().toString(), "periodEnd", Instant.now().toString(),
                        "bytesUp", 120, "bytesDown", 0, "roaming", false));
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(batch).when()
                .post("/v1/usage-records").then().statusCode(200).body("counted", equalTo(1));
        List<Map<String, Object>> roaming = List.of(Map.of("recordId", "m1", "deviceId", "dev-1", "networkInterface",
                "CELLULAR", "periodStart", Instant.now().toString(), "periodEnd", Instant.now().toString(), "bytesUp",
                400, "bytesDown", 0, "roaming", true));
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(roaming).when()
                .post("/v1/usage-records").then().statusCode(200);
        TestEvents.send("usage.records.v1", "dev-1", UsageEvents.RECORD_REPORTED,
                record(operator, "dev-1", "CELLULAR", null, 300, false));

        List<String> expected = new ArrayList<>();
        for (int p = 5; p <= 100; p += 5) {
            expected.add("PERCENT_STEP:" + p);
        }
        expected.addAll(List.of("TETHERING_ALLOWANCE_EXHAUSTED", "ROAMING_STARTED", "THRESHOLD:eighty",
                "THRESHOLD:half-k", "PLAN_EXHAUSTED"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> alerts(operator, expected.size()).size()
                >= expected.size());

        // redelivery: the same API batch again, and the counter evaluated again as a redelivered batch would be
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(roaming).when()
                .post("/v1/usage-records").then().statusCode(200).body("counted", equalTo(0));
        Instant period = BillingPeriods.periodOf(null, Instant.now()).start();
        List<?> again = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                CounterChange current = AlertEngine.current(connection, operator, "dev-1", period).orElseThrow();
                return engine.raise(connection, List.of(current), false);
            }
        });
        assertEquals(List.of(), again);

        // nothing more arrives, nothing twice
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<String> raised = alerts(operator, expected.size() + 1);
        assertEquals(expected.stream().sorted().toList(), raised.stream().map(UsageAlertsTest::describe).sorted()
                .toList());
        Set<String> ids = raised.stream().map(UsageAlertsTest::alertId).collect(Collectors.toSet());
        assertEquals(raised.size(), ids.size(), "alert ids are unique");
        assertTrue(raised.stream().allMatch(a -> a.contains(plan.planId())), "alerts name the plan");
    }

    @Test
    void thresholdsAreValidatedAndIsolatedByOperator() {
        String operator = UsageFixtures.newId("op");
        String other = UsageFixtures.newId("op");
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body("{\"percent\":0,\"bytes\":5,\"snooze\":\"soon\",\"planId\":7}").when()
                .put("/v1/operators/{o}/usage-thresholds/{t}", operator, "bad id!").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("thresholdId", "percent", "snooze", "planId"));
        given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/operators/{o}/usage-thresholds", operator)
                .then().statusCode(200).body("size()", equalTo(0));

        putThreshold(operator, "ninety", "{\"percent\":90,\"snooze\":\"PT30M\"}");
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body("{\"bytes\":1073741824}")
                .when().put("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(200)
                .body("bytes", equalTo(1073741824)).body("snooze", equalTo("PT1H"));
        given().auth().oauth2(Tokens.operator(operator)).when().get("/v1/operators/{o}/usage-thresholds", operator)
                .then().statusCode(200).body("thresholdId", equalTo(List.of("ninety")));

        given().auth().oauth2(Tokens.operator(other)).when()
                .get("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(404);
        given().auth().oauth2(Tokens.operator(other)).when().get("/v1/operators/{o}/usage-thresholds", operator)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.operator(other)).contentType(ContentType.JSON).body("{\"percent\":1}").when()
                .put("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(403);
        given().auth().oauth2(Tokens.operator(other)).when()
                .delete("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(404);
        given().auth().oauth2(Tokens.device(operator, "dev-1")).when()
                .get("/v1/operators/{o}/usage-thresholds", operator).then().statusCode(403);
        given().when().get("/v1/operators/{o}/usage-thresholds", operator).then().statusCode(401);

        given().auth().oauth2(Tokens.operator(operator)).when()
                .delete("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(204);
        given().auth().oauth2(Tokens.operator(operator)).when()
                .get("/v1/operators/{o}/usage-thresholds/{t}", operator, "ninety").then().statusCode(404);
    }
}
