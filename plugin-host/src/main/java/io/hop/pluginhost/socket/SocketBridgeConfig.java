package io.hop.pluginhost.socket;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * UNIX datagram sockets that feed plugin operations, e.g. for hostapd's eap_sim_db:
 *
 * <pre>
 * hop.socket-bridges.bridges.hostapd.path=/run/hop/eap_sim_db.sock
 * hop.socket-bridges.bridges.hostapd.plugin=eap-aka
 * hop.socket-bridges.bridges.hostapd.operation=eap-sim-db
 * hop.socket-bridges.bridges.hostapd.operator=acme
 * </pre>
 */
@ConfigMapping(prefix = "hop.socket-bridges")
public interface SocketBridgeConfig {

    /** The bridges by name. */
    Map<String, Bridge> bridges();

    interface Bridge {
        /** The socket file to bind. */
        String path();

        /** The plugin whose operation the datagrams call. */
        String plugin();

        /** The operation's name. */
        String operation();

        /** The operator the calls are made for (one the plugin serves). */
        String operator();
    }
}
