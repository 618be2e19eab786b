package io.hop.provisioning.carrier;

import static io.hop.provisioning.OperatorFixture.newOperator;
import static io.hop.provisioning.carrier.CarrierProvisioningMappingTest.sample;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.platform.crypto.SecretBox;
import io.hop.platform.crypto.SecretBoxes;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CarrierProvisioningApiTest {

    @Test
    void theOpenWlanSampleImportsAsAnOpenHotspotProfile() {
        String operator = newOperator();
        String id = importXml(operator, sample("carrier-wlan-open.xml")).then().statusCode(201)
                .body("hotspotProfileIds", hasSize(1)).body("planIds", hasSize(0)).extract().path("hotspotProfileIds[0]");

        asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles/" + id).then().statusCode(200)
                .body("displayName", equalTo("My Wi-Fi Hotspot")).body("ssids", equalTo(List.of("wifihotspot1")))
                .body("authMethod", equalTo("OPEN")).body("relation", equalTo("HOME"))
                .body("preference", equalTo("PREFERRED_OVER_CELLULAR")).body("version", equalTo(1));
    }

    @Test
    void theWisprSampleImportsWithItsPlaceholderCredentialsSealedAndAWarning() {
        String operator = newOperator();
        Response imported = importXml(operator, sample("carrier-wlan-wispr-basicauth.xml"));
        imported.then().statusCode(201).body("warnings.field",
                hasItem("WLANProfiles/WLANProfile[1]/MSM/security/HotspotProfile/BasicAuth/Password"));
        String id = imported.path("hotspotProfileIds[0]");

        Response profile = asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles/" + id);
        profile.then().statusCode(200).body("authMethod", equalTo("WISPR")).body("wispr.credentials", equalTo("STATIC"))
                .body("wispr.username", equalTo("[PLACEHOLDER]")).body("wispr.passwordSet", equalTo(true))
                .body("wispr.trustedLoginDomains", equalTo(List.of("hotspot.contoso.com")));
        String sealed = asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles/" + id + "/versions/1")
                .then().statusCode(200).extract().path("wispr.encryptedPassword");
        assertEquals("[PLACEHOLDER]", SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY).open(sealed));
    }

    @Test
    void theFixedPlanSampleImportsAs500MillionBytesWithItsApn() {
        String operator = newOperator();
        String id = importXml(operator, sample("carrier-plan-fixed-500mb.xml")).then().statusCode(201)
                .body("planIds", hasSize(1)).body("hotspotProfileIds", hasSize(0)).extract().path("planIds[0]");

        Response plan = asOperator(operator).get("/v1/operators/" + operator + "/plans/" + id);
        plan.then().statusCode(200).body("name", equalTo("SamplePlan")).body("dataLimitBytes", equalTo(500_000_000))
                .body("metered", equalTo(true)).body("apn.accessPointName", equalTo("Contoso.com"))
                .body("apn.username", equalTo("User")).body("apn.passwordSet", equalTo(true));
        assertFalse(plan.asString().contains("PLACEHOLDER"));
    }

    @Test
    void aDocumentWithAnyViolationImportsNothingAndReportsThemAll() {
        String operator = newOperator();
        String bad = sample("carrier-wlan-open.xml").replace("<name>wifihotspot1</name>", "<name>" + "x".repeat(33)
                + "</name>").replace("<name>My Wi-Fi Hotspot</name>", "<name></name>")
                .replace("</WLANProfiles>", "</WLANProfiles><Plans><Plan xmlns=\"http://www.microsoft.com/networking/"
                        + "CarrierControl/Plans/v1\" Name=\"P\"><Description PlanType=\"Fixed\"/></Plan></Plans>");

        importXml(operator, bad).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("WLANProfiles/WLANProfile[1].displayName",
                        "WLANProfiles/WLANProfile[1].ssids[0]", "Plans/Plan[1]/Description/DataLimitInMegabytes"));

        asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles").then().body("$", hasSize(0));
        asOperator(operator).get("/v1/operators/" + operator + "/plans").then().body("$", hasSize(0));
    }

    @Test
    void aHalfValidDocumentStoresNeitherHalf() {
        String operator = newOperator();
        String openAndBadPlan = sample("carrier-wlan-open.xml").replace("</WLANProfiles>", "</WLANProfiles><Plans>"
                + "<Plan xmlns=\"http://www.microsoft.com/networking/CarrierControl/Plans/v1\" Name=\"P\">"
                + "<Description PlanType=\"Prepaid\"/></Plan></Plans>");

        importXml(operator, openAndBadPlan).then().statusCode(400)
                .body("violations.field", equalTo(List.of("Plans/Plan[1]/Description/@PlanType")));

        asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles").then().body("$", hasSize(0));
    }

    @Test
    void hostileXmlIsRefusedAndNothingIsStored() {
        String operator = newOperator();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE CarrierProvisioning [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + sample("carrier-wlan-open.xml").substring(sample("carrier-wlan-open.xml").indexOf("<CarrierProvisioning"))
                        .replace("<name>My Wi-Fi Hotspot</name>", "<name>&x;</name>");

        importXml(operator, xxe).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("body")));
        importXml(operator, "<CarrierProvisioning").then().statusCode(400)
                .body("violations.field", equalTo(List.of("body")));

        asOperator(operator).get("/v1/operators/" + operator + "/hotspot-profiles").then().body("$", hasSize(0));
    }

    @Test
    void anotherOperatorCannotImportAndNoTokenIsRefused() {
        String mine = newOperator();
        String theirs = newOperator();

        importXml(mine, theirs, sample("carrier-wlan-open.xml")).then().statusCode(403);
        given().contentType("application/xml").body(sample("carrier-wlan-open.xml"))
                .post("/v1/operators/" + theirs + "/carrier-provisioning").then().statusCode(401);

        asOperator(theirs).get("/v1/operators/" + theirs + "/hotspot-profiles").then().body("$", hasSize(0));
    }

    private static RequestSpecification asOperator(String operator) {
        return given().auth().oauth2(Tokens.operator(operator));
    }

    private static Response importXml(String operator, String xml) {
        return importXml(operator, operator, xml);
    }

    private static Response importXml(String caller, String operator, String xml) {
        return asOperator(caller).contentType("application/xml").body(xml)
                .post("/v1/operators/" + operator + "/carrier-provisioning");
    }
}
