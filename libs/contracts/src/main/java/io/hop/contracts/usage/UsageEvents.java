package io.hop.contracts.usage;

import io.hop.contracts.EventType;

/** Events on {@code usage.records.v1}, keyed by device id. */
public final class UsageEvents {

    public static final EventType<UsageRecorded> RECORD_REPORTED =
            EventType.of("usage.record-reported.v1", UsageRecorded.class);

    private UsageEvents() {
    }
}
