package io.hop.usage.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class UsageApiTest {

    @Inject
    UsageFixtures fixtures;

    static final String NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    static Map<String, Object> record(String recordId, String deviceId, String networkInterface, String clientId,
            long up, long down, boolean roaming) {
        Map<String, Object> record = new java.util.HashMap<>(Map.of("recordId", recordId, "deviceId", deviceId,
                "networkInterface", networkInterface, "periodStart", NOW, "periodEnd", NOW, "bytesUp", up,
                "bytesDown", down, "roaming", roaming));
        if (clientId != null) {
            record.put("clientId", clientId);
        }
        return record;
    }

    static ValidatableResponse post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/usage-records")
                .then();
    }

    static ValidatableResponse usage(String token, String deviceId) {
        return given().auth().oauth2(token).when().get("/v1/devices/{d}/usage", deviceId).then();
    }

    @Test
    void postedRecordsAreCountedWithPlanPercentAndBreakdown() {
        String operator = UsageFixtures.newId("op");
        PlanChanged plan = fixtures.planForImsi001(operator, 1000L, new PlanChanged.Validity("MONTHLY", 1, null, null));
        fixtures.device(operator, "dev-1", "001010000000001");

        post(Tokens.operator(operator), List.of(
                record("r1", "dev-1", "CELLULAR", null, 100, 150, true),
                record("r2", "dev-1", "WIFI_OFFLOAD", null, 50, 50, false),
                record("r3", "dev-1", "TETHERED_CLIENT", "laptop", 10, 40, false)))
                .statusCode(200).body("received", equalTo(3)).body("counted", equalTo(3));

        usage(Tokens.operator(operator), "dev-1").statusCode(200)
                .body("plan.planId", equalTo(plan.planId())).body("plan.name", equalTo("Gold"))
                .body("plan.dataLimitBytes", equalTo(1000)).body("plan.metered", equalTo(true))
                .body("bytesUp", equalTo(160)).body("bytesDown", equalTo(240)).body("bytesTotal", equalTo(400))
                .body("percentUsed", equalTo(40.0f)).body("roamingBytes", equalTo(250))
                .body("interfaces.CELLULAR.bytesTotal", equalTo(250))
                .body("interfaces.WIFI_OFFLOAD.bytesTotal", equalTo(100))
                .body("interfaces.TETHERED_CLIENT.bytesTotal", equalTo(50))
                .body("tetheredClients", hasSize(1)).body("tetheredClients[0].clientId", equalTo("laptop"))
                .body("tetheredClients[0].bytesTotal", equalTo(50))
                .body("period.start", equalTo(Instant.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate()
                        .withDayOfMonth(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString()))
                .body("lastUpdatedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRepostedBatchChangesNothingAndDuplicatesInABatchCountOnce() {
        String operator = UsageFixtures.newId("op");
        fixtures.device(operator, "dev-1", "999");
        List<Map<String, Object>> batch = List.of(record("r1", "dev-1", "CELLULAR", null, 1, 2, false),
                record("r1", "dev-1", "CELLULAR", null, 1, 2, false), record("r2", "dev-1", "CELLULAR", null, 3, 4, false));

        post(Tokens.operator(operator), Map.of("records", batch)).statusCode(200).body("counted", equalTo(2));
        post(Tokens.operator(operator), batch).statusCode(200).body("counted", equalTo(0))
                .body("duplicates", equalTo(3));

        usage(Tokens.operator(operator), "dev-1").statusCode(200).body("bytesTotal", equalTo(10))
                .body("plan", nullValue()).body("percentUsed", nullValue());
    }

    @Test
    void aBatchWithInvalidRecordsIsRefusedNamingEachFieldByIndexAndNothingIsStored() {
        String operator = UsageFixtures.newId("op");
        fixtures.device(operator, "dev-1", "999");
        Map<String, Object> negative = record("r2", "dev-1", "CELLULAR", null, -5, 1, false);
        Map<String, Object> noClient = record("r3", "dev-1", "TETHERED_CLIENT", null, 1, 1, false);
        Map<String, Object> backwards = record("r4", "dev-1", "BLUETOOTH", null, 1, 1, false);
        backwards.put("periodEnd", Instant.parse(NOW).minusSeconds(60).toString());

        post(Tokens.operator(operator), List.of(record("r1", "dev-1", "CELLULAR", null, 1, 1, false), negative,
                noClient, backwards)).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("records[1].bytesUp"))
                .body("violations.field", hasItem("records[2].clientId"))
                .body("violations.field", hasItem("records[3].networkInterface"))
                .body("violations.field", hasItem("records[3].periodEnd"));

        usage(Tokens.operator(operator), "dev-1").statusCode(200).body("bytesTotal", equalTo(0))
                .body("lastUpdatedAt", nullValue());
        post(Tokens.operator(operator), Map.of("nothing", 1)).statusCode(400).body("violations.field",
                hasItem("records"));
    }

    @Test
    void anOperatorCannotPostForAnotherOperatorNorReadItsDevices() {
        String mine = UsageFixtures.newId("op");
        String theirs = UsageFixtures.newId("op");
        fixtures.device(theirs, "dev-x", "999");
        Map<String, Object> foreign = record("r1", "dev-x", "CELLULAR", null, 1, 1, false);
        foreign.put("operatorId", theirs);

        post(Tokens.operator(mine), List.of(foreign)).statusCode(400)
                .body("violations.field", hasItem("records[0].operatorId"));
        usage(Tokens.operator(mine), "dev-x").statusCode(404);
        usage(Tokens.device(mine, "dev-x"), "dev-x").statusCode(404);
        usage(Tokens.operator(theirs), "dev-x").statusCode(200).body("bytesTotal", equalTo(0));
    }

    @Test
    void aDeviceReadsItsOwnUsageOnlyAndCannotPostRecords() {
        String operator = UsageFixtures.newId("op");
        fixtures.device(operator, "dev-1", "999");
        fixtures.device(operator, "dev-2", "999");

        usage(Tokens.device(operator, "dev-1"), "dev-1").statusCode(200).body("deviceId", equalTo("dev-1"));
        usage(Tokens.device(operator, "dev-1"), "dev-2").statusCode(404);
        post(Tokens.device(operator, "dev-1"), List.of(record("r1", "dev-1", "CELLULAR", null, 1, 1, false)))
                .statusCode(403);
        usage(Tokens.admin(), "dev-1").statusCode(400);
        given().auth().oauth2(Tokens.admin()).queryParam("operatorId", operator).when()
                .get("/v1/devices/dev-1/usage").then().statusCode(200);
    }
}
