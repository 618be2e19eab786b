package io.hop.provisioning.plan;

import static io.hop.provisioning.OperatorFixture.newOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.platform.crypto.SecretBox;
import io.hop.platform.crypto.SecretBoxes;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class PlanApiTest {

    private static final String APN_PASSWORD = "Apn-S3cret";

    static final String MONTHLY = """
            {"name": "5 GB monthly", "dataLimitBytes": 5000000000, "metered": true,
             "validity": {"billingCycle": "MONTHLY", "billingDay": 15, "validUntil": "2027-12-31T23:59:59Z"},
             "tetheringAllowanceBytes": 1000000000, "maxSharingDevices": 4,
             "apn": {"accessPointName": "internet.contoso.com", "pdpType": "IPV4V6", "username": "user",
                     "password": "%s"}}""".formatted(APN_PASSWORD);

    static final String UNLIMITED = """
            {"name": "Unlimited", "unlimited": true, "metered": false}""";

    @Test
    void aCreatedPlanIsFoundAtItsLocationWithItsApnPasswordOnlyShownAsSet() {
        String operator = newOperator();
        Response created = create(operator, MONTHLY);
        created.then().statusCode(201).body("version", equalTo(1)).body("dataLimitBytes", equalTo(5000000000L))
                .body("unlimited", equalTo(false)).body("metered", equalTo(true))
                .body("validity.billingCycle", equalTo("MONTHLY")).body("validity.billingDay", equalTo(15))
                .body("tetheringAllowanceBytes", equalTo(1000000000)).body("maxSharingDevices", equalTo(4))
                .body("apn.accessPointName", equalTo("internet.contoso.com")).body("apn.passwordSet", equalTo(true))
                .body("apn.password", nullValue()).body("apn.encryptedPassword", nullValue());
        assertFalse(created.asString().contains(APN_PASSWORD));

        Response read = asOperator(operator).get(created.header("Location"));
        read.then().statusCode(200).body("name", equalTo("5 GB monthly"));
        assertFalse(read.asString().contains(APN_PASSWORD));
    }

    @Test
    void anUnlimitedPlanHasNoLimitAndNoValidityMeansNone() {
        String operator = newOperator();
        create(operator, UNLIMITED).then().statusCode(201).body("dataLimitBytes", nullValue())
                .body("unlimited", equalTo(true)).body("validity.billingCycle", equalTo("NONE")).body("apn", nullValue());
    }

    @Test
    void anInvalidPlanIsRejectedWithEveryViolationAndNothingIsStored() {
        String operator = newOperator();
        create(operator, """
                {"name": "", "dataLimitBytes": -1, "validity": {"billingCycle": "MONTHLY", "billingDay": 31},
                 "tetheringAllowanceBytes": -5, "maxSharingDevices": 9,
                 "apn": {"accessPointName": "bad apn", "pdpType": "IPV5"}}""")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("name", "dataLimitBytes", "metered",
                        "validity.billingDay", "tetheringAllowanceBytes", "maxSharingDevices", "apn.accessPointName",
                        "apn.pdpType"));

        asOperator(operator).get(path(operator)).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aReplaceFromTheReadVersionKeepsAnOmittedApnPasswordAndAStaleOneIs409() {
        String operator = newOperator();
        String id = create(operator, MONTHLY).then().statusCode(201).extract().path("id");
        String v2 = """
                {"name": "6 GB monthly", "dataLimitBytes": 6000000000, "metered": true, "version": 1,
                 "validity": {"billingCycle": "MONTHLY", "billingDay": 15},
                 "apn": {"accessPointName": "internet.contoso.com", "username": "user"}}""";

        replace(operator, id, v2).then().statusCode(200).body("version", equalTo(2))
                .body("dataLimitBytes", equalTo(6000000000L)).body("apn.passwordSet", equalTo(true));
        replace(operator, id, v2).then().statusCode(409).contentType("application/problem+json");

        String sealed = asOperator(operator).get(path(operator) + "/" + id + "/versions/2").then().statusCode(200)
                .extract().path("apn.encryptedPassword");
        assertEquals(APN_PASSWORD, SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY).open(sealed));
        asOperator(operator).get(path(operator) + "/" + id).then().body("version", equalTo(2));
    }

    @Test
    void aDeletedPlanIsGoneButItsVersionsStayReadable() {
        String operator = newOperator();
        String id = create(operator, UNLIMITED).then().statusCode(201).extract().path("id");

        asOperator(operator).delete(path(operator) + "/" + id).then().statusCode(204);

        asOperator(operator).get(path(operator) + "/" + id).then().statusCode(404);
        asOperator(operator).get(path(operator) + "/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("deleted", equalTo(List.of(false, true)));
        asOperator(operator).get(path(operator) + "/" + id + "/versions/1").then().statusCode(200)
                .body("name", equalTo("Unlimited"));
    }

    @Test
    void anotherOperatorSeesNoneOfThePlansAndNoTokenIsRefused() {
        String mine = newOperator();
        String theirs = newOperator();
        String id = create(theirs, UNLIMITED).then().statusCode(201).extract().path("id");

        asOperator(mine).get(path(theirs) + "/" + id).then().statusCode(404);
        asOperator(mine).get(path(mine) + "/" + id).then().statusCode(404);
        asOperator(mine).get(path(theirs) + "/" + id + "/versions").then().statusCode(404);
        asOperator(mine).delete(path(theirs) + "/" + id).then().statusCode(404);
        asOperator(mine).contentType(ContentType.JSON).body(UNLIMITED.replace("}", ", \"version\": 1}"))
                .put(path(theirs) + "/" + id).then().statusCode(404);
        asOperator(mine).get(path(theirs)).then().statusCode(403);
        asOperator(mine).contentType(ContentType.JSON).body(UNLIMITED).post(path(theirs)).then().statusCode(403);
        given().get(path(theirs)).then().statusCode(401);
        given().get(path(theirs) + "/" + id).then().statusCode(401);

        asOperator(theirs).get(path(theirs)).then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void aPlanIsPublishedWithItsFullStateAndNoPlainApnPassword() {
        String operator = newOperator();
        String id = create(operator, MONTHLY).then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = TestEvents.read("provisioning.changes.v1",
                r -> ("plan:" + id).equals(r.key()), 1, Duration.ofSeconds(30)).get(0);

        assertEquals("provisioning.plan-changed.v1", TestEvents.header(record, "ce_type"));
        assertFalse(record.value().contains(APN_PASSWORD), record.value());
        JsonPath data = JsonPath.from(record.value());
        assertEquals(operator, data.getString("operatorId"));
        assertEquals(id, data.getString("planId"));
        assertEquals(5_000_000_000L, data.getLong("dataLimitBytes"));
        assertTrue(data.getBoolean("metered"));
        assertEquals("MONTHLY", data.getString("validity.billingCycle"));
        assertEquals(15, data.getInt("validity.billingDay"));
        assertEquals(1_000_000_000L, data.getLong("tetheringAllowanceBytes"));
        assertEquals(4, data.getInt("maxSharingDevices"));
        assertEquals("internet.contoso.com", data.getString("apn.accessPointName"));
        assertEquals("IPV4V6", data.getString("apn.pdpType"));
        assertEquals(APN_PASSWORD, SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY)
                .open(data.getString("apn.encryptedPassword")));
        assertEquals(1, data.getLong("version"));

        asOperator(operator).delete(path(operator) + "/" + id).then().statusCode(204);
        assertNull(TestEvents.read("provisioning.changes.v1", r -> ("plan:" + id).equals(r.key()) && r.value() == null,
                1, Duration.ofSeconds(30)).get(0).value());
    }

    static String path(String operator) {
        return "/v1/operators/" + operator + "/plans";
    }

    static RequestSpecification asOperator(String operator) {
        return given().auth().oauth2(Tokens.operator(operator));
    }

    static Response create(String operator, String body) {
        return asOperator(operator).contentType(ContentType.JSON).body(body).when().post(path(operator));
    }

    static Response replace(String operator, String id, String body) {
        return asOperator(operator).contentType(ContentType.JSON).body(body).when().put(path(operator) + "/" + id);
    }
}
