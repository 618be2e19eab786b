package io.hop.provisioning.devicegroup;

import static io.hop.provisioning.devicegroup.ProvisioningFixtures.createGroup;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.entity;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.groupBody;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.newOperator;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.plan;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.policy;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.profile;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class DeviceGroupApiTest {

    private static final String IMSI_MATCH = "{\"imsiPrefixes\":[\"26201\"]}";

    @Inject
    DataSource dataSource;

    @Test
    void anOperatorCreatesAGroupAssigningPolicyProfilesAndPlanAndReadsItBack() {
        String op = newOperator();
        String policy = policy(dataSource, op, "P");
        String profile = profile(dataSource, op, "Hotspot");
        String plan = plan(dataSource, op, "Plan");

        String location = post(op, groupBody("Germany", 10,
                "{\"imsiPrefixes\":[\"26201\"],\"iccidRanges\":[{\"from\":\"894902000000000000\",\"to\":\"894902000099999999\"}],"
                        + "\"providerIds\":[\"prov-1\"],\"providerNames\":[\"Acme\"]}", policy, profile, plan, null))
                .then().statusCode(201).header("Location", containsString("/v1/operators/" + op + "/device-groups/"))
                .body("operatorId", equalTo(op)).body("version", equalTo(1)).body("precedence", equalTo(10))
                .body("match.imsiPrefixes", contains("26201"))
                .body("match.iccidRanges[0].to", equalTo("894902000099999999"))
                .body("sharingPolicyId", equalTo(policy)).body("hotspotProfileIds", contains(profile))
                .body("planId", equalTo(plan))
                .extract().header("Location");

        given().auth().oauth2(Tokens.operator(op)).when().get(location).then().statusCode(200)
                .body("groupId", equalTo(location.substring(location.lastIndexOf('/') + 1)))
                .body("name", equalTo("Germany")).body("match.providerNames", contains("Acme"));
    }

    @Test
    void theListIsInTheOrderGroupsAreTriedByPrecedence() {
        String op = newOperator();
        createGroup(op, groupBody("Late", 50, IMSI_MATCH, null, null, null, null));
        createGroup(op, groupBody("Early", 5, "{}", null, null, null, null));

        given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/device-groups").then()
                .statusCode(200).body("name", contains("Early", "Late"));
    }

    @Test
    void anInvalidGroupIsRejectedNamingEveryViolatedFieldAndNothingIsStored() {
        String op = newOperator();

        post(op, "{\"name\":\"\",\"match\":{\"imsiPrefixes\":[\"262\"],\"iccidRanges\":[{\"from\":\"894902000000000009\",\"to\":\"894902000000000001\"}]}}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("name", "precedence", "match.imsiPrefixes[0]",
                        "match.iccidRanges[0]"));

        list(op).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void referencesMustBeThisOperatorsAndNotDeleted() {
        String op = newOperator();
        String other = newOperator();
        String othersPolicy = policy(dataSource, other, "Theirs");
        String deletedProfile = profile(dataSource, op, "Gone");
        entity(dataSource, op, "hotspot-profile", deletedProfile, 2, null);

        post(op, groupBody("G", 1, IMSI_MATCH, othersPolicy, deletedProfile, "no-such-plan", null))
                .then().statusCode(400)
                .body("violations.field", containsInAnyOrder("sharingPolicyId", "hotspotProfileIds[0]", "planId"));

        list(op).then().body("$", hasSize(0));
    }

    @Test
    void aSecondGroupWithTheSamePrecedenceIsAConflict() {
        String op = newOperator();
        createGroup(op, groupBody("First", 10, IMSI_MATCH, null, null, null, null));

        post(op, groupBody("Second", 10, "{}", null, null, null, null)).then().statusCode(409)
                .contentType("application/problem+json");

        list(op).then().body("name", contains("First"));
    }

    @Test
    void aReplaceFromTheCurrentVersionMakesANewVersionAndTheOldOneStaysReadable() {
        String op = newOperator();
        String id = createGroup(op, groupBody("First", 10, IMSI_MATCH, null, null, null, null));

        put(op, id, groupBody("Second", 11, "{\"imsiPrefixes\":[\"26202\"]}", null, null, null, 1L)).then()
                .statusCode(200).body("version", equalTo(2)).body("name", equalTo("Second"));

        String versions = "/v1/operators/" + op + "/device-groups/" + id + "/versions";
        given().auth().oauth2(Tokens.operator(op)).when().get(versions).then().statusCode(200)
                .body("version", contains(1, 2)).body("deleted", contains(false, false));
        given().auth().oauth2(Tokens.operator(op)).when().get(versions + "/1").then().statusCode(200)
                .body("name", equalTo("First")).body("match.imsiPrefixes", contains("26201"));
    }

    @Test
    void aReplaceFromAStaleVersionIs409AndChangesNothing() {
        String op = newOperator();
        String id = createGroup(op, groupBody("First", 10, IMSI_MATCH, null, null, null, null));
        put(op, id, groupBody("Second", 10, IMSI_MATCH, null, null, null, 1L)).then().statusCode(200);

        put(op, id, groupBody("Third", 10, IMSI_MATCH, null, null, null, 1L)).then().statusCode(409)
                .contentType("application/problem+json");

        get(op, id).then().body("name", equalTo("Second")).body("version", equalTo(2));
    }

    @Test
    void aReplaceNeedsTheVersionItWasReadAt() {
        String op = newOperator();
        String id = createGroup(op, groupBody("First", 10, IMSI_MATCH, null, null, null, null));

        put(op, id, groupBody("Second", 10, IMSI_MATCH, null, null, null, null)).then().statusCode(400)
                .body("violations.field", contains("version"));
    }

    @Test
    void aDeletedGroupIsGoneButItsVersionsIncludingTheDeletionStayReadable() {
        String op = newOperator();
        String id = createGroup(op, groupBody("First", 10, IMSI_MATCH, null, null, null, null));

        given().auth().oauth2(Tokens.operator(op)).when().delete("/v1/operators/" + op + "/device-groups/" + id)
                .then().statusCode(204);

        get(op, id).then().statusCode(404);
        given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/device-groups/" + id + "/versions")
                .then().statusCode(200).body("version", contains(1, 2)).body("deleted", contains(false, true));
        // its precedence is free again
        createGroup(op, groupBody("Again", 10, IMSI_MATCH, null, null, null, null));
    }

    @Test
    void anotherOperatorSeesNoneOfTheGroups() {
        String op = newOperator();
        String other = newOperator();
        String id = createGroup(op, groupBody("Mine", 10, IMSI_MATCH, null, null, null, null));
        String token = Tokens.operator(other);

        given().auth().oauth2(token).when().get("/v1/operators/" + op + "/device-groups/" + id).then().statusCode(404);
        given().auth().oauth2(token).when().get("/v1/operators/" + op + "/device-groups/" + id + "/versions").then()
                .statusCode(404);
        given().auth().oauth2(token).when().get("/v1/operators/" + op + "/device-groups").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(groupBody("X", 1, "{}", null, null, null, null))
                .when().post("/v1/operators/" + op + "/device-groups").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(groupBody("X", 1, "{}", null, null, null, 1L))
                .when().put("/v1/operators/" + op + "/device-groups/" + id).then().statusCode(404);
        given().auth().oauth2(token).when().delete("/v1/operators/" + op + "/device-groups/" + id).then().statusCode(404);
        // and its own view of the id is just as empty
        given().auth().oauth2(token).when().get("/v1/operators/" + other + "/device-groups/" + id).then().statusCode(404);
        get(op, id).then().statusCode(200).body("version", equalTo(1));
    }

    private static Response post(String op, String body) {
        return given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/operators/" + op + "/device-groups");
    }

    private static Response put(String op, String id, String body) {
        return given().auth().oauth2(Tokens.operator(op)).contentType(ContentType.JSON).body(body)
                .when().put("/v1/operators/" + op + "/device-groups/" + id);
    }

    private static Response get(String op, String id) {
        return given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/device-groups/" + id);
    }

    private static Response list(String op) {
        return given().auth().oauth2(Tokens.operator(op)).when().get("/v1/operators/" + op + "/device-groups");
    }
}
