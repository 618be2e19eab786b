package io.hop.contracts.usage;

import java.time.Instant;

/**
 * One usage record: bytes a device moved over one interface during {@code periodStart..periodEnd} (event
 * {@link UsageEvents#RECORD_REPORTED} on {@code usage.records.v1}, key: the device id). Devices and network probes
 * report them; usage-service counts each {@code recordId} once into the device's counters of the billing period.
 *
 * @param recordId    the reporter's id of this record (idempotency key of {@code POST /v1/usage-records})
 * @param operatorId  the device's operator
 * @param deviceId    the device that moved the bytes
 * @param networkInterface {@code CELLULAR}, {@code WIFI_OFFLOAD} or {@code TETHERED_CLIENT} ({@link Interface})
 * @param clientId    the tethered client (required for {@code TETHERED_CLIENT}, else null)
 * @param periodStart start of the measured interval
 * @param periodEnd   end of the measured interval (not before {@code periodStart})
 * @param bytesUp     bytes sent (not negative)
 * @param bytesDown   bytes received (not negative)
 * @param roaming     whether the device was roaming
 */
public record UsageRecorded(String recordId, String operatorId, String deviceId, String networkInterface,
        String clientId, Instant periodStart, Instant periodEnd, long bytesUp, long bytesDown, boolean roaming) {

    /** The interfaces a record may name. */
    public enum Interface {
        CELLULAR, WIFI_OFFLOAD, TETHERED_CLIENT
    }
}
