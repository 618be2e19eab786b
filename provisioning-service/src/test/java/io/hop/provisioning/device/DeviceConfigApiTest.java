package io.hop.provisioning.device;

import static io.hop.provisioning.devicegroup.ProvisioningFixtures.createGroup;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.groupBody;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.newOperator;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.plan;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.policy;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.profile;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.registerDevice;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class DeviceConfigApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void aDeviceGetsTheConfigurationOfItsGroupWithoutSealedPasswords() {
        String op = newOperator();
        String policy = policy(dataSource, op, "German sharing");
        String profile = profile(dataSource, op, "Telekom hotspots");
        String plan = plan(dataSource, op, "10 GB");
        String group = createGroup(op, groupBody("Germany", 10, "{\"imsiPrefixes\":[\"26201\"]}", policy, profile, plan, null));
        registerDevice(op, "dev-1", "262011234567890");

        config(op, "dev-1").then().statusCode(200).contentType(ContentType.JSON)
                .header("ETag", equalTo("\"1." + epoch(op) + "\""))
                .body("operatorId", equalTo(op)).body("deviceId", equalTo("dev-1"))
                .body("version", equalTo("1." + epoch(op)))
                .body("group.groupId", equalTo(group)).body("group.name", equalTo("Germany"))
                .body("sharingPolicy.name", equalTo("German sharing"))
                .body("hotspotProfiles[0].displayName", equalTo("Telekom hotspots"))
                .body("hotspotProfiles[0].wispr.username", equalTo("user"))
                .body("plan.name", equalTo("10 GB")).body("plan.apn.accessPointName", equalTo("internet"))
                .body(not(containsString("encryptedPassword"))).body(not(containsString("sealed")));
    }

    @Test
    void theMatchingGroupOfLowestPrecedenceWins() {
        String op = newOperator();
        createGroup(op, groupBody("Catch-all", 100, "{}", null, null, null, null));
        createGroup(op, groupBody("Germany", 20, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, null));
        createGroup(op, groupBody("VIP", 10, "{\"imsiPrefixes\":[\"262019\"]}", null, null, null, null));
        registerDevice(op, "vip", "262019000000001");
        registerDevice(op, "german", "262011000000001");
        registerDevice(op, "roamer", "310150000000001");

        config(op, "vip").then().statusCode(200).body("group.name", equalTo("VIP"));
        config(op, "german").then().statusCode(200).body("group.name", equalTo("Germany"));
        config(op, "roamer").then().statusCode(200).body("group.name", equalTo("Catch-all"));
    }

    @Test
    void theSameVersionIsAnswered304AndAGroupChangeGivesANewVersion() {
        String op = newOperator();
        String group = createGroup(op, groupBody("Germany", 10, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, null));
        registerDevice(op, "dev-1", "262011234567890");
        String etag = config(op, "dev-1").then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(Tokens.device(op, "dev-1")).header("If-None-Match", etag)
                .when().get("/v1/devices/dev-1/config").then().statusCode(304).header("ETag", equalTo(etag));

        given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON)
                .body(groupBody("Deutschland", 10, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, 1L))
                .when().put("/v1/operators/" + op + "/device-groups/" + group).then().statusCode(200);
        String changed = given().auth().oauth2(Tokens.device(op, "dev-1")).header("If-None-Match", etag)
                .when().get("/v1/devices/dev-1/config").then().statusCode(200)
                .body("group.name", equalTo("Deutschland")).extract().header("ETag");
        assertNotEquals(etag, changed);
    }

    @Test
    void aChangeOfTheDeviceGivesANewVersionAndMayMoveItToAnotherGroup() {
        String op = newOperator();
        createGroup(op, groupBody("Germany", 10, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, null));
        createGroup(op, groupBody("Austria", 20, "{\"imsiPrefixes\":[\"23201\"]}", null, null, null, null));
        registerDevice(op, "dev-1", "262011234567890");
        String etag = config(op, "dev-1").then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON).body("{\"imsi\":\"232011234567890\"}")
                .when().put("/v1/operators/" + op + "/devices/dev-1").then().statusCode(200);

        given().auth().oauth2(Tokens.device(op, "dev-1")).header("If-None-Match", etag)
                .when().get("/v1/devices/dev-1/config").then().statusCode(200)
                .header("ETag", equalTo("\"2." + epoch(op) + "\"")).body("group.name", equalTo("Austria"));
    }

    @Test
    void aDeviceThatMatchesNoGroupGetsA404SayingSo() {
        String op = newOperator();
        createGroup(op, groupBody("Germany", 10, "{\"imsiPrefixes\":[\"26201\"]}", null, null, null, null));
        registerDevice(op, "roamer", "310150000000001");

        config(op, "roamer").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No matching device group"))
                .body("detail", containsString("matches none of its operator's device groups"));
    }

    @Test
    void anUnregisteredDeviceGetsA404() {
        String op = newOperator();
        createGroup(op, groupBody("All", 10, "{}", null, null, null, null));

        config(op, "never-registered").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("not registered"));
    }

    @Test
    void aDeletedGroupNoLongerConfiguresItsDevices() {
        String op = newOperator();
        String group = createGroup(op, groupBody("All", 10, "{}", null, null, null, null));
        registerDevice(op, "dev-1", "262011234567890");
        config(op, "dev-1").then().statusCode(200);

        given().auth().oauth2(Tokens.operator(op)).when().delete("/v1/operators/" + op + "/device-groups/" + group).then()
                .statusCode(204);

        config(op, "dev-1").then().statusCode(404).body("title", equalTo("No matching device group"));
    }

    @Test
    void aDeviceTokenOfAnotherDeviceOrOperatorGets404() {
        String op = newOperator();
        String other = newOperator();
        createGroup(op, groupBody("All", 10, "{}", null, null, null, null));
        registerDevice(op, "dev-1", "262011234567890");
        registerDevice(op, "dev-2", "262011234567891");

        given().auth().oauth2(Tokens.device(op, "dev-2")).when().get("/v1/devices/dev-1/config").then().statusCode(404);
        given().auth().oauth2(Tokens.device(other, "dev-1")).when().get("/v1/devices/dev-1/config").then().statusCode(404);
    }

    @Test
    void operatorAndAdminTokensAreNotAcceptedForADevicesConfiguration() {
        String op = newOperator();
        createGroup(op, groupBody("All", 10, "{}", null, null, null, null));
        registerDevice(op, "dev-1", "262011234567890");

        given().auth().oauth2(Tokens.operator(op)).when().get("/v1/devices/dev-1/config").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).when().get("/v1/devices/dev-1/config").then().statusCode(403);
        given().when().get("/v1/devices/dev-1/config").then().statusCode(401);
    }

    private long epoch(String op) {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("select config_epoch from operator where id = ?")) {
            select.setString(1, op);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response config(String op, String deviceId) {
        return given().auth().oauth2(Tokens.device(op, deviceId)).when().get("/v1/devices/" + deviceId + "/config");
    }
}
