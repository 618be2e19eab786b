package io.hop.usage.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.contracts.usage.UsageRecorded;
import io.hop.contracts.provisioning.BillingPeriods;

class UsageAggregationTest {

    static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

    static UsageRecorded record(String id, String device, String networkInterface, String client, Instant at, long up,
            long down, boolean roaming) {
        return new UsageRecorded(id, "op-1", device, networkInterface, client, at, at.plusSeconds(60), up, down, roaming);
    }

    @Test
    void recordsOfOneDeviceAndPeriodFoldIntoOneCounterWithTheBreakdown() {
        UsageAggregation aggregation = UsageAggregation.of(List.of(
                record("r1", "d1", "CELLULAR", null, T, 10, 100, false),
                record("r2", "d1", "WIFI_OFFLOAD", null, T, 20, 200, false),
                record("r3", "d1", "TETHERED_CLIENT", "c1", T, 1, 2, true),
                record("r4", "d1", "TETHERED_CLIENT", "c1", T, 3, 4, false),
                record("r5", "d1", "TETHERED_CLIENT", "c2", T, 5, 6, false)),
                r -> BillingPeriods.periodOf(null, r.periodStart()));

        assertEquals(1, aggregation.counters().size());
        CounterDelta counter = aggregation.counters().iterator().next();
        assertEquals(39, counter.bytesUp());
        assertEquals(312, counter.bytesDown());
        assertEquals(110, counter.cellular());
        assertEquals(220, counter.wifiOffload());
        assertEquals(21, counter.tethered());
        assertEquals(3, counter.roaming());
        assertEquals(5, counter.records());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), counter.periodStart());
        assertEquals(List.of("c1:4:6", "c2:5:6"), aggregation.clients().stream()
                .map(c -> c.clientId() + ":" + c.bytesUp() + ":" + c.bytesDown()).toList());
    }

    @Test
    void devicesAndBillingPeriodsGetCountersOfTheirOwn() {
        UsageAggregation aggregation = UsageAggregation.of(List.of(
                record("r1", "d1", "CELLULAR", null, T, 1, 1, false),
                record("r2", "d2", "CELLULAR", null, T, 1, 1, false),
                record("r3", "d1", "CELLULAR", null, Instant.parse("2026-04-01T00:00:00Z"), 1, 1, false)),
                r -> BillingPeriods.periodOf(null, r.periodStart()));

        assertEquals(List.of("d1 2026-03-01T00:00:00Z", "d2 2026-03-01T00:00:00Z", "d1 2026-04-01T00:00:00Z"),
                aggregation.counters().stream().map(c -> c.deviceId() + " " + c.periodStart()).toList());
    }
}
