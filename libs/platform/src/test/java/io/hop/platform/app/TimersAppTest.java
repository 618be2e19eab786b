package io.hop.platform.app;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.hop.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Durable timers in a Quarkus application: scheduled in a request's transaction, fired by the TimerHandler bean. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class TimersAppTest {

    @Inject
    AgroalDataSource dataSource;

    private static void schedule(String key, Instant dueAt, String payload) {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).contentType(ContentType.JSON)
                .body(Map.of("key", key, "dueAt", dueAt.toString(), "payload", payload))
                .post("/v1/test/timers").then().statusCode(204);
    }

    private List<String> firings(String key) throws Exception {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement(
                        "select attempt || ':' || payload from test_timer_fired where timer_key = ? order by attempt")) {
            select.setString(1, key);
            try (var rs = select.executeQuery()) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                return rows;
            }
        }
    }

    @Test
    void aScheduledTimerFiresItsHandlerOnce() throws Exception {
        String key = "post-connect:" + UUID.randomUUID();
        schedule(key, Instant.now().plusMillis(300), "c-1");
        await().atMost(Duration.ofSeconds(15)).until(() -> firings(key).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> firings(key).size() == 1);
        assertEquals(List.of("1:c-1"), firings(key));
    }

    @Test
    void aFailedFiringRollsBackTheHandlersWorkAndIsRetried() throws Exception {
        String key = "post-connect:" + UUID.randomUUID();
        schedule(key, Instant.now(), "fail-once");
        await().atMost(Duration.ofSeconds(15)).until(() -> firings(key).size() == 1);
        assertEquals(List.of("2:fail-once"), firings(key), "attempt 1 wrote, threw and rolled back");
    }

    @Test
    void aCancelledTimerDoesNotFire() throws Exception {
        String key = "peerless:" + UUID.randomUUID();
        schedule(key, Instant.now().plusMillis(500), "x");
        given().header("Authorization", Tokens.bearer(Tokens.admin())).delete("/v1/test/timers/" + key)
                .then().statusCode(200).body("cancelled", equalTo(true));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> firings(key).isEmpty());
    }
}
