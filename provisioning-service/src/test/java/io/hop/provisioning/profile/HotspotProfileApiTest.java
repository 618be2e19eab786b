package io.hop.provisioning.profile;

import static io.hop.provisioning.OperatorFixture.newOperator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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

@QuarkusTest
class HotspotProfileApiTest {

    private static final String TOPIC = "provisioning.changes.v1";
    private static final String PASSWORD = "Pl41n-Passw0rd";

    static final String WISPR_STATIC = """
            {"displayName": "Contoso Wi-Fi", "ssids": ["Contoso Wi-Fi"], "naiRealms": ["wlan.contoso.com"],
             "plmnIds": ["310410"], "roamingConsortiumOis": ["5a03ba"], "relation": "HOME", "authMethod": "WISPR",
             "wispr": {"credentials": "STATIC", "username": "user", "password": "%s",
                       "trustedLoginDomains": ["hotspot.contoso.com"], "loginUrl": "https://hotspot.contoso.com/login"},
             "preference": "PREFERRED_OVER_CELLULAR", "priority": 10}""".formatted(PASSWORD);

    static final String EAP_AKA = """
            {"displayName": "Contoso Passpoint", "naiRealms": ["wlan.mnc410.mcc310.3gppnetwork.org"],
             "relation": "ROAMING_PARTNER", "authMethod": "EAP_AKA", "preference": "FALLBACK_ONLY", "priority": 5}""";

    @Test
    void aCreatedProfileIsFoundAtItsLocationWithItsPasswordOnlyShownAsSet() {
        String operator = newOperator();
        Response created = create(operator, WISPR_STATIC);
        created.then().statusCode(201).header("Location", startsWith("http"))
                .body("version", equalTo(1)).body("operatorId", equalTo(operator))
                .body("roamingConsortiumOis", equalTo(List.of("5A03BA")))
                .body("wispr.passwordSet", equalTo(true)).body("wispr.username", equalTo("user"))
                .body("wispr.password", nullValue()).body("wispr.encryptedPassword", nullValue());
        assertFalse(created.asString().contains(PASSWORD));
        String location = created.header("Location");
        assertTrue(location.endsWith("/v1/operators/" + operator + "/hotspot-profiles/" + created.path("id")));

        Response read = asOperator(operator).get(location);
        read.then().statusCode(200).body("displayName", equalTo("Contoso Wi-Fi")).body("wispr.passwordSet", equalTo(true))
                .body("wispr.loginUrl", equalTo("https://hotspot.contoso.com/login"));
        assertFalse(read.asString().contains(PASSWORD));
        assertFalse(asOperator(operator).get(path(operator)).asString().contains(PASSWORD));
    }

