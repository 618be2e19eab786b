package io.hop.offload.fleet;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.offload.config.OffloadConfig;

/**
 * An operator's {@link FleetLearning} for scans: computed from one grouped query over the window and reused for
 * {@code hop.offload.fleet.cache-ttl}, so a scan costs no query of its own here. A demotion therefore takes effect
 * (and ends) at most that long after the outcome that caused it, on every replica.
 */
@ApplicationScoped
public class FleetService {

    private record Cached(FleetLearning learning, Instant until) {
    }

    private final FleetOutcomes outcomes;
    private final OffloadConfig.Fleet config;
    private final FleetLearning.Rules rules;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    FleetService(FleetOutcomes outcomes, OffloadConfig config) {
        this.outcomes = outcomes;
        this.config = config.fleet();
        this.rules = new FleetLearning.Rules(this.config.failureRate(), this.config.minSamples(), this.config.demotion());
    }

    /** The operator's fleet learning, at most the cache's time old. */
    public FleetLearning forOperator(String operatorId) {
        Instant now = Instant.now();
        Cached cached = cache.get(operatorId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.learning();
        }
        FleetLearning learning = fresh(operatorId, now);
        cache.put(operatorId, new Cached(learning, now.plus(config.cacheTtl())));
        return learning;
    }

    /** Computed now, bypassing the cache (the per-operator endpoint). */
    public FleetLearning fresh(String operatorId, Instant now) {
        return new FleetLearning(rules, outcomes.counts(operatorId, now.minus(config.window())));
    }

    public FleetLearning.Rules rules() {
        return rules;
    }
}
