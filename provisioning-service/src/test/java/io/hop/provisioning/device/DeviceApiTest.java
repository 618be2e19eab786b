package io.hop.provisioning.device;

import static io.hop.provisioning.devicegroup.ProvisioningFixtures.newOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class DeviceApiTest {

    private static final String HARDWARE = "{\"imsi\":\"262011234567890\",\"iccid\":\"8949020000123456789\","
            + "\"providerId\":\"prov-1\",\"providerName\":\"Acme\"}";

    @Test
    void registeringANewDeviceIs201AndChangingItIs200WithTheNextVersion() {
        String op = newOperator();

        put(op, "dev-1", HARDWARE).then().statusCode(201).header("Location", endsWith("/v1/operators/" + op + "/devices/dev-1"))
                .body("deviceId", equalTo("dev-1")).body("operatorId", equalTo(op)).body("version", equalTo(1))
                .body("imsi", equalTo("262011234567890")).body("providerName", equalTo("Acme"));

        put(op, "dev-1", "{\"imsi\":\"262021234567890\"}").then().statusCode(200).body("version", equalTo(2))
                .body("imsi", equalTo("262021234567890")).body("iccid", nullValue());
        get(op, "dev-1").then().statusCode(200).body("version", equalTo(2)).body("imsi", equalTo("262021234567890"));
    }

    @Test
    void registeringTheSameHardwareIdsAgainKeepsTheVersion() {
        String op = newOperator();
        put(op, "dev-1", HARDWARE).then().statusCode(201);

        put(op, "dev-1", HARDWARE).then().statusCode(200).body("version", equalTo(1));
        versions(op, "dev-1").then().body("version", contains(1));
    }

    @Test
    void invalidHardwareIdsAreRejectedNamingEachFieldAndNothingIsStored() {
        String op = newOperator();

        put(op, "dev-1", "{\"imsi\":\"26201\",\"iccid\":\"12345\",\"providerId\":\" \"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("imsi", "iccid", "providerId"));

        get(op, "dev-1").then().statusCode(404);
    }

    @Test
    void aDeletedDeviceIsGoneItsVersionsStayAndARegistrationAgainContinuesTheVersions() {
        String op = newOperator();
        put(op, "dev-1", HARDWARE).then().statusCode(201);

        given().auth().oauth2(Tokens.operator(op)).when().delete("/v1/operators/" + op + "/devices/dev-1").then()
                .statusCode(204);

        get(op, "dev-1").then().statusCode(404);
        versions(op, "dev-1").then().statusCode(200).body("version", contains(1, 2)).body("deleted", contains(false, true));
        given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/devices/dev-1/versions/1").then()
                .statusCode(200).body("imsi", equalTo("262011234567890"));
        put(op, "dev-1", HARDWARE).then().statusCode(201).body("version", equalTo(3));
    }

    @Test
    void anotherOperatorNeitherSeesNorRegistersTheDevices() {
        String op = newOperator();
        String other = newOperator();
        put(op, "dev-1", HARDWARE).then().statusCode(201);
        String token = Tokens.operator(other);

        given().auth().oauth2(token).when().get("/v1/operators/" + op + "/devices/dev-1").then().statusCode(404);
        given().auth().oauth2(token).when().get("/v1/operators/" + op + "/devices/dev-1/versions").then().statusCode(404);
        given().auth().oauth2(token).when().delete("/v1/operators/" + op + "/devices/dev-1").then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(HARDWARE)
                .when().put("/v1/operators/" + op + "/devices/dev-1").then().statusCode(403);
        // device ids are the operator's own: the same id under another operator is another device
        given().auth().oauth2(token).when().get("/v1/operators/" + other + "/devices/dev-1").then().statusCode(404);
        get(op, "dev-1").then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aDeviceTokenDoesNotManageDevices() {
        String op = newOperator();
        put(op, "dev-1", HARDWARE).then().statusCode(201);

        given().auth().oauth2(Tokens.device(op, "dev-1")).when().get("/v1/operators/" + op + "/devices/dev-1").then()
                .statusCode(403);
    }

    private static Response put(String op, String deviceId, String body) {
        return given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON).body(body)
                .when().put("/v1/operators/" + op + "/devices/" + deviceId);
    }

    private static Response get(String op, String deviceId) {
        return given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/devices/" + deviceId);
    }

    private static Response versions(String op, String deviceId) {
        return given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/devices/" + deviceId + "/versions");
    }
}
