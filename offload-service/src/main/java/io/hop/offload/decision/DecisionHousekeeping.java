package io.hop.offload.decision;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.hop.offload.config.OffloadConfig;
import io.hop.offload.fleet.FleetOutcomes;
import io.quarkus.scheduler.Scheduled;

/**
 * Ages out decision-log entries older than {@code hop.offload.decisions.retention} and fleet outcomes older than the
 * fleet-learning window (they no longer count). Any replica may run it: the deletes are idempotent.
 */
@ApplicationScoped
public class DecisionHousekeeping {

    private static final Logger LOG = Logger.getLogger(DecisionHousekeeping.class);

    private final DecisionLog log;
    private final FleetOutcomes fleet;
    private final OffloadConfig config;

    DecisionHousekeeping(DecisionLog log, FleetOutcomes fleet, OffloadConfig config) {
        this.log = log;
        this.fleet = fleet;
        this.config = config;
    }

    @Scheduled(identity = "offload-decision-purge", every = "${hop.offload.decisions.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        int decisions = purge(Instant.now());
        if (decisions > 0) {
            LOG.infof("purged the decision log of %d scans older than %s", decisions, config.decisions().retention());
        }
    }

    /** Purges what is older than the retention (decisions) and the window (fleet outcomes) at {@code now}. */
    public int purge(Instant now) {
        fleet.purge(now.minus(config.fleet().window()));
        return log.purge(now.minus(config.decisions().retention()));
    }
}
