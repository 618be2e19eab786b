package io.hop.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@value #NAME}: always UP, with the outbox's pending and parked counts and the oldest parked event
 * as data.
 *
 * <p>Why parked events do not turn readiness DOWN: a parked event is one record Kafka rejects; every replica shares
 * the database, so DOWN would take every replica out of service, and the whole HTTP API down, for one event that only
 * an operator can resolve, while the API and the other keys' events work. Alert on the metric
 * {@code hop_outbox_parked > 0} instead. The database and Kafka have readiness checks of their own, so a failing
 * query here reports its error as data and stays UP too.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "hop-outbox";

    private final OutboxAdmin admin;

    @Inject
    public OutboxHealthCheck(OutboxAdmin admin) {
        this.admin = admin;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        try {
            OutboxAdmin.Status status = admin.status();
            response.withData("pending", status.pending()).withData("parked", status.parked());
            OutboxAdmin.ParkedEvent oldest = status.oldestParked();
            if (oldest != null) {
                response.withData("oldestParked.id", oldest.id().toString())
                        .withData("oldestParked.type", oldest.type())
                        .withData("oldestParked.topic", oldest.topic())
                        .withData("oldestParked.key", oldest.key())
                        .withData("oldestParked.parkedAt", oldest.parkedAt().toString())
                        .withData("oldestParked.error", String.valueOf(oldest.lastError()));
            }
        } catch (RuntimeException e) {
            response.withData("error", e.getMessage());
        }
        return response.build();
    }
}
