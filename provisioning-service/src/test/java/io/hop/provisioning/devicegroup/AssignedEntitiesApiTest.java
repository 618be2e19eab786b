package io.hop.provisioning.devicegroup;

import static io.hop.provisioning.devicegroup.ProvisioningFixtures.createGroup;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.groupBody;
import static io.hop.provisioning.devicegroup.ProvisioningFixtures.newOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A policy, profile or plan that a device group assigns cannot be deleted from under it. */
@QuarkusTest
class AssignedEntitiesApiTest {

    private static final String IMSI_MATCH = "{\"imsiPrefixes\":[\"310410\"]}";

    private static RequestSpecification as(String operator) {
        return given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON);
    }

    private static String create(String operator, String collection, String body) {
        String location = as(operator).body(body).when().post("/v1/operators/" + operator + "/" + collection)
                .then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void deletingAnAssignedPolicyProfileOrPlanIs409AndChangesNothingUntilTheGroupLetsGo() {
        String operator = newOperator();
        String policy = create(operator, "sharing-policies", "{\"name\": \"Std\", \"settings\": {\"enabled\": true}}");
        String profile = create(operator, "hotspot-profiles", """
                {"displayName": "Contoso", "ssids": ["Contoso Wi-Fi"], "relation": "HOME", "authMethod": "OPEN",
                 "preference": "PREFERRED_OVER_CELLULAR", "priority": 1}""");
        String plan = create(operator, "plans", "{\"name\": \"Unlimited\", \"unlimited\": true, \"metered\": false}");
        String group = createGroup(operator, groupBody("All 310410", 10, IMSI_MATCH, policy, profile, plan, null));
        String base = "/v1/operators/" + operator + "/";

        as(operator).header("If-Match", "\"1\"").when().delete(base + "sharing-policies/" + policy)
                .then().statusCode(409).body("detail", containsString("All 310410"));
        as(operator).when().delete(base + "hotspot-profiles/" + profile).then().statusCode(409);
        as(operator).when().delete(base + "plans/" + plan).then().statusCode(409);
        as(operator).when().get(base + "plans/" + plan).then().statusCode(200);
        as(operator).when().get(base + "plans/" + plan + "/versions/2").then().statusCode(404);

        as(operator).when().delete(base + "device-groups/" + group).then().statusCode(204);
        as(operator).when().delete(base + "plans/" + plan).then().statusCode(204);
        as(operator).when().delete(base + "hotspot-profiles/" + profile).then().statusCode(204);
        as(operator).header("If-Match", "\"1\"").when().delete(base + "sharing-policies/" + policy)
                .then().statusCode(204);
    }
}
