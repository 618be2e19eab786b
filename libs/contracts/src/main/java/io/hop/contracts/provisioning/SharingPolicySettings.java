package io.hop.contracts.provisioning;

import java.util.List;

/**
 * The HotSpot (internet sharing) settings of a sharing policy, after validation and with defaults applied: the names
 * and ranges of the operator documents (system.md, "Internet sharing and entitlement").
 *
 * @param enabled                 sharing may be turned on at all ({@code Enabled})
 * @param entitlementRequired     every turn-on and every {@code entitlementInterval} runs an entitlement check
 * @param entitlementProvider     the entitlement provider ({@code EntitlementDll}); null while none is configured,
 *                                and then every check of a policy that requires entitlement fails
 * @param entitlementInterval     seconds between periodic checks while sharing, 0..604800, 0 = none
 * @param maxUsers                simultaneous Wi-Fi clients, 1..8
 * @param maxBluetoothUsers       simultaneous Bluetooth clients, 1..7
 * @param peerlessTimeout         minutes without clients before sharing turns off, 1..120
 * @param publicConnectionTimeout minutes without a cellular connection before sharing turns off, 1..60
 * @param moHelpNumber            phone number shown when sharing fails to start, or null
 * @param moInfoLink              link shown when sharing is disabled or not entitled, or null
 * @param moAppLink               {@code app://<GUID>} link to the operator's app, or null
 * @param moHelpMessage           {@code @<res_dll>,-<str_id>} localized message reference, or null
 * @param dedicatedConnections    the cellular connections used as public connections; empty = any connection
 * @param tetheringNaiConnection  the CDMA tethering NAI connection (also a public connection), or null
 */
public record SharingPolicySettings(
        boolean enabled,
        boolean entitlementRequired,
        String entitlementProvider,
        int entitlementInterval,
        int maxUsers,
        int maxBluetoothUsers,
        int peerlessTimeout,
        int publicConnectionTimeout,
        String moHelpNumber,
        String moInfoLink,
        String moAppLink,
        String moHelpMessage,
        List<String> dedicatedConnections,
        String tetheringNaiConnection) {

    public SharingPolicySettings {
        dedicatedConnections = dedicatedConnections == null ? List.of() : List.copyOf(dedicatedConnections);
    }
}
