package io.hop.platform.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id: the caller's {@value #HEADER} header when it is a sane token, otherwise a new UUID.
 * The id is in the logging MDC (key {@value #MDC_KEY}) for everything that handles the request, in every problem
 * response body, and echoed in the response's {@value #HEADER} header.
 *
 * <p>A Vert.x route ahead of all others rather than a JAX-RS filter, so that it also covers responses that never
 * reach JAX-RS (body too large, health, metrics). Quarkus keeps the MDC per request (in the request's duplicated
 * Vert.x context), so it follows the request onto worker threads and does not leak into other requests.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Route order: ahead of Quarkus' body-size limit (-2) and of {@link PayloadTooLarge}. */
    static final int ROUTE_ORDER = -100;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(RequestIds::handle);
    }

    private static void handle(RoutingContext context) {
        String id = context.request().getHeader(HEADER);
        if (id == null || !ACCEPTED.matcher(id).matches()) {
            // Anything else could forge log lines or bloat them: use an id of our own.
            id = newId();
        }
        context.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id needs to be unique, not unguessable,
     * and {@link UUID#randomUUID()} draws on the shared {@code SecureRandom}, which every request would contend for.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of the request being handled, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
