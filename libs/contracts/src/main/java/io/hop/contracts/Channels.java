package io.hop.contracts;

/**
 * Messaging channel names. Code refers to channels only through these constants; which Kafka topic a channel
 * maps to is configuration ({@code hop.topics."<channel>"} for outgoing events,
 * {@code mp.messaging.incoming.<channel>.topic} for consumers) in each service's {@code application.properties}.
 */
public final class Channels {

    public static final String PROVISIONING_CHANGES = "provisioning-changes";
    public static final String ENTITLEMENT_DECISIONS = "entitlement-decisions";
    public static final String SHARING_SESSIONS = "sharing-sessions";
    public static final String OFFLOAD_CONNECTIONS = "offload-connections";
    public static final String PLUGIN_REQUESTS = "plugin-requests";
    public static final String PLUGIN_RESULTS = "plugin-results";
    public static final String USAGE_RECORDS = "usage-records";
    public static final String USAGE_ALERTS = "usage-alerts";
    public static final String NOTIFICATIONS = "notifications";

    private Channels() {
    }
}
