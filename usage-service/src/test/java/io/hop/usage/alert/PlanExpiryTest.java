package io.hop.usage.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatch;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.readmodel.devices.DeviceGroupDirectory;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.hop.usage.usage.UsageFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A plan published on the real {@code provisioning.changes.v1} with a {@code validUntil} expires through a durable
 * timer: one {@code PLAN_EXPIRED} on the real {@code usage.alerts.v1} per device that used it, once.
 */
@QuarkusTest
class PlanExpiryTest {

    @Inject
    UsageFixtures fixtures;
    @Inject
    DeviceGroupDirectory groups;

    @Test
    void aPlanReachingItsValidUntilRaisesPlanExpiredOnceForEachDeviceThatUsedIt() {
        String operator = UsageFixtures.newId("op");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PlanChanged.Validity validity = new PlanChanged.Validity("NONE", null, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofHours(1)));
        PlanChanged plan = new PlanChanged(operator, UsageFixtures.newId("plan"), "Pass", 1000L, true, validity, null,
                null, null, 1, now);
        QuarkusTransaction.requiringNew().run(() -> groups.apply(new DeviceGroupChanged(operator,
                UsageFixtures.newId("group"), "All", 10, new DeviceMatch(List.of("001"), null, null, null), null,
                List.of(), plan.planId(), 1, now)));
        fixtures.device(operator, "d1", "0010101");
        fixtures.device(operator, "d2", "0010102");
        TestEvents.send("provisioning.changes.v1", ProvisioningKeys.plan(plan.planId()), ProvisioningEvents.PLAN_CHANGED,
                plan);
        // the service's consumer reads the shared compacted topic from its beginning: give it time to catch up
        Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> plan.planId().equals(given().auth()
                .oauth2(Tokens.operator(operator)).when().get("/v1/devices/d1/usage").then().statusCode(200).extract()
                .jsonPath().getString("plan.planId")));
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body(List.of(Map.of("recordId", "r1", "deviceId", "d1", "networkInterface", "CELLULAR",
                        "periodStart", now.toString(), "periodEnd", now.toString(), "bytesUp", 10, "bytesDown", 0,
                        "roaming", false)))
                .when().post("/v1/usage-records").then().statusCode(200).body("counted", equalTo(1));

        // the plan's end moves to a few seconds from now: its timer moves with it
        Instant validUntil = Instant.now().plus(Duration.ofSeconds(5)).truncatedTo(ChronoUnit.MILLIS);
        TestEvents.send("provisioning.changes.v1", ProvisioningKeys.plan(plan.planId()), ProvisioningEvents.PLAN_CHANGED,
                new PlanChanged(operator, plan.planId(), "Pass", 1000L, true, new PlanChanged.Validity("NONE", null,
                        validity.validFrom(), validUntil), null, null, null, 2, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> expired(operator, 1).size() == 1);
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<ConsumerRecord<String, String>> alerts = expired(operator, 2);
        assertEquals(1, alerts.size(), "once, and only for the device that used the plan");
        assertEquals("d1", alerts.get(0).key());
        assertTrue(alerts.get(0).value().contains(plan.planId()));
        assertTrue(alerts.get(0).timestamp() >= validUntil.toEpochMilli(), "not before validUntil");
    }

    static List<ConsumerRecord<String, String>> expired(String operator, int atLeast) {
        return TestEvents.read("usage.alerts.v1", r -> r.value() != null && r.value().contains(operator)
                && r.value().contains("\"PLAN_EXPIRED\""), atLeast, Duration.ofSeconds(3));
    }
}
