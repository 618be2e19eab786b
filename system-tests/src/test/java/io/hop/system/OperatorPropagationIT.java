package io.hop.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.hop.system.Platform.Service;
import io.hop.testing.Tokens;
import io.hop.testing.infra.Infrastructure;
import io.restassured.http.ContentType;

/**
 * The walking skeleton: an operator created in provisioning-service travels over {@code provisioning.changes.v1}
 * into the read model of every other service, also of one that was down when it was created.
 */
class OperatorPropagationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
    }

    @Test
    void operatorCreatedInProvisioningReachesEveryServicesReadModel() {
        String operatorId = newOperatorId();

        createOperator(operatorId, "Acme Mobile");

        for (Service service : Platform.consumersOfProvisioningChanges()) {
            await(service.module + " knows " + operatorId).atMost(PATIENCE)
                    .untilAsserted(() -> assertEquals(Optional.of("Acme Mobile"), knownOperatorName(service, operatorId)));
        }
    }

    @Test
    void serviceThatWasDownWhenTheOperatorWasCreatedCatchesUpAfterRestart() {
        ServiceProcess usage = platform.service(Service.USAGE);
        usage.kill();
        String operatorId = newOperatorId();

        createOperator(operatorId, "Created while usage-service was down");
        usage.start().awaitReady();

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(Optional.of("Created while usage-service was down"),
                knownOperatorName(Service.USAGE, operatorId)));
    }

    private static void createOperator(String operatorId, String name) {
        given().baseUri(platform.service(Service.PROVISIONING).baseUrl())
                .auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"id\": \"" + operatorId + "\", \"name\": \"" + name + "\"}")
                .when().post("/v1/operators")
                .then().statusCode(201);
    }

    /** Reads the service's own database, as only the service itself would: the read model is not an API. */
    private static Optional<String> knownOperatorName(Service service, String operatorId) throws SQLException {
        Infrastructure.Database db = platform.database(service);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement query = connection.prepareStatement("select name from known_operator where operator_id = ?")) {
            query.setString(1, operatorId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String newOperatorId() {
        return "op-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
