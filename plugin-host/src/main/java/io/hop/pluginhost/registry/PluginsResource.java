package io.hop.pluginhost.registry;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.PluginOperationException;
import io.hop.platform.problem.Problem;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.Violation;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.pluginhost.runtime.CallOutcome;
import io.hop.pluginhost.runtime.PluginRuntime;

/**
 * {@code GET /v1/plugins}: this host's plugins with their health (an operator token sees those serving its
 * operator). {@code POST /v1/plugins/{pluginId}/{operation}}: a plugin's own operation
 * ({@code HotspotPlugin.operations()}), for operator tokens of an operator the plugin serves; a plugin or operation
 * the caller may not use is not found.
 */
@Path("/v1/plugins")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
public class PluginsResource {

    private final Caller caller;
    private final PluginRegistry registry;

    PluginsResource(Caller caller, PluginRegistry registry) {
        this.caller = caller;
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PluginView> list() {
        if (caller.isAdmin()) {
            return registry.all().stream().map(PluginView::of).toList();
        }
        String operator = caller.operatorId().orElse(null);
        caller.requireOperatorCollection(operator); // device tokens: 403
        return registry.serving(operator).stream().map(PluginView::of).toList();
    }

    @POST
    @Path("/{pluginId}/{operation}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response operate(@PathParam("pluginId") String pluginId, @PathParam("operation") String operation,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String operator = caller.operatorId().orElse(null);
        caller.requireOperator(operator); // an operator token acts for its operator; others: 404
        if (caller.isAdmin() && operator == null) {
            throw ProblemException.notFound("plugin operations are called with an operator token");
        }
        PluginRuntime plugin = registry.find(pluginId).filter(p -> p.manifest().serves(operator))
                .orElseThrow(() -> ProblemException.notFound("no plugin " + pluginId));
        CallOutcome<PluginOperation.OperationResponse> outcome = plugin.call("operation", () -> {
            Map<String, PluginOperation> operations = plugin.plugin().operations();
            PluginOperation op = operations == null ? null : operations.get(operation);
            if (op == null) {
                throw new PluginOperationException(404, "plugin " + pluginId + " has no operation " + operation);
            }
            return op.handle(operator, contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType,
                    body == null ? new byte[0] : body);
        });
        return switch (outcome.kind()) {
            case ANSWERED -> answer(outcome.value());
            case SKIPPED_QUARANTINED -> throw new ProblemException(503, "Plugin quarantined",
                    "plugin " + pluginId + " is quarantined after repeated failures; retry later");
            case TIMED_OUT -> throw new ProblemException(504, "Plugin timed out", outcome.error());
            case FAILED -> {
                if (outcome.cause() instanceof PluginOperationException refusal) {
                    throw refusal(refusal);
                }
                throw new ProblemException(502, "Plugin failed", "plugin " + pluginId + " failed");
            }
        };
    }

    private static Response answer(PluginOperation.OperationResponse r) {
        if (r == null || r.status() < 200 || r.status() > 599) {
            throw new ProblemException(502, "Plugin failed", "the plugin answered no valid response");
        }
        return Response.status(r.status()).type(r.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                : r.contentType()).entity(r.body() == null ? new byte[0] : r.body()).build();
    }

    private static ProblemException refusal(PluginOperationException e) {
        int status = e.status() >= 400 && e.status() <= 599 ? e.status() : 400;
        List<Violation> violations = e.violations().stream().map(v -> new Violation(v.field(), v.message()))
                .toList();
        String title = violations.isEmpty() ? "Refused by the plugin" : "Validation failed";
        return new ProblemException(Problem.ABOUT_BLANK, status, title, e.getMessage(), violations);
    }
}
