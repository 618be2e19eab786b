package io.hop.provisioning.operator;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.hop.platform.problem.ProblemException;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;

@Path("/v1/operators")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    /** Body of {@code POST /v1/operators}. The id is chosen by the platform admin and appears in tokens. */
    public record CreateOperator(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}",
                    message = "must be 2 to 63 lower-case letters, digits or '-', starting with a letter or digit") String id,
            @NotBlank @Size(max = 200) String name) {
    }

    /**
     * Body of {@code PATCH /v1/operators/{id}}: the fields to change (absent ones stay) and the version the client
     * read; a change to an operator that has changed since answers 409.
     */
    public record ChangeOperator(@Size(min = 1, max = 200) String name, Operator.Status status,
            @NotNull @Min(1) Long version) {
    }

    public record OperatorView(String id, String name, String status, long version, Instant createdAt, Instant updatedAt) {

        static OperatorView of(Operator operator) {
            return new OperatorView(operator.id(), operator.name(), operator.status().name(), operator.version(),
                    operator.createdAt(), operator.updatedAt());
        }
    }

    private final OperatorService operators;
    private final Caller caller;

    OperatorResource(OperatorService operators, Caller caller) {
        this.operators = operators;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateOperator request) {
        Operator operator = operators.create(request.id(), request.name());
        URI location = UriBuilder.fromResource(OperatorResource.class).path(operator.id()).build();
        return Response.created(location).entity(OperatorView.of(operator)).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<OperatorView> list() {
        return operators.list().stream().map(OperatorView::of).toList();
    }

    @PATCH
    @Path("{operatorId}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public OperatorView change(@PathParam("operatorId") String operatorId, @Valid @NotNull ChangeOperator request) {
        return OperatorView.of(operators.change(operatorId, request.version(), request.name(), request.status()));
    }

    @GET
    @Path("{operatorId}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    public OperatorView get(@PathParam("operatorId") String operatorId) {
        caller.requireOperator(operatorId);
        return operators.find(operatorId).map(OperatorView::of)
                .orElseThrow(() -> ProblemException.notFound("no operator '" + operatorId + "'"));
    }
}
