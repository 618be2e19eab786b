package io.hop.platform.security;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import io.quarkus.security.Authenticated;

/**
 * Any {@code /v1/...} path that no resource of the service serves. JAX-RS prefers every more specific path, so this
 * answers only when nothing else matches: without a valid token 401 (an anonymous caller learns nothing of what
 * exists), with one 404 — both as problem details.
 */
@Path("/v1/{path: .*}")
@Authenticated
public class UnmatchedApiPaths {

    @GET
    public void get() {
        throw notFound();
    }

    @POST
    public void post() {
        throw notFound();
    }

    @PUT
    public void put() {
        throw notFound();
    }

    @PATCH
    public void patch() {
        throw notFound();
    }

    @DELETE
    public void delete() {
        throw notFound();
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no such resource");
    }
}
