package io.hop.offload.scan;

/**
 * What one plugin host answered to an identification: {@code response} when it answered, otherwise the
 * {@code outcome} ({@code TIMED_OUT}, {@code CIRCUIT_OPEN}, {@code FAILED}) and why.
 */
public record HostAnswer(String host, String outcome, String detail, PluginHostDtos.IdentificationResponse response) {

    public static final String ANSWERED = "ANSWERED";

    public static HostAnswer answered(String host, PluginHostDtos.IdentificationResponse response) {
        return new HostAnswer(host, ANSWERED, null, response);
    }

    public static HostAnswer failed(String host, String outcome, String detail) {
        return new HostAnswer(host, outcome, detail, null);
    }

    public boolean ok() {
        return response != null;
    }
}
