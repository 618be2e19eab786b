package io.hop.offload.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.testing.infra.UpgradeDatabase;

/**
 * The upgrade to one decision-log row per scan (V4): the entries an earlier version wrote, one row per network, are
 * still there afterwards, each scan's decisions together and each network's fields still its own.
 */
class DecisionLogPerScanMigrationTest {

    @Test
    void theDecisionsAnEarlierVersionLoggedReadTheSameAfterTheUpgrade() throws Exception {
        try (UpgradeDatabase db = UpgradeDatabase.create("offload_upgrade").migrateTo("3")) {
            db.execute("""
                    insert into scan_decision (operator_id, device_id, scan_id, decided_at, ssid, bssid, selected,
                        reason, plugin_id, priority, effective_priority, auth_method, fallback_reason, detail) values
                    ('op', 'd1', '00000000-0000-0000-0000-000000000001', '2026-12-02T10:00:00Z', 'Acme',
                        'aa:00:00:00:00:01', true, 'SELECTED', 'wispr', 1, 10, 'WISPR', null, 'strongest'),
                    ('op', 'd1', '00000000-0000-0000-0000-000000000001', '2026-12-02T10:00:00Z', 'Other',
                        'aa:00:00:00:00:02', false, 'NOT_IDENTIFIED', null, null, null, null, null, null),
                    ('op', 'd1', '00000000-0000-0000-0000-000000000002', '2026-12-02T11:00:00Z', 'Acme',
                        'aa:00:00:00:00:01', false, 'BLOCKED', 'wispr', 1, 10, 'WISPR', 'LOGIN_FAILED', null)""");

            db.migrate();

            assertEquals(List.of("2 Acme aa:00:00:00:00:01 f BLOCKED wispr 1 10 WISPR LOGIN_FAILED null",
                    "1 Acme aa:00:00:00:00:01 t SELECTED wispr 1 10 WISPR null strongest",
                    "1 Other aa:00:00:00:00:02 f NOT_IDENTIFIED null null null null null null"), db.rows("""
                            select right(d.scan_id::text, 1), e.*
                              from scan_decision d
                             cross join lateral unnest(d.ssid, d.bssid, d.selected, d.reason, d.plugin_id, d.priority,
                                   d.effective_priority, d.auth_method, d.fallback_reason, d.detail)
                                   as e (ssid, bssid, selected, reason, plugin_id, priority, effective_priority,
                                         auth_method, fallback_reason, detail)
                             order by d.decided_at desc, e.selected desc, e.ssid"""));
            assertEquals("2", db.row("select count(*) from scan_decision"));
        }
    }
}
