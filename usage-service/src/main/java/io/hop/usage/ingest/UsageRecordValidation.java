package io.hop.usage.ingest;

import java.util.ArrayList;
import java.util.List;

import io.hop.contracts.usage.UsageRecorded;

/** The rules a usage record must satisfy to be counted; plain Java, shared by the Kafka and the REST path. */
public final class UsageRecordValidation {

    /** Longest id (record, operator, device, client) accepted. */
    public static final int MAX_ID_LENGTH = 200;

    private UsageRecordValidation() {
    }

    /** A broken rule: the record's field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    /** The rules {@code record} breaks (empty when it can be counted). */
    public static List<Violation> violations(UsageRecorded record) {
        List<Violation> found = new ArrayList<>();
        if (record == null) {
            found.add(new Violation("", "must be a usage record"));
            return found;
        }
        id(found, "recordId", record.recordId());
        id(found, "operatorId", record.operatorId());
        id(found, "deviceId", record.deviceId());
        UsageRecorded.Interface networkInterface = null;
        if (record.networkInterface() == null) {
            found.add(new Violation("networkInterface", "must be one of CELLULAR, WIFI_OFFLOAD, TETHERED_CLIENT"));
        } else {
            try {
                networkInterface = UsageRecorded.Interface.valueOf(record.networkInterface());
            } catch (IllegalArgumentException e) {
                found.add(new Violation("networkInterface", "must be one of CELLULAR, WIFI_OFFLOAD, TETHERED_CLIENT"));
            }
        }
        if (networkInterface == UsageRecorded.Interface.TETHERED_CLIENT) {
            id(found, "clientId", record.clientId());
        } else if (networkInterface != null && record.clientId() != null) {
            found.add(new Violation("clientId", "must be absent unless networkInterface is TETHERED_CLIENT"));
        }
        if (record.periodStart() == null) {
            found.add(new Violation("periodStart", "is required"));
        }
        if (record.periodEnd() == null) {
            found.add(new Violation("periodEnd", "is required"));
        } else if (record.periodStart() != null && record.periodEnd().isBefore(record.periodStart())) {
            found.add(new Violation("periodEnd", "must not be before periodStart"));
        }
        if (record.bytesUp() < 0) {
            found.add(new Violation("bytesUp", "must not be negative"));
        }
        if (record.bytesDown() < 0) {
            found.add(new Violation("bytesDown", "must not be negative"));
        }
        return found;
    }

    private static void id(List<Violation> found, String field, String value) {
        if (value == null || value.isBlank()) {
            found.add(new Violation(field, "is required"));
        } else if (value.length() > MAX_ID_LENGTH) {
            found.add(new Violation(field, "must be at most " + MAX_ID_LENGTH + " characters"));
        }
    }
}
