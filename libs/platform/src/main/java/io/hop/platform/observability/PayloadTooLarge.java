package io.hop.platform.observability;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.platform.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers requests whose {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with a 413
 * problem+json body. Quarkus rejects them itself, ahead of JAX-RS (so no exception mapper sees them), but with an
 * empty body; this route runs just before that check. Chunked bodies that grow past the limit are still cut off by
 * Quarkus with an empty 413.
 */
@ApplicationScoped
public class PayloadTooLarge {

    /** Just ahead of Quarkus' own limit route ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    static final int ROUTE_ORDER = -3;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(ROUTE_ORDER).handler(context -> check(context, max));
    }

    private static void check(RoutingContext context, long max) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max) {
            context.next();
            return;
        }
        String requestId = context.get(RequestIds.MDC_KEY);
        JsonObject problem = new JsonObject()
                .put("type", Problem.ABOUT_BLANK)
                .put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", "The request body may have at most " + max + " bytes.")
                .put("instance", context.request().path())
                .put("requestId", requestId == null ? UUID.randomUUID().toString() : requestId);
        // The body is not read: close the connection after answering, as Quarkus does.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }
}
