package io.hop.provisioning.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class SharingPolicyApiTest {

    private static final String TOPIC = "provisioning.changes.v1";
    private static final String FULL = """
            {"name": "Standard", "settings": {"enabled": true, "entitlementRequired": true,
             "entitlementProvider": "MOEntitlement.dll", "entitlementInterval": 3600, "maxUsers": 8,
             "maxBluetoothUsers": 3, "peerlessTimeout": 10, "publicConnectionTimeout": 30, "moHelpNumber": "611",
             "moInfoLink": "contoso.com/help", "moAppLink": "app://12345678-9012-3456-7890-123456789012",
             "moHelpMessage": "@HotSpotMOHelp.dll,-101", "dedicatedConnections": ["conn1", "conn2"]}}""";

    @Test
    void aJsonPolicyIsCreatedAtItsLocationWithDefaultsForWhatItOmits() {
        String operator = newOperator();
        String location = postJson(operator, "{\"name\": \"Minimal\", \"settings\": {\"entitlementRequired\": false}}")
                .then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", matchesPattern(".*/v1/operators/" + operator + "/sharing-policies/[0-9a-f-]{36}"))
                .body("version", equalTo(1)).body("warnings", empty())
                .extract().header("Location");

        given().auth().oauth2(Tokens.operator(operator)).when().get(location).then().statusCode(200)
                .body("name", equalTo("Minimal")).body("operatorId", equalTo(operator))
                .body("settings.enabled", equalTo(false)).body("settings.entitlementRequired", equalTo(false))
                .body("settings.entitlementInterval", equalTo(86400)).body("settings.maxUsers", equalTo(5))
                .body("settings.maxBluetoothUsers", equalTo(7)).body("settings.peerlessTimeout", equalTo(5))
                .body("settings.publicConnectionTimeout", equalTo(20)).body("settings.dedicatedConnections", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "hotspot-runtime-settings.xml", "hotspot-runtime-settings-cdma.xml",
            "hotspot-csp-wap-provisioningdoc.xml" })
    void everyOperatorSampleImportsAndBothExportsReimportAsAnEqualPolicy(String sample) {
        String operator = newOperator();
        String location = postXml(operator, SharingPolicyXmlTest.sample(sample), "").then().statusCode(201)
                .extract().header("Location");
        Map<String, Object> settings = settingsAt(operator, location);

        String provisioningDoc = given().auth().oauth2(Tokens.operator(operator)).accept("application/xml")
                .when().get(location).then().statusCode(200).contentType(startsWith("application/xml"))
                .extract().asString();
        String runtime = given().auth().oauth2(Tokens.operator(operator)).when().get(location + "?form=settings")
                .then().statusCode(200).contentType(startsWith("application/xml")).extract().asString();
        // Asserted as text: the runtime form may be two top-level <Settings> blocks, not one XML document.
        assertTrue(provisioningDoc.startsWith("<wap-provisioningdoc>"), provisioningDoc);
        assertTrue(runtime.contains("<Settings Path=\"HotSpot\">"), runtime);

        for (String exported : List.of(provisioningDoc, runtime)) {
            String again = postXml(operator, exported, "").then().statusCode(201).extract().header("Location");
            assertEquals(settings, settingsAt(operator, again), exported);
        }
    }

    @Test
    void aVariantIdAtImportExpandsTheMacroAndWithoutOneTheTemplateIsKept() {
        String operator = newOperator();
        String cdma = SharingPolicyXmlTest.sample("hotspot-runtime-settings-cdma.xml");

        postXml(operator, cdma, "?variant=310410&name=CDMA").then().statusCode(201).body("name", equalTo("CDMA"))
                .body("settings.tetheringNaiConnection", equalTo("TetheringNAIConn 310410"));
        postXml(operator, cdma, "").then().statusCode(201)
                .body("settings.tetheringNaiConnection", equalTo("TetheringNAIConn $(__MVID)"));
    }

    @Test
    void entitlementRequiredWithoutAProviderIsAcceptedWithAWarningThatEveryCheckFails() {
        String operator = newOperator();
        String location = postJson(operator, "{\"name\": \"No provider\", \"settings\": {\"enabled\": true}}")
                .then().statusCode(201)
                .body("warnings", hasItem(containsString("every entitlement check for this policy will fail")))
                .extract().header("Location");

        given().auth().oauth2(Tokens.operator(operator)).when().get(location).then()
                .body("warnings", hasItem(containsString("will fail")));
    }

    @Test
    void minWifiLengthsAreAcceptedWithWarningsThatTheyAreNoLongerSupported() {
        String operator = newOperator();
        postXml(operator, """
                <Settings Path="HotSpot">
                  <Setting Name="EntitlementRequired" Value="false"/>
                  <Setting Name="MinWifiKeyLength" Value="4"/>
                  <Setting Name="MinWifiSSIDLength" Value="3"/>
                </Settings>""", "").then().statusCode(201)
                .body("warnings", hasSize(2))
                .body("warnings", hasItem(containsString("minimum Wi-Fi key length is 8")))
                .body("warnings", hasItem(containsString("minimum SSID length is 1")));
    }

    @Test
    void everyViolatedRuleIsReportedAtOnceAndNothingIsStored() {
        String operator = newOperator();
        postJson(operator, """
                {"name": "", "settings": {"enabled": "yes", "entitlementInterval": 604801, "maxUsers": 9,
                 "maxBluetoothUsers": 0, "peerlessTimeout": 0, "publicConnectionTimeout": 0,
                 "moAppLink": "https://x", "moHelpMessage": "help", "bogus": 1}}""")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("name", "settings.enabled", "settings.entitlementInterval",
                        "settings.maxUsers", "settings.maxBluetoothUsers", "settings.peerlessTimeout",
                        "settings.publicConnectionTimeout", "settings.moAppLink", "settings.moHelpMessage",
                        "settings.bogus"));

        assertNothingStored(operator);
    }

    @Test
    void moHelpMessageWithoutMoAppLinkIsRejected() {
        String operator = newOperator();
        postJson(operator, "{\"name\": \"x\", \"settings\": {\"moHelpMessage\": \"@HotSpotMOHelp.dll,-101\"}}")
                .then().statusCode(400).body("violations.field", containsInAnyOrder("settings.moHelpMessage"))
                .body("violations.message", hasItem(containsString("requires MOAppLink")));
        assertNothingStored(operator);
    }

    @Test
    void anXmlDocumentWithUnknownSettingsOrWrongDatatypesIsRejectedNamingEach() {
        String operator = newOperator();
        postXml(operator, """
                <wap-provisioningdoc><characteristic type="HotSpot">
                  <parm name="Enabled" value="true" datatype="boolean"/>
                  <parm name="MaxUsers" value="4" datatype="string"/>
                  <parm name="Unknown" value="1" datatype="integer"/>
                  <parm name="PublicConnectionTimeout" value="0" datatype="integer"/>
                </characteristic></wap-provisioningdoc>""", "").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("MaxUsers", "Unknown", "PublicConnectionTimeout"));
        assertNothingStored(operator);
    }

    @Test
    void aReplaceNamesTheVersionItReadAndAStaleOneIs409AndChangesNothing() {
        String operator = newOperator();
        String location = postJson(operator, FULL).then().statusCode(201).extract().header("Location");

        put(location, operator, "\"1\"", "{\"name\": \"Second\", \"settings\": {\"maxUsers\": 2, \"entitlementRequired\": false}}")
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("settings.maxUsers", equalTo(2)).body("settings.moHelpNumber", nullValue());
        put(location, operator, "\"1\"", "{\"name\": \"Third\", \"settings\": {}}").then().statusCode(409)
                .contentType("application/problem+json");
        put(location, operator, null, "{\"name\": \"Third\", \"settings\": {}}").then().statusCode(428);

        given().auth().oauth2(Tokens.operator(operator)).when().get(location).then()
                .body("name", equalTo("Second")).body("version", equalTo(2));
    }

    @Test
    void anXmlReplaceKeepsTheNameAndRaisesTheVersion() {
        String operator = newOperator();
        String location = postJson(operator, FULL).then().statusCode(201).extract().header("Location");

        given().auth().oauth2(Tokens.operator(operator)).contentType("application/xml").header("If-Match", "\"1\"")
                .body(SharingPolicyXmlTest.sample("hotspot-csp-wap-provisioningdoc.xml")).when().put(location)
                .then().statusCode(200).body("name", equalTo("Standard")).body("version", equalTo(2))
                .body("settings.tetheringNaiConnection", equalTo("TetheringNAIConn"));
    }

    @Test
    void theListHoldsTheOperatorsPoliciesOnly() {
        String operator = newOperator();
        String other = newOperator();
        postJson(operator, FULL).then().statusCode(201);
        postJson(other, FULL).then().statusCode(201);

        given().auth().oauth2(Tokens.operator(operator)).when().get(collection(operator)).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].operatorId", equalTo(operator));
    }

    @Test
    void aDeletedPolicyIsGoneButEveryVersionStaysReadable() {
        String operator = newOperator();
        String location = postJson(operator, FULL).then().statusCode(201).extract().header("Location");
        put(location, operator, "\"1\"", "{\"name\": \"Second\", \"settings\": {}}").then().statusCode(200);

        given().auth().oauth2(Tokens.operator(operator)).header("If-Match", "\"1\"").when().delete(location)
                .then().statusCode(409);
        given().auth().oauth2(Tokens.operator(operator)).when().delete(location).then().statusCode(204);

        given().auth().oauth2(Tokens.operator(operator)).when().get(location).then().statusCode(404);
        given().auth().oauth2(Tokens.operator(operator)).when().delete(location).then().statusCode(404);
        assertNothingStored(operator);
        given().auth().oauth2(Tokens.operator(operator)).when().get(location + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3))).body("deleted", equalTo(List.of(false, false, true)))
                .body("[0].state.name", equalTo("Standard")).body("[0].state.settings.maxUsers", equalTo(8));
        given().auth().oauth2(Tokens.operator(operator)).when().get(location + "/versions/1").then().statusCode(200)
                .body("name", equalTo("Standard")).body("version", equalTo(1))
                .body("settings.dedicatedConnections", equalTo(List.of("conn1", "conn2")));
        given().auth().oauth2(Tokens.operator(operator)).when().get(location + "/versions/3").then().statusCode(410);
        given().auth().oauth2(Tokens.operator(operator)).when().get(location + "/versions/4").then().statusCode(404);
    }

    @Test
    void anotherOperatorsPolicyIsNotFoundTheirCollectionForbiddenAndNoTokenUnauthorized() {
        String mine = newOperator();
        String theirs = newOperator();
        String location = postJson(theirs, FULL).then().statusCode(201).extract().header("Location");
        String token = Tokens.operator(mine);

        given().auth().oauth2(token).when().get(location).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().get(location + "/versions").then().statusCode(404);
        given().auth().oauth2(token).when().get(location + "/versions/1").then().statusCode(404);
        given().auth().oauth2(token).accept("application/xml").when().get(location).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(FULL)
                .when().put(location).then().statusCode(404);
        given().auth().oauth2(token).when().delete(location).then().statusCode(404);
        given().auth().oauth2(token).when().get(collection(theirs)).then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(FULL).when().post(collection(theirs))
                .then().statusCode(403);
        // Their policy under my operator's path is not mine either.
        given().auth().oauth2(token).when().get(location.replace("/operators/" + theirs + "/", "/operators/" + mine + "/"))
                .then().statusCode(404);

        given().when().get(location).then().statusCode(401);
        given().when().get(collection(theirs)).then().statusCode(401);
        given().contentType(ContentType.JSON).body(FULL).when().post(collection(theirs)).then().statusCode(401);

        given().auth().oauth2(Tokens.operator(theirs)).when().get(location).then().statusCode(200);
    }

    @Test
    void creatingAPolicyPublishesItsFullStateKeyedByThePolicyAndDeletingItATombstone() {
        String operator = newOperator();
        String location = postJson(operator, FULL).then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String key = "sharing-policy:" + id;

        ConsumerRecord<String, String> created = TestEvents.read(TOPIC, r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertEquals("provisioning.sharing-policy-changed.v1", TestEvents.header(created, "ce_type"));
        assertEquals(id, TestEvents.header(created, "ce_subject"));
        JsonPath state = JsonPath.from(created.value());
        assertEquals(operator, state.getString("operatorId"));
        assertEquals(id, state.getString("policyId"));
        assertEquals("Standard", state.getString("name"));
        assertEquals(1, state.getLong("version"));
        assertEquals("MOEntitlement.dll", state.getString("settings.entitlementProvider"));
        assertEquals(8, state.getInt("settings.maxUsers"));
        assertEquals(3, state.getInt("settings.maxBluetoothUsers"));
        assertEquals(List.of("conn1", "conn2"), state.getList("settings.dedicatedConnections"));
        assertEquals("app://12345678-9012-3456-7890-123456789012", state.getString("settings.moAppLink"));

        given().auth().oauth2(Tokens.operator(operator)).when().delete(location).then().statusCode(204);

        ConsumerRecord<String, String> tombstone = TestEvents.read(TOPIC, r -> key.equals(r.key()) && r.value() == null,
                1, Duration.ofSeconds(30)).get(0);
        assertNull(tombstone.value());
        assertEquals("provisioning.entity-deleted.v1", TestEvents.header(tombstone, "ce_type"));
    }

    // --- hostile XML: refused by XmlDocuments with 400 on field body, and nothing is stored ---

    @Test
    void aDoctypeWithAnExternalEntityIsRefusedAndNothingStored() {
        assertRefused("""
                <?xml version="1.0"?>
                <!DOCTYPE Settings [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Settings Path="HotSpot"><Setting Name="MOHelpNumber" Value="&xxe;"/></Settings>""");
    }

    @Test
    void entityExpansionBillionLaughsIsRefusedAndNothingStored() {
        assertRefused("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                 <!ENTITY lol "lol">
                 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                ]>
                <Settings Path="HotSpot"><Setting Name="MOHelpNumber" Value="&lol4;"/></Settings>""");
    }

    @Test
    void anUndeclaredEntityReferenceIsRefusedAndNothingStored() {
        assertRefused("<Settings Path=\"HotSpot\"><Setting Name=\"MOHelpNumber\" Value=\"&lol4;\"/></Settings>");
    }

    @Test
    void aDocumentOverOneMebibyteIsRefusedAndNothingStored() {
        String padding = "<!--" + "x".repeat(1024 * 1024) + "-->";
        assertRefused("<Settings Path=\"HotSpot\"><Setting Name=\"Enabled\" Value=\"1\"/>" + padding + "</Settings>");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAndNothingStored() {
        assertRefused("<Settings Path=\"HotSpot\">" + "<a>".repeat(100) + "</a>".repeat(100) + "</Settings>");
    }

    @Test
    void malformedXmlIsRefusedAndNothingStored() {
        assertRefused("<Settings Path=\"HotSpot\"><Setting Name=\"Enabled\" Value=\"1\"></Settings>");
    }

    private void assertRefused(String xml) {
        String operator = newOperator();
        postXml(operator, xml, "").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("body")));
        assertNothingStored(operator);
    }

    private static void assertNothingStored(String operator) {
        given().auth().oauth2(Tokens.operator(operator)).when().get(collection(operator)).then().statusCode(200)
                .body("$", empty());
    }

    private static Map<String, Object> settingsAt(String operator, String location) {
        return given().auth().oauth2(Tokens.operator(operator)).when().get(location).then().statusCode(200)
                .extract().jsonPath().getMap("settings");
    }

    private static Response postJson(String operator, String body) {
        return given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(body)
                .when().post(collection(operator));
    }

    private static Response postXml(String operator, String xml, String query) {
        return given().auth().oauth2(Tokens.operator(operator)).contentType("application/xml").body(xml)
                .when().post(collection(operator) + query);
    }

    private static Response put(String location, String operator, String ifMatch, String body) {
        var request = given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put(location);
    }

    private static String collection(String operator) {
        return "/v1/operators/" + operator + "/sharing-policies";
    }

    private static String newOperator() {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"Operator " + id + "\"}")
                .when().post("/v1/operators").then().statusCode(201);
        return id;
    }
}
