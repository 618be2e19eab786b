package io.hop.usage.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.hop.testing.infra.UpgradeDatabase;

/**
 * The upgrade to the folding consumer (V5): usage an earlier version appended to {@code usage_pending} and had not
 * rolled up yet is counted, into the counters, the tethered clients, the history and the operators' statistics,
 * before the table goes.
 */
class FoldedIngestMigrationTest {

    @Test
    void usageLeftPendingByAnEarlierVersionIsCountedByTheUpgrade() throws Exception {
        try (UpgradeDatabase db = UpgradeDatabase.create("usage_upgrade").migrateTo("4")) {
            db.execute("""
                    insert into usage_counter (operator_id, device_id, period_start, period_end, bytes_up,
                        bytes_down, cellular_up, cellular_down, records, updated_at)
                    values ('op', 'd1', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', 10, 20, 10, 20, 1, now())""");
            db.execute("""
                    insert into usage_pending (operator_id, device_id, period_start, period_end, plan_id, hour,
                        network_interface, label, roaming, bytes_up, bytes_down, records) values
                    ('op', 'd1', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', 'p', '2026-12-02T10:00:00Z',
                        'CELLULAR', null, false, 100, 200, 2),
                    ('op', 'd1', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', 'p', '2026-12-02T10:00:00Z',
                        'TETHERED_CLIENT', 'client-a', true, 1, 2, 1),
                    ('op', 'd2', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', null, '2026-12-02T11:00:00Z',
                        'WIFI_OFFLOAD', 'hotspot-1', false, 1000, 2000, 3)""");

            db.migrate();

            assertEquals("op d1 111 222 110 220 1 2 1 2 4 p", db.row("""
                    select operator_id, device_id, bytes_up, bytes_down, cellular_up, cellular_down, tethered_up,
                        tethered_down, roaming_up, roaming_down, records, plan_id
                    from usage_counter where device_id = 'd1'"""));
            assertEquals("1000 2000 1000 2000 3", db.row("""
                    select bytes_up, bytes_down, wifi_offload_up, wifi_offload_down, records
                    from usage_counter where device_id = 'd2'"""));
            assertEquals("client-a 1 2", db.row("select client_id, bytes_up, bytes_down from usage_client_counter"));
            assertEquals("3 1101 2202", db.row("select count(*), sum(bytes_up), sum(bytes_down) from usage_hourly"));
            assertEquals("1000 2000", db.row("""
                    select bytes_up, bytes_down from usage_operator_hourly where hotspot = 'hotspot-1'"""));
            assertEquals("0", db.row("select count(*) from pg_class where relname = 'usage_pending'"));
        }
    }
}