    @Test
    void theStaticPasswordIsStoredSealedWithTheConfiguredKey() {
        String operator = newOperator();
        String id = create(operator, WISPR_STATIC).then().statusCode(201).extract().path("id");

        String sealed = asOperator(operator).get(path(operator) + "/" + id + "/versions/1").then().statusCode(200)
                .extract().path("wispr.encryptedPassword");

        assertTrue(sealed.startsWith(SecretBox.PREFIX), sealed);
        assertFalse(sealed.contains(PASSWORD));
        // %test runs with the development key (hop.security.allow-development-key)
        assertEquals(PASSWORD, SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY).open(sealed));
    }

    @Test
    void anInvalidProfileIsRejectedWithEveryViolationAndNothingIsStored() {
        String operator = newOperator();
        create(operator, """
                {"displayName": "", "ssids": ["%s"], "naiRealms": ["not a realm"], "plmnIds": ["3104"],
                 "roamingConsortiumOis": ["5A03"], "relation": "FRIEND", "authMethod": "WISPR",
                 "wispr": {"credentials": "STATIC", "trustedLoginDomains": [], "loginUrl": "http://evil.com/"},
                 "preference": "ALWAYS"}""".formatted("x".repeat(33)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("displayName", "ssids[0]", "naiRealms[0]", "plmnIds[0]",
                        "roamingConsortiumOis[0]", "relation", "preference", "priority", "wispr.username",
                        "wispr.password", "wispr.trustedLoginDomains", "wispr.loginUrl"));

        asOperator(operator).get(path(operator)).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aProfileMustMatchSomethingAndWisprNeedsTrustedDomainsForItsHttpsLoginUrl() {
        String operator = newOperator();
        create(operator, """
                {"displayName": "Nothing", "relation": "HOME", "authMethod": "OPEN",
                 "preference": "FALLBACK_ONLY", "priority": 1}""")
                .then().statusCode(400).body("violations.field", equalTo(List.of("ssids")));
        create(operator, WISPR_STATIC.replace("https://hotspot.contoso.com/login", "https://login.evil.com/"))
                .then().statusCode(400).body("violations.field", equalTo(List.of("wispr.loginUrl")));
        create(operator, WISPR_STATIC.replace("https://hotspot.contoso.com/login", "http://hotspot.contoso.com/login"))
                .then().statusCode(400).body("violations.field", equalTo(List.of("wispr.loginUrl")));
    }

    @Test
    void pluginGeneratedCredentialsAndEapProfilesAreAccepted() {
        String operator = newOperator();
        create(operator, """
                {"displayName": "Plugin", "ssids": ["Contoso"], "relation": "HOME", "authMethod": "WISPR",
                 "wispr": {"credentials": "PLUGIN", "trustedLoginDomains": ["hotspot.contoso.com"]},
                 "preference": "FALLBACK_ONLY", "priority": 1}""")
                .then().statusCode(201).body("wispr.credentials", equalTo("PLUGIN"))
                .body("wispr.passwordSet", equalTo(false));
        create(operator, EAP_AKA).then().statusCode(201).body("authMethod", equalTo("EAP_AKA")).body("wispr", nullValue());
        create(operator, EAP_AKA.replace("\"EAP_AKA\"", "\"EAP_AKA_PRIME\"")).then().statusCode(201);
        create(operator, EAP_AKA.replace("\"EAP_AKA\"", "\"EAP_SIM\"")).then().statusCode(201);
        create(operator, EAP_AKA.replace("\"EAP_AKA\"", "\"EAP_TLS\"")).then().statusCode(400)
                .body("violations.field", equalTo(List.of("authMethod")));

        asOperator(operator).get(path(operator)).then().statusCode(200).body("$", hasSize(4));
    }

    @Test
    void aReplaceFromTheReadVersionRaisesItAndAnOmittedPasswordStaysSet() {
        String operator = newOperator();
        String id = create(operator, WISPR_STATIC).then().statusCode(201).extract().path("id");
        String withoutPassword = WISPR_STATIC.replace("\"password\": \"" + PASSWORD + "\",", "")
                .replace("\"Contoso Wi-Fi\", \"ssids\"", "\"Renamed\", \"ssids\"")
                .replace("\"priority\": 10", "\"priority\": 10, \"version\": 1");

        replace(operator, id, withoutPassword).then().statusCode(200).body("version", equalTo(2))
                .body("displayName", equalTo("Renamed")).body("wispr.passwordSet", equalTo(true));

        String sealed = asOperator(operator).get(path(operator) + "/" + id + "/versions/2").then().statusCode(200)
                .extract().path("wispr.encryptedPassword");
        assertEquals(PASSWORD, SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY).open(sealed));
    }

    @Test
    void theExpectedVersionMayComeAsIfMatchLikeEveryPutOfProvisioning() {
        String operator = newOperator();
        String id = create(operator, EAP_AKA).then().statusCode(201).extract().path("id");
        String url = path(operator) + "/" + id;
        asOperator(operator).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(EAP_AKA.replace("\"priority\": 5", "\"priority\": 6")).when().put(url)
                .then().statusCode(200).body("version", equalTo(2));
        asOperator(operator).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(EAP_AKA.replace("\"priority\": 5", "\"priority\": 7")).when().put(url)
                .then().statusCode(409);
        asOperator(operator).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(EAP_AKA.replace("\"priority\": 5", "\"priority\": 7, \"version\": 1")).when().put(url)
                .then().statusCode(400).body("violations.field", equalTo(List.of("If-Match")));
        asOperator(operator).get(url).then().body("priority", equalTo(6)).body("version", equalTo(2));
    }

    @Test
    void aReplaceFromAStaleVersionIs409AndChangesNothing() {
        String operator = newOperator();
        String id = create(operator, EAP_AKA).then().statusCode(201).extract().path("id");
        replace(operator, id, EAP_AKA.replace("\"priority\": 5", "\"priority\": 6, \"version\": 1"))
                .then().statusCode(200).body("version", equalTo(2));

        replace(operator, id, EAP_AKA.replace("\"priority\": 5", "\"priority\": 7, \"version\": 1"))
                .then().statusCode(409).contentType("application/problem+json");
        replace(operator, id, EAP_AKA).then().statusCode(400).body("violations.field", equalTo(List.of("version")));

        asOperator(operator).get(path(operator) + "/" + id).then().body("priority", equalTo(6))
                .body("version", equalTo(2));
    }

    @Test
    void aDeletedProfileIsGoneButItsVersionsStayReadable() {
        String operator = newOperator();
        String id = create(operator, EAP_AKA).then().statusCode(201).extract().path("id");
        replace(operator, id, EAP_AKA.replace("\"priority\": 5", "\"priority\": 6, \"version\": 1"))
                .then().statusCode(200);

        asOperator(operator).delete(path(operator) + "/" + id).then().statusCode(204);

        asOperator(operator).get(path(operator) + "/" + id).then().statusCode(404);
        asOperator(operator).delete(path(operator) + "/" + id).then().statusCode(404);
        asOperator(operator).get(path(operator) + "/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3))).body("deleted", equalTo(List.of(false, false, true)));
        asOperator(operator).get(path(operator) + "/" + id + "/versions/1").then().statusCode(200)
                .body("priority", equalTo(5)).body("version", equalTo(1)).body("profileId", equalTo(id));
        asOperator(operator).get(path(operator) + "/" + id + "/versions/3").then().statusCode(410); // the deletion
        asOperator(operator).get(path(operator) + "/" + id + "/versions/9").then().statusCode(404);
    }

    @Test
    void anotherOperatorSeesNoneOfTheProfilesAndNoTokenIsRefused() {
        String mine = newOperator();
        String theirs = newOperator();
        String id = create(theirs, EAP_AKA).then().statusCode(201).extract().path("id");

        asOperator(mine).get(path(theirs) + "/" + id).then().statusCode(404).contentType("application/problem+json");
        asOperator(mine).get(path(mine) + "/" + id).then().statusCode(404);
        asOperator(mine).get(path(theirs) + "/" + id + "/versions").then().statusCode(404);
        asOperator(mine).get(path(theirs) + "/" + id + "/versions/1").then().statusCode(404);
        asOperator(mine).contentType(ContentType.JSON).body(EAP_AKA.replace("}", ", \"version\": 1}"))
                .put(path(theirs) + "/" + id).then().statusCode(404);
        asOperator(mine).delete(path(theirs) + "/" + id).then().statusCode(404);
        asOperator(mine).get(path(theirs)).then().statusCode(403);
        create(mine, EAP_AKA).then().statusCode(201);
        asOperator(mine).contentType(ContentType.JSON).body(EAP_AKA).post(path(theirs)).then().statusCode(403);
        // a device token lacks the operator role altogether (as on every operator endpoint)
        given().auth().oauth2(Tokens.device(theirs, "dev-1")).get(path(theirs) + "/" + id).then().statusCode(403);

        given().get(path(theirs)).then().statusCode(401);
        given().get(path(theirs) + "/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(EAP_AKA).post(path(theirs)).then().statusCode(401);

        asOperator(theirs).get(path(theirs)).then().statusCode(200).body("$", hasSize(1))
                .body("[0].priority", equalTo(5));
        given().auth().oauth2(Tokens.admin()).get(path(theirs) + "/" + id).then().statusCode(200);
    }

    @Test
    void everyChangeIsPublishedWithTheFullStateAndNoPlainPasswordAndADeletionAsATombstone() {
        String operator = newOperator();
        String id = create(operator, WISPR_STATIC).then().statusCode(201).extract().path("id");
        String key = "hotspot-profile:" + id;

        ConsumerRecord<String, String> created = TestEvents.read(TOPIC, r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);

        assertEquals("provisioning.hotspot-profile-changed.v1", TestEvents.header(created, "ce_type"));
        assertEquals(id, TestEvents.header(created, "ce_subject"));
        assertFalse(created.value().contains(PASSWORD), created.value());
        JsonPath data = JsonPath.from(created.value());
        assertEquals(operator, data.getString("operatorId"));
        assertEquals(id, data.getString("profileId"));
        assertEquals(1, data.getLong("version"));
        assertEquals(List.of("Contoso Wi-Fi"), data.getList("ssids"));
        assertEquals(List.of("wlan.contoso.com"), data.getList("naiRealms"));
        assertEquals(List.of("310410"), data.getList("plmnIds"));
        assertEquals(List.of("5A03BA"), data.getList("roamingConsortiumOis"));
        assertEquals("HOME", data.getString("relation"));
        assertEquals("WISPR", data.getString("authMethod"));
        assertEquals("STATIC", data.getString("wispr.credentials"));
        assertEquals("user", data.getString("wispr.username"));
        assertEquals(PASSWORD, SecretBox.ofBase64Key(SecretBoxes.DEVELOPMENT_KEY).open(data.getString("wispr.encryptedPassword")));
        assertEquals(List.of("hotspot.contoso.com"), data.getList("wispr.trustedLoginDomains"));
        assertEquals("PREFERRED_OVER_CELLULAR", data.getString("preference"));
        assertEquals(10, data.getInt("priority"));

        asOperator(operator).delete(path(operator) + "/" + id).then().statusCode(204);

        ConsumerRecord<String, String> tombstone = TestEvents.read(TOPIC, r -> key.equals(r.key()) && r.value() == null,
                1, Duration.ofSeconds(30)).get(0);
        assertNull(tombstone.value());
        assertEquals("provisioning.entity-deleted.v1", TestEvents.header(tombstone, "ce_type"));
    }

    @Test
    void aProfileOfAnUnknownOperatorIsNotFound() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(EAP_AKA)
                .post(path("op-never-created")).then().statusCode(404).body("detail", not(equalTo(null)));
    }

    static String path(String operator) {
        return "/v1/operators/" + operator + "/hotspot-profiles";
    }

    static io.restassured.specification.RequestSpecification asOperator(String operator) {
        return given().auth().oauth2(Tokens.operator(operator));
    }

    static Response create(String operator, String body) {
        return asOperator(operator).contentType(ContentType.JSON).body(body).when().post(path(operator));
    }

    static Response replace(String operator, String id, String body) {
        return asOperator(operator).contentType(ContentType.JSON).body(body).when().put(path(operator) + "/" + id);
    }
}
