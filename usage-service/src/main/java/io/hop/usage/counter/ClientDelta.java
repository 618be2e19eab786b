package io.hop.usage.counter;

import java.time.Instant;

/** What one batch adds to one tethered client's counter of a device and billing period. */
public final class ClientDelta {

    final String operatorId;
    final String deviceId;
    final Instant periodStart;
    final String clientId;
    long bytesUp;
    long bytesDown;

    ClientDelta(String operatorId, String deviceId, Instant periodStart, String clientId) {
        this.operatorId = operatorId;
        this.deviceId = deviceId;
        this.periodStart = periodStart;
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }

    public long bytesUp() {
        return bytesUp;
    }

    public long bytesDown() {
        return bytesDown;
    }
}
