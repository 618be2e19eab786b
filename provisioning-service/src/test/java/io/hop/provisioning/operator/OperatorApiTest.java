package io.hop.provisioning.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OperatorApiTest {

    private static final String TOPIC = "provisioning.changes.v1";

    @Test
    void adminCreatesOperatorAndFindsItAtItsLocation() {
        String id = newId();
        String location = createAsAdmin(id, "Acme Mobile").then().statusCode(201)
                .header("Location", endsWith("/v1/operators/" + id))
                .body("id", equalTo(id)).body("status", equalTo("ACTIVE")).body("version", equalTo(1))
                .extract().header("Location");

        given().auth().oauth2(Tokens.admin()).when().get(location).then().statusCode(200)
                .body("name", equalTo("Acme Mobile"));
    }

    @Test
    void creatingAnOperatorPublishesItsStateAsCloudEventKeyedByEntityTypeAndId() {
        String id = newId();
        createAsAdmin(id, "Acme Mobile").then().statusCode(201);

        List<ConsumerRecord<String, String>> records = TestEvents.read(TOPIC, r -> ("operator:" + id).equals(r.key()), 1,
                Duration.ofSeconds(30));

        assertEquals(1, records.size(), "one event for the new operator");
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals("provisioning.operator-changed.v1", TestEvents.header(record, "ce_type"));
        assertEquals("1.0", TestEvents.header(record, "ce_specversion"));
        assertEquals("/hop/provisioning-service", TestEvents.header(record, "ce_source"));
        assertEquals(id, TestEvents.header(record, "ce_subject"));
        assertEquals("application/json", TestEvents.header(record, "content-type"));
        JsonPath data = JsonPath.from(record.value());
        assertEquals(id, data.getString("operatorId"));
        assertEquals("Acme Mobile", data.getString("name"));
        assertEquals(1, data.getLong("version"));
    }

    @Test
    void invalidOperatorIsRejectedNamingEachViolatedFieldAndNothingIsCreated() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"Not Valid!\", \"name\": \"\"}")
                .when().post("/v1/operators")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(2))
                .body("violations.field", containsInAnyOrder("id", "name"));

        given().auth().oauth2(Tokens.admin()).when().get("/v1/operators").then().statusCode(200)
                .body("id", not(hasItem("Not Valid!")));
    }

    @Test
    void malformedJsonIsRejectedWithProblemDetails() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/v1/operators")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void creatingAnExistingOperatorIsAConflictAndKeepsTheFirst() {
        String id = newId();
        createAsAdmin(id, "First").then().statusCode(201);

        createAsAdmin(id, "Second").then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(Tokens.admin()).when().get("/v1/operators/" + id).then().body("name", equalTo("First"));
    }

    @Test
    void onlyAdminsCreateOrListOperators() {
        given().auth().oauth2(Tokens.operator("some-operator")).contentType(ContentType.JSON)
                .body("{\"id\": \"" + newId() + "\", \"name\": \"X\"}")
                .when().post("/v1/operators").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.operator("some-operator")).when().get("/v1/operators").then().statusCode(403);
    }

    @Test
    void operatorSeesItselfButAnotherOperatorLooksNotFound() {
        String mine = newId();
        String theirs = newId();
        createAsAdmin(mine, "Mine").then().statusCode(201);
        createAsAdmin(theirs, "Theirs").then().statusCode(201);

        given().auth().oauth2(Tokens.operator(mine)).when().get("/v1/operators/" + mine).then().statusCode(200);
        given().auth().oauth2(Tokens.operator(mine)).when().get("/v1/operators/" + theirs).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response createAsAdmin(String id, String name) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"" + name + "\"}")
                .when().post("/v1/operators");
    }

    private static String newId() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
