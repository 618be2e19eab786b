package io.hop.usage.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;

/**
 * {@code POST /v1/usage-records}: a batch of usage records of the caller's operator (a JSON array, or
 * {@code {"records": [...]}}), counted by the same pipeline as {@code usage.records.v1}. All or nothing: one invalid
 * record refuses the batch (problem+json naming {@code records[i].field}) and nothing is stored. Idempotent by
 * {@code recordId}: a record posted again is not counted again.
 */
@Path("/v1/usage-records")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class UsageRecordResource {

    /** Most records in one request. */
    public static final int MAX_RECORDS = 10_000;

    /** What a batch did. */
    public record Accepted(int received, int counted, int duplicates) {
    }

    private final UsageIngestion ingestion;
    private final Caller caller;
    private final ObjectMapper mapper;

    UsageRecordResource(UsageIngestion ingestion, Caller caller, ObjectMapper mapper) {
        this.ingestion = ingestion;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Accepted post(JsonNode body) throws SQLException {
        JsonNode array = body != null && body.isObject() ? body.get("records") : body;
        if (array == null || !array.isArray()) {
            throw ValidationProblem.of("records", "must be a JSON array of usage records (or {\"records\": [...]})");
        }
        if (array.size() > MAX_RECORDS) {
            throw ValidationProblem.of("records", "must hold at most " + MAX_RECORDS + " records");
        }
        String tokenOperator = caller.isAdmin() ? null : caller.operatorId().orElse(null);
        ValidationProblem.Builder problems = ValidationProblem.builder();
        List<UsageRecorded> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "records[" + i + "]";
            JsonNode element = array.get(i);
            if (!element.isObject()) {
                problems.add(at, "must be a usage record object");
                continue;
            }
            ObjectNode node = ((ObjectNode) element).deepCopy();
            if (tokenOperator != null && (!node.hasNonNull("operatorId"))) {
                node.put("operatorId", tokenOperator);
            }
            UsageRecorded record;
            try {
                record = mapper.treeToValue(node, UsageRecorded.class);
            } catch (JsonMappingException e) {
                String field = e.getPath().isEmpty() ? "" : "." + e.getPath().get(0).getFieldName();
                problems.add(at + field, "has the wrong type: " + e.getOriginalMessage());
                continue;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.add(at, "is not a valid usage record: " + e.getOriginalMessage());
                continue;
            }
            UsageRecordValidation.violations(record).forEach(v -> problems.add(at + "." + v.field(), v.message()));
            if (tokenOperator != null && record.operatorId() != null && !tokenOperator.equals(record.operatorId())) {
                problems.add(at + ".operatorId", "must be the operator of the token");
            }
            records.add(record);
        }
        problems.throwIfAny();
        int counted = ingestion.addNew(records);
        return new Accepted(records.size(), counted, records.size() - counted);
    }
}
