package io.hop.platform.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.hop.platform.config.HopTopics;
import io.hop.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** What a service gets from the platform jar without configuring anything: schema, config defaults, operations. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PlatformConfigTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HopTopics topics;

    @Inject
    KafkaClientService kafkaClients;

    @ConfigProperty(name = "quarkus.http.auth.proactive")
    boolean proactive;

    @Test
    void thePlatformAndTheServiceKeepTheirOwnMigrationHistories() throws Exception {
        assertEquals(List.of("1 V1__platform_outbox_inbox_timers.sql", "2 V2__outbox_claims_and_parking.sql",
                "3 V3__consumer_offsets.sql", "4 V4__outbox_tombstones.sql"), applied("hop_platform_schema_history"));
        assertEquals(List.of("1 V1__test_tables.sql"), applied("flyway_schema_history"));
    }

    private List<String> applied(String historyTable) throws Exception {
        List<String> applied = new ArrayList<>();
        try (var connection = dataSource.getConnection();
                var rs = connection.createStatement().executeQuery("select version || ' ' || regexp_replace(script,"
                        + " '^.*/', '') from " + historyTable + " where success and version <> '0' order by installed_rank")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        return applied;
    }

    @Test
    void theContractsTopicsAreConfiguredByDefault() {
        assertEquals("provisioning.changes.v1", topics.byChannel().get("provisioning-changes"));
        assertEquals("notifications.v1", topics.byChannel().get("notifications"));
        assertEquals(false, proactive);
    }

    @Test
    void consumersStartAtTheBeginningOfTheirTopicsAndCommitOnlyWhatWasProcessed() {
        Map<String, ?> consumer = kafkaClients.getConsumer(PlatformTestResource.CHANNEL).configuration();
        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals("false", String.valueOf(consumer.get("enable.auto.commit")));
    }

    @Test
    void readinessIncludesKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'hop-outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'hop-outbox' }.data.parked", equalTo(0));
        given().get("/q/health/ready").then().body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void thePlatformsMetricsAreExported() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("hop_outbox_pending"))
                .body(containsString("hop_timers_fired_total"))
                .body(containsString("hop_outbox_relay_lag_seconds"));
    }

    @Test
    void theRequestIdIsEchoedAndInTheLoggingContextOnWorkerAndEventLoopThreads() {
        String admin = Tokens.bearer(Tokens.admin());
        given().header("Authorization", admin).header("X-Request-Id", "req-123").get("/v1/test/request-id")
                .then().statusCode(200).header("X-Request-Id", "req-123").body(equalTo("req-123"));
        given().header("Authorization", admin).header("X-Request-Id", "req-456").get("/v1/test/request-id/event-loop")
                .then().statusCode(200).header("X-Request-Id", "req-456").body(equalTo("req-456"));

        String generated = given().header("Authorization", admin).get("/v1/test/request-id")
                .then().statusCode(200).extract().header("X-Request-Id");
        String body = given().header("Authorization", admin).header("X-Request-Id", generated)
                .get("/v1/test/request-id").then().extract().asString();
        assertEquals(generated, body);
        String another = given().header("Authorization", admin).get("/v1/test/request-id")
                .then().extract().header("X-Request-Id");
        assertNotEquals(generated, another, "a new id per request");

        given().header("X-Request-Id", "bad id\nwith newline").get("/q/health/live")
                .then().header("X-Request-Id", not(containsString("bad")));
    }

    @Test
    void theOpenApiDocumentDeclaresBearerTokens() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("SecurityScheme"));
    }
}
