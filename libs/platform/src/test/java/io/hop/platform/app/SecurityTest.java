package io.hop.platform.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** /v1 needs a verified token; operator and device tokens see only their own; the answers are problems. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class SecurityTest {

    private static ValidatableResponse get(String token, String path) {
        return (token == null ? given() : given().header("Authorization", Tokens.bearer(token))).get(path).then();
    }

    @Test
    void noTokenOnV1Is401Problem() {
        get(null, "/v1/test/operators/op-1")
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void anInvalidTokenIs401Problem() {
        String forged = Tokens.admin();
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        get(forged, "/v1/test/operators/op-1")
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        get("not-a-jwt", "/v1/test/whoami").statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutTheRequiredGroupIs403Problem() {
        get(Tokens.operator("op-1"), "/v1/test/admin-only")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"));
        get(Tokens.admin(), "/v1/test/admin-only").statusCode(200);
    }

    @Test
    void theTokenClaimsReachTheCaller() {
        get(Tokens.device("op-3", "dev-9"), "/v1/test/whoami")
                .statusCode(200)
                .body("operator", equalTo("op-3"))
                .body("subject", equalTo("dev-9"))
                .body("device", equalTo(true))
                .body("admin", equalTo(false));
    }

    @Test
    void anotherOperatorsTokenGets404NotRevealingTheOperator() {
        get(Tokens.operator("op-2"), "/v1/test/operators/op-1")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
        get(Tokens.operator("op-1"), "/v1/test/operators/op-1").statusCode(200);
        get(Tokens.admin(), "/v1/test/operators/op-1").statusCode(200);
    }

    @Test
    void aDeviceTokenNeverPassesAnOperatorLevelCheckEvenOfItsOwnOperator() {
        get(Tokens.device("op-1", "dev-1"), "/v1/test/operators/op-1").statusCode(404)
                .contentType("application/problem+json");
        get(Tokens.device("op-1", "dev-1"), "/v1/test/operators/op-1/things").statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anotherOperatorsCollectionIs403Problem() {
        get(Tokens.operator("op-2"), "/v1/test/operators/op-1/things")
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("title", equalTo("Forbidden"));
        get(Tokens.operator("op-1"), "/v1/test/operators/op-1/things").statusCode(200);
        get(Tokens.admin(), "/v1/test/operators/op-1/things").statusCode(200);
    }

    @Test
    void aDeviceTokenActsOnlyOnItsOwnDevice() {
        get(Tokens.device("op-1", "dev-1"), "/v1/test/devices/dev-1?operator=op-1").statusCode(200);
        get(Tokens.device("op-1", "dev-2"), "/v1/test/devices/dev-1?operator=op-1").statusCode(404);
        // The same device id under another operator is another device.
        get(Tokens.device("op-2", "dev-1"), "/v1/test/devices/dev-1?operator=op-1").statusCode(404);
        get(Tokens.device("op-1", "dev-1"), "/v1/test/devices/dev-1").statusCode(404);
    }

    @Test
    void aDeviceIsVisibleToItsOperatorAndAdminsToo() {
        get(Tokens.operator("op-1"), "/v1/test/devices/dev-1?operator=op-1").statusCode(200);
        get(Tokens.operator("op-2"), "/v1/test/devices/dev-1?operator=op-1").statusCode(404);
        get(Tokens.operator("op-1"), "/v1/test/devices/dev-1").statusCode(404); // device of an unknown operator
        get(Tokens.admin(), "/v1/test/devices/dev-1").statusCode(200);
    }

    @Test
    void aTokenSentAgainIsStillVerifiedAndATamperedCopyOfACachedTokenIsRefused() {
        String token = Tokens.operator("op-1");
        get(token, "/v1/test/operators/op-1").statusCode(200);
        get(token, "/v1/test/operators/op-1").statusCode(200); // from the cache
        String[] parts = token.split("\\.");
        String otherOperator = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("op-1", "op-2").getBytes());

        get(parts[0] + "." + otherOperator + "." + parts[2], "/v1/test/operators/op-2").statusCode(401);
        get(token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA"), "/v1/test/operators/op-1")
                .statusCode(401);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        String expired = io.smallrye.jwt.build.Jwt.subject("backend-op-1").claim("operator", "op-1")
                .groups(java.util.Set.of("operator")).issuer(Tokens.DEV_ISSUER)
                .issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(300))
                .sign(io.smallrye.jwt.util.KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem"));

        get(expired, "/v1/test/whoami").statusCode(401).contentType("application/problem+json");
    }

    @Test
    void probesMetricsAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
