package io.hop.provisioning.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.common.http.TestHTTPResource;
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

    @Test
    void concurrentCreatesOfOneIdGiveOne201AndOnly409sNeverA500() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = newId();
            String body = "{\"id\": \"" + id + "\", \"name\": \"Racer\"}";

            List<Integer> statuses = inParallel(8, () -> send("POST", "/v1/operators", body));

            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one create wins: " + statuses);
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), "the others conflict: " + statuses);
        }
    }

    @Test
    void aChangeFromAStaleVersionIs409AndChangesNothing() {
        String id = newId();
        createAsAdmin(id, "First").then().statusCode(201);
        change(id, "{\"name\": \"Second\", \"version\": 1}").then().statusCode(200)
                .body("name", equalTo("Second")).body("version", equalTo(2));

        change(id, "{\"name\": \"Third\", \"version\": 1}").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));

        given().auth().oauth2(Tokens.admin()).when().get("/v1/operators/" + id).then()
                .body("name", equalTo("Second")).body("version", equalTo(2));
    }

    @Test
    void concurrentChangesFromOneVersionLoseNoUpdateOneWinsTheOthersAre409() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = newId();
            createAsAdmin(id, "Start").then().statusCode(201);
            AtomicInteger n = new AtomicInteger();

            List<Integer> statuses = inParallel(6, () -> send("PATCH", "/v1/operators/" + id,
                    "{\"name\": \"Change " + n.incrementAndGet() + "\", \"version\": 1}"));

            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one change wins: " + statuses);
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), "the others conflict: " + statuses);
            given().auth().oauth2(Tokens.admin()).when().get("/v1/operators/" + id).then().body("version", equalTo(2));
        }
    }

    @Test
    void aChangeIsPublishedWithItsNewVersion() {
        String id = newId();
        createAsAdmin(id, "Acme").then().statusCode(201);
        change(id, "{\"status\": \"SUSPENDED\", \"version\": 1}").then().statusCode(200)
                .body("status", equalTo("SUSPENDED"));

        List<ConsumerRecord<String, String>> records = TestEvents.read(TOPIC,
                r -> ("operator:" + id).equals(r.key()) && JsonPath.from(r.value()).getLong("version") == 2, 1, Duration.ofSeconds(30));

        assertEquals("SUSPENDED", JsonPath.from(records.get(0).value()).getString("status"));
    }

    @Test
    void aDeviceTokenNeverPassesTheOperatorCheck() {
        String id = newId();
        createAsAdmin(id, "Acme").then().statusCode(201);

        given().auth().oauth2(Tokens.device(id, "dev-1")).when().get("/v1/operators/" + id).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @TestHTTPResource("/")
    URI base;

    /** Sends {@code requests} requests at once (all threads released together); their statuses. */
    private static List<Integer> inParallel(int requests, Callable<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CyclicBarrier start = new CyclicBarrier(requests);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private int send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", Tokens.bearer(Tokens.admin()))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static io.restassured.response.Response change(String id, String body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().patch("/v1/operators/" + id);
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
