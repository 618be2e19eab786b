package io.hop.testing.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;

/**
 * What every service must offer an operator's platform team, checked the same way in each service: extend it in a
 * {@code @QuarkusTest} of the service.
 */
public abstract class ServiceBasicsContract {

    /** A path of the service's public API that needs a token. */
    protected abstract String protectedPath();

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndCoversDatabaseAndKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsStringIgnoringCase("database"), containsStringIgnoringCase("kafka")));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get(protectedPath()); // at least one API request to be counted
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    @Test
    void requestWithoutTokenIsRefusedWithProblemDetails() {
        given().when().get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void unknownApiPathNeedsATokenAndIsThenNotFound() {
        given().when().get("/v1/no-such-thing").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).when().get("/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void tokenSignedByAnUntrustedKeyIsRefused() {
        given().auth().oauth2(Tokens.adminSignedByUntrustedKey()).when().get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        given().auth().oauth2(Tokens.adminFromAnotherIssuer()).when().get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
