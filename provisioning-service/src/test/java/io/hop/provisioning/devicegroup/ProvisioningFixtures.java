package io.hop.provisioning.devicegroup;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.hop.testing.Tokens;
import io.restassured.http.ContentType;

/**
 * What the device tests need around them: operators (through the API) and the sharing policies, hotspot profiles and
 * plans a group refers to. Those are other features' entities; their versions are written straight into
 * {@code entity_version}, exactly as {@code ProvisioningChanges} stores a published state.
 */
public final class ProvisioningFixtures {

    private ProvisioningFixtures() {
    }

    /** Creates a new operator through the API; its id. */
    public static String newOperator() {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"Operator " + id + "\"}")
                .when().post("/v1/operators").then().statusCode(201);
        return id;
    }

    /** Stores version {@code version} of an entity with {@code stateJson} (null: its deletion); its id. */
    public static String entity(DataSource dataSource, String operatorId, String type, String id, long version,
            String stateJson) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into entity_version (entity_type, entity_id, version, operator_id, state, created_at)
                        values (?, ?, ?, ?, cast(? as jsonb), ?)""")) {
            insert.setString(1, type);
            insert.setString(2, id);
            insert.setLong(3, version);
            insert.setString(4, operatorId);
            insert.setString(5, stateJson);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new sharing policy of the operator, at version 1. */
    public static String policy(DataSource dataSource, String operatorId, String name) {
        String id = UUID.randomUUID().toString();
        return entity(dataSource, operatorId, "sharing-policy", id, 1,
                "{\"operatorId\":\"" + operatorId + "\",\"policyId\":\"" + id + "\",\"name\":\"" + name + "\",\"version\":1}");
    }

    /** A new hotspot profile of the operator with a sealed WISPr password, at version 1. */
    public static String profile(DataSource dataSource, String operatorId, String name) {
        String id = UUID.randomUUID().toString();
        return entity(dataSource, operatorId, "hotspot-profile", id, 1, "{\"operatorId\":\"" + operatorId
                + "\",\"profileId\":\"" + id + "\",\"displayName\":\"" + name
                + "\",\"wispr\":{\"username\":\"user\",\"encryptedPassword\":\"v1:sealed-secret\"},\"version\":1}");
    }

    /** A new plan of the operator with a sealed APN password, at version 1. */
    public static String plan(DataSource dataSource, String operatorId, String name) {
        String id = UUID.randomUUID().toString();
        return entity(dataSource, operatorId, "plan", id, 1, "{\"operatorId\":\"" + operatorId + "\",\"planId\":\"" + id
                + "\",\"name\":\"" + name + "\",\"apn\":{\"accessPointName\":\"internet\",\"encryptedPassword\":\"v1:sealed-apn\"},\"version\":1}");
    }

    /** The JSON body of a group. */
    public static String groupBody(String name, int precedence, String matchJson, String policyId, String profileId,
            String planId, Long version) {
        return "{\"name\":\"" + name + "\",\"precedence\":" + precedence + ",\"match\":" + matchJson
                + (policyId == null ? "" : ",\"sharingPolicyId\":\"" + policyId + "\"")
                + (profileId == null ? "" : ",\"hotspotProfileIds\":[\"" + profileId + "\"]")
                + (planId == null ? "" : ",\"planId\":\"" + planId + "\"")
                + (version == null ? "" : ",\"version\":" + version) + "}";
    }

    /** Creates a group through the API; its id. */
    public static String createGroup(String operatorId, String body) {
        return given().auth().oauth2(Tokens.operator(operatorId)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/operators/" + operatorId + "/device-groups")
                .then().statusCode(201).extract().path("groupId");
    }

    /** Registers a device through the API. */
    public static void registerDevice(String operatorId, String deviceId, String imsi) {
        given().auth().oauth2(Tokens.operator(operatorId)).contentType(ContentType.JSON)
                .body("{\"imsi\":\"" + imsi + "\"}")
                .when().put("/v1/operators/" + operatorId + "/devices/" + deviceId)
                .then().statusCode(201);
    }
}
