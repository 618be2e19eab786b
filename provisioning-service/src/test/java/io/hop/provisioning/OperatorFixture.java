package io.hop.provisioning;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.hop.testing.Tokens;
import io.restassured.http.ContentType;

/** Operators for API tests: each test creates its own, so that tests never see each other's entities. */
public final class OperatorFixture {

    private OperatorFixture() {
    }

    /** Creates a new operator (as admin) and returns its id. */
    public static String newOperator() {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"Operator " + id + "\"}")
                .when().post("/v1/operators").then().statusCode(201);
        return id;
    }
}
