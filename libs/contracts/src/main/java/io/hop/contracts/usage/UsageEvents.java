package io.hop.contracts.usage;

import io.hop.contracts.EventType;

/** Events of usage: records on {@code usage.records.v1} and alerts on {@code usage.alerts.v1}, both keyed by device id. */
public final class UsageEvents {

    public static final EventType<UsageRecorded> RECORD_REPORTED =
            EventType.of("usage.record-reported.v1", UsageRecorded.class);

    public static final EventType<UsageAlertRaised> ALERT_RAISED =
            EventType.of("usage.alert-raised.v1", UsageAlertRaised.class);

    private UsageEvents() {
    }
}
