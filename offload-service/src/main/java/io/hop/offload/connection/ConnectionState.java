package io.hop.offload.connection;

/**
 * The states of a connection (see {@code docs/offload-connection-lifecycle.md}). A hotspot connection goes
 * {@code PRE_CONNECT → CONNECTING → POST_CONNECT → AUTHORIZED}; a plain Wi-Fi connection (no plugin)
 * {@code CONNECTING → CONNECTED}. {@code FAILED} and {@code DISCONNECTED} are final.
 */
public enum ConnectionState {
    /** The owning plugin's pre-connect work was requested; waiting for its result. */
    PRE_CONNECT,
    /** Waiting for the device's {@code CONNECTED} or {@code CONNECT_FAILED}. */
    CONNECTING,
    /** The device is associated; the plugin's post-connect work was requested and the post-connect timer runs. */
    POST_CONNECT,
    /** The plugin authorized the network: the profile is unblocked. */
    AUTHORIZED,
    /** A plain Wi-Fi connection (no plugin work, never blocked) that the device reported connected. */
    CONNECTED,
    /** Given up: retries exhausted (the hotspot profile was deleted) or a plain connection failed. Final. */
    FAILED,
    /** The device left the network. Final. */
    DISCONNECTED;

    public boolean isFinal() {
        return this == FAILED || this == DISCONNECTED;
    }
}
