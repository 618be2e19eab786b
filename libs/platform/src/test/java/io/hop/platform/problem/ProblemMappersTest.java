package io.hop.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.hop.platform.json.PlatformJson;

/** Mapper behaviour that the test application cannot reach with Quarkus' default Jackson settings. */
class ProblemMappersTest {

    record Network(String ssid) {
    }

    record Body(String name, List<Network> networks) {
    }

    @Test
    void anUnknownJsonPropertyIsNamedWhenAServiceMakesThemFail() throws Exception {
        ObjectMapper strict = PlatformJson.newMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        UnrecognizedPropertyException unknown = assertThrows(UnrecognizedPropertyException.class,
                () -> strict.readValue("{\"name\":\"a\",\"networks\":[{\"ssid\":\"x\",\"sssid\":\"y\"}]}", Body.class));
        ProblemMappers mappers = new ProblemMappers();
        mappers.mapper = PlatformJson.newMapper();

        Response response = mappers.mismatchedInput(unknown, null);

        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<?, ?> body = PlatformJson.mapper().readValue((String) response.getEntity(), Map.class);
        assertEquals(List.of(Map.of("field", "networks[0].sssid", "message", "unknown property")),
                body.get("violations"));
        assertEquals(Problem.TYPE_MALFORMED_REQUEST, body.get("type"));
    }

    @Test
    void aValidationProblemNeedsAtLeastOneViolationAndAProblemAnErrorStatus() {
        assertThrows(IllegalArgumentException.class, () -> new ValidationProblem(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ProblemException(302, "Found", "elsewhere"));
        ValidationProblem.builder().throwIfAny(); // nothing collected: nothing thrown
        ValidationProblem problem = assertThrows(ValidationProblem.class,
                () -> ValidationProblem.builder().addIf(true, "a", "bad").addIf(false, "b", "fine").throwIfAny());
        assertEquals(List.of(new Violation("a", "bad")), problem.violations());
        assertEquals(400, problem.status());
    }

    @Test
    void aUniqueViolationOrAStaleUpdateAnywhereInTheCauseChainIsA409Conflict() {
        java.sql.SQLException duplicate = new java.sql.SQLException("duplicate key value", Conflicts.UNIQUE_VIOLATION);
        RuntimeException atCommit = new RuntimeException("commit failed", new jakarta.persistence.PersistenceException(
                new org.hibernate.exception.ConstraintViolationException("insert", duplicate, "operator_pkey")));
        ProblemMappers mappers = new ProblemMappers();
        mappers.mapper = PlatformJson.newMapper();

        assertEquals(409, mappers.unexpected(atCommit, null).getStatus());
        assertEquals(409, mappers.unexpected(new RuntimeException(duplicate), null).getStatus());
        assertEquals(409, mappers.unexpected(new jakarta.persistence.OptimisticLockException("stale"), null).getStatus());
        assertEquals(409, mappers.unexpected(new org.hibernate.StaleObjectStateException("Operator", "op-1"), null)
                .getStatus());
        // Other database failures stay server errors.
        assertEquals(500, mappers.unexpected(new RuntimeException(
                new java.sql.SQLException("not null", "23502")), null).getStatus());
    }

    @Test
    void aClientProblemCarriesNoStackTraceAServerProblemDoes() {
        assertEquals(0, ProblemException.notFound("no such thing").getStackTrace().length);
        assertEquals(0, new ProblemException(409, "Conflict", "taken").getStackTrace().length);
        org.junit.jupiter.api.Assertions.assertTrue(
                new ProblemException(503, "Unavailable", "later").getStackTrace().length > 0);
    }
}
