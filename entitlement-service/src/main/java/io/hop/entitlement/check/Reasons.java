package io.hop.entitlement.check;

/** The machine-readable reasons of entitlement decisions (also in docs/entitlement-webhook.md). */
public final class Reasons {

    public static final String ENTITLEMENT_NOT_REQUIRED = "ENTITLEMENT_NOT_REQUIRED";
    public static final String ENTITLEMENT_PROVIDER_MISSING = "ENTITLEMENT_PROVIDER_MISSING";
    public static final String NO_SHARING_POLICY = "NO_SHARING_POLICY";
    public static final String ALLOW_ALL = "ALLOW_ALL";
    public static final String ALLOWANCE_AVAILABLE = "TETHERING_ALLOWANCE_AVAILABLE";
    public static final String ALLOWANCE_EXHAUSTED = "TETHERING_ALLOWANCE_EXHAUSTED";
    public static final String BACKEND_TIMEOUT = "BACKEND_TIMEOUT";
    public static final String BACKEND_UNREACHABLE = "BACKEND_UNREACHABLE";
    public static final String BACKEND_ERROR = "BACKEND_ERROR";
    public static final String BACKEND_REFUSED_REQUEST = "BACKEND_REFUSED_REQUEST";
    public static final String BACKEND_MALFORMED_ANSWER = "BACKEND_MALFORMED_ANSWER";
    public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
    public static final String BACKEND_BUSY = "BACKEND_BUSY";
    public static final String PROVIDER_SECRET_UNREADABLE = "PROVIDER_SECRET_UNREADABLE";

    private Reasons() {
    }
}
