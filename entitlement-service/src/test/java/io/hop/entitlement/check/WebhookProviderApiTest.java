package io.hop.entitlement.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.hop.entitlement.EntitlementFixtures;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * WEBHOOK providers against a real HTTP server standing in for the operator backend. Test configuration: circuit
 * breaker opens after 4 calls with half failing, stays open 2 s.
 */
@QuarkusTest
class WebhookProviderApiTest {

    static final String SECRET = "shared-secret-of-the-backend";

    @Inject
    EntitlementFixtures fixtures;

    OperatorBackendStub backend;
    String operator;

    @BeforeEach
    void backendAndOperator() throws Exception {
        backend = new OperatorBackendStub(SECRET);
        operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("backend"));
        fixtures.device(operator, "dev-1", "001010000000001");
        // Far above a local answer's time, so that a stall of a busy 2-core CI machine is not read as a timeout;
        // the timeout itself is tested with a short one of its own.
        defineProvider(10_000, 201);
    }

    void defineProvider(int timeoutMs, int status) {
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body(Map.of("type", "WEBHOOK", "url", backend.url(), "timeoutMs", timeoutMs, "secret", SECRET,
                        "bearerToken", "backend-bearer"))
                .when().put("/v1/operators/{o}/entitlement-providers/backend", operator).then().statusCode(status);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    ValidatableResponse check() {
        return given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body(Map.of("deviceId", "dev-1")).when().post("/v1/entitlement-checks").then().statusCode(200);
    }

    @Test
    void theBackendsSuccessAndFailureAreTheAnswerAndTheRequestIsSigned() {
        check().body("result", equalTo("SUCCESS")).body("providerType", equalTo("WEBHOOK"));
        assertThat(backend.received).hasSize(1);
        OperatorBackendStub.Received request = backend.received.get(0);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.authorization()).isEqualTo("Bearer backend-bearer");
        assertThat(request.body()).contains("\"deviceId\":\"dev-1\"").contains("\"imsi\":\"001010000000001\"")
                .contains("\"trigger\":\"API\"");

        backend.answer(200, "{\"result\":\"FAILED\",\"reason\":\"NO_TETHERING_ADDON\"}", 0);
        check().body("result", equalTo("FAILED")).body("reason", equalTo("NO_TETHERING_ADDON"))
                .body("help.moHelpNumber", equalTo("+1 555 0100"));
    }

    @Test
    void serverErrorsAndMalformedAnswersAreUnavailable() {
        check().body("reason", equalTo("ALLOWED"));
        backend.answer(500, "oops", 0);
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("BACKEND_ERROR"));
        backend.answer(200, "not json", 0);
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("BACKEND_MALFORMED_ANSWER"));
        backend.answer(200, "{\"result\":\"MAYBE\"}", 0);
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("BACKEND_MALFORMED_ANSWER"));
    }

    @Test
    void aSlowBackendIsUnavailableWithinTheTimeout() {
        defineProvider(1_000, 200);
        backend.answer(200, "{\"result\":\"SUCCESS\"}", 6000);
        long start = System.nanoTime();
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("BACKEND_TIMEOUT"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4000)); // the backend would take 6 s
    }

    @Test
    void anUnreachableBackendIsUnavailable() {
        backend.close();
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("BACKEND_UNREACHABLE"));
    }

    @Test
    void theCircuitBreakerOpensOnFailuresAnswersAtOnceAndClosesAgain() {
        backend.answer(500, "down", 0);
        for (int i = 0; i < 4; i++) {
            check().body("result", equalTo("UNAVAILABLE"));
        }
        int calls = backend.received.size();
        check().body("result", equalTo("UNAVAILABLE")).body("reason", equalTo("CIRCUIT_OPEN")).time(lessThan(1000L));
        assertThat(backend.received).as("an open breaker does not call the backend").hasSize(calls);

        backend.answer(200, "{\"result\":\"SUCCESS\"}", 0);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> check().body("result", equalTo("SUCCESS")));
        check().body("result", equalTo("SUCCESS"));
    }

    @Test
    void aFailingBackendDoesNotTripAnotherOperatorsBreaker() throws Exception {
        try (OperatorBackendStub healthy = new OperatorBackendStub(SECRET)) {
            String other = EntitlementFixtures.newId("op");
            fixtures.operatorWithPolicy(other, EntitlementFixtures.settings("backend"));
            fixtures.device(other, "dev-1", "001010000000001");
            given().auth().oauth2(Tokens.operator(other)).contentType(ContentType.JSON)
                    .body(Map.of("type", "WEBHOOK", "url", healthy.url(), "secret", SECRET)).when()
                    .put("/v1/operators/{o}/entitlement-providers/backend", other).then().statusCode(201);
            backend.answer(500, "down", 0);
            for (int i = 0; i < 5; i++) {
                check();
            }
            check().body("reason", equalTo("CIRCUIT_OPEN"));
            given().auth().oauth2(Tokens.operator(other)).contentType(ContentType.JSON)
                    .body(Map.of("deviceId", "dev-1")).when().post("/v1/entitlement-checks").then().statusCode(200)
                    .body("result", equalTo("SUCCESS"));
        }
    }
}
