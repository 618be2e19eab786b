package io.hop.entitlement.session;

/**
 * A request the session's rules refuse (plain Java; the resource answers it as problem+json).
 *
 * @param status HTTP status: 409 for a limit or state conflict, 404 for an unknown client
 * @param reason machine-readable, e.g. MAX_USERS_REACHED
 */
public final class SharingRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public SharingRefused(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
