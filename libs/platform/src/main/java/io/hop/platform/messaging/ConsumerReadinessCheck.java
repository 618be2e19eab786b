package io.hop.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a channel retries a transient failure (e.g. its database is down): traffic goes to replicas that
 * work, and readiness comes back by itself once the retried record is applied. Liveness is never affected, so
 * Kubernetes does not restart a pod for an outage a restart cannot cure.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {

    @Inject
    Consumers consumers;

    @Override
    public HealthCheckResponse call() {
        var retrying = consumers.monitor().retrying();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hop-consumers").status(retrying.isEmpty());
        retrying.forEach((channel, failure) -> response.withData(channel, "retrying: " + failure));
        return response.build();
    }
}
