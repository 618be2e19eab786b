package io.hop.entitlement.provider;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.platform.security.Caller;
import io.smallrye.common.annotation.Blocking;

/**
 * An operator's entitlement providers (docs/entitlement-providers.md). Operator token of that operator, or admin:
 * another operator's provider is 404, another operator's list 403.
 */
@Path("/v1/operators/{operatorId}/entitlement-providers")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProviderResource {

    private final ProviderService providers;
    private final Caller caller;

    ProviderResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("operatorId") String operatorId, @PathParam("name") String name,
            ProviderRequest request) {
        caller.requireOperatorCollection(operatorId);
        ProviderService.Saved saved = providers.put(operatorId, name, request);
        ProviderView view = ProviderView.of(saved.provider());
        return saved.created()
                ? Response.created(URI.create("/v1/operators/" + operatorId + "/entitlement-providers/" + name))
                        .entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("/{name}")
    public ProviderView get(@PathParam("operatorId") String operatorId, @PathParam("name") String name) {
        caller.requireOperator(operatorId);
        return ProviderView.of(providers.get(operatorId, name));
    }

    @GET
    public List<ProviderView> list(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return providers.list(operatorId).stream().map(ProviderView::of).toList();
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("name") String name) {
        caller.requireOperator(operatorId);
        providers.delete(operatorId, name);
        return Response.noContent().build();
    }
}
