package io.hop.usage.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.readmodel.devices.DeviceResolver;

/**
 * Device → plan through the read model's {@link DeviceResolver} (the one group-matching rule), remembered for
 * {@code hop.usage.plan-cache-ttl} (default 30 s) so that a batch of thousands of records of a few thousand devices
 * does not cost a read per device each batch. Hence a plan change (or a device moved to another group) applies to
 * records ingested at most that long after it arrived; the counters' period is that of the plan at ingest time.
 * At most {@code hop.usage.plan-cache-size} devices are remembered (the cache is dropped when full).
 */
@ApplicationScoped
public class DevicePlans implements PlanLookup {

    private record Cached(Optional<PlanChanged> plan, long expiresAtNanos) {
    }

    private final DeviceResolver resolver;
    private final long ttlNanos;
    private final int maxSize;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public DevicePlans(DeviceResolver resolver,
            @ConfigProperty(name = "hop.usage.plan-cache-ttl", defaultValue = "PT30S") Duration ttl,
            @ConfigProperty(name = "hop.usage.plan-cache-size", defaultValue = "200000") int maxSize) {
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
    }

    @Override
    public Optional<PlanChanged> planOf(String operatorId, String deviceId) {
        String key = operatorId + '\u0000' + deviceId;
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return cached.plan;
        }
        Optional<PlanChanged> plan = resolver.resolve(operatorId, deviceId).plan();
        if (ttlNanos > 0) {
            if (cache.size() >= maxSize) {
                cache.clear();
            }
            cache.put(key, new Cached(plan, now + ttlNanos));
        }
        return plan;
    }
}
