package io.hop.platform.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every error of a service's REST API is an RFC 9457 problem (application/problem+json). */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ProblemDetailsTest {

    static final String ADMIN = Tokens.bearer(Tokens.admin());

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()))
                .body("type", not(emptyOrNullString()))
                .body("requestId", not(emptyOrNullString()));
    }

    @Test
    void aValidRequestPasses() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":5,\"networks\":[{\"ssid\":\"a\",\"priority\":1}],"
                        + "\"validUntil\":\"2030-01-01T00:00:00Z\",\"transport\":\"WIFI\"}")
                .post("/v1/test/widgets")
                .then().statusCode(201).body("name", equalTo("w"));
    }

    @Test
    void beanValidationFailureIs400WithOneViolationPerViolatedRuleNamedByItsJsonPath() {
        List<Map<String, String>> violations = problem(given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"name\":\" \",\"maxUsers\":9,\"networks\":[{\"ssid\":\"ok\",\"priority\":1},"
                        + "{\"ssid\":\"\",\"priority\":0}]}")
                .post("/v1/test/widgets").then(), 400)
                .body("type", equalTo("urn:hop:problem:validation"))
                .body("instance", equalTo("/v1/test/widgets"))
                .body("violations", hasSize(4))
                .extract().jsonPath().getList("violations");
        assertEquals(List.of(
                Map.of("field", "maxUsers", "message", "must be less than or equal to 8"),
                Map.of("field", "name", "message", "must not be blank"),
                Map.of("field", "networks[1].priority", "message", "must be greater than or equal to 1"),
                Map.of("field", "networks[1].ssid", "message", "must not be blank")), violations);
    }

    @Test
    void aViolatedQueryParameterIsNamedAsTheClientSendsIt() {
        problem(given().header("Authorization", ADMIN).queryParam("page-size", 1000)
                .get("/v1/test/widgets").then(), 400)
                .body("violations[0].field", equalTo("page-size"))
                .body("violations[0].message", equalTo("must be less than or equal to 100"));
    }

    @Test
    void aMissingBodyIsAViolationOfTheBodyParameter() {
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .post("/v1/test/widgets").then(), 400)
                .body("violations", hasSize(1))
                .body("violations[0].message", equalTo("must not be null"));
    }

    @Test
    void malformedJsonIs400() {
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"w\", ")
                .post("/v1/test/widgets").then(), 400)
                .body("type", equalTo("urn:hop:problem:malformed-request"))
                .body("detail", containsString("not well-formed JSON"));
    }

    @Test
    void aJsonValueOfTheWrongTypeIs400NamingTheField() {
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":\"five\"}")
                .post("/v1/test/widgets").then(), 400)
                .body("type", equalTo("urn:hop:problem:malformed-request"))
                .body("violations[0].field", equalTo("maxUsers"))
                .body("violations[0].message", containsString("must be an integer"));
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":1,\"networks\":[{\"ssid\":\"a\",\"priority\":{}}]}")
                .post("/v1/test/widgets").then(), 400)
                .body("violations[0].field", equalTo("networks[0].priority"));
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":1,\"transport\":\"CARRIER_PIGEON\"}")
                .post("/v1/test/widgets").then(), 400)
                .body("violations[0].field", equalTo("transport"))
                .body("violations[0].message", containsString("one of [WIFI, BLUETOOTH]"));
        problem(given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"w\",\"maxUsers\":1,\"validUntil\":\"next tuesday\"}")
                .post("/v1/test/widgets").then(), 400)
                .body("violations[0].field", equalTo("validUntil"))
                .body("violations[0].message", containsString("RFC 3339"));
    }

    @Test
    void domainValidationProblemsCarryTheServicesViolations() {
        problem(given().header("Authorization", ADMIN).get("/v1/test/domain-validation").then(), 400)
                .body("type", equalTo("urn:hop:problem:validation"))
                .body("violations.field", equalTo(List.of("entitlementProvider", "maxUsers")))
                .body("violations[1].message", equalTo("must be between 1 and 8"));
    }

    @Test
    void aProblemExceptionIsAnsweredAsThrown() {
        problem(given().header("Authorization", ADMIN).get("/v1/test/conflict").then(), 409)
                .body("title", equalTo("Sharing limit reached"))
                .body("detail", equalTo("at most 5 Wi-Fi clients may share this connection"))
                .body("type", equalTo("about:blank"))
                .body("violations", nullValue());
    }

    @Test
    void anUnexpectedExceptionIs500WithoutInternalDetails() {
        String body = problem(given().header("Authorization", ADMIN).get("/v1/test/boom").then(), 500)
                .body("title", equalTo("Internal Server Error"))
                .extract().asString();
        assertEquals(-1, body.indexOf("hunter2"), body);
        assertEquals(-1, body.indexOf("IllegalStateException"), body);
        assertEquals(-1, body.indexOf("at io."), body);
    }

    @Test
    void unmatchedPathsAndMethodsKeepTheirStatusAsProblems() {
        problem(given().header("Authorization", ADMIN).get("/v1/test/no-such-thing").then(), 404);
        problem(given().header("Authorization", ADMIN).delete("/v1/test/widgets").then(), 405);
        problem(given().header("Authorization", ADMIN).contentType(ContentType.XML).body("<widget/>")
                .post("/v1/test/widgets").then(), 415);
    }

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String tooLarge = "x".repeat(70 * 1024);
        problem(given().header("Authorization", ADMIN).contentType(ContentType.TEXT).body(tooLarge)
                .post("/v1/test/body").then(), 413)
                .body("detail", containsString("65536"));
        given().header("Authorization", ADMIN).contentType(ContentType.TEXT).body("small")
                .post("/v1/test/body").then().statusCode(200).body(equalTo("5"));
    }
}
