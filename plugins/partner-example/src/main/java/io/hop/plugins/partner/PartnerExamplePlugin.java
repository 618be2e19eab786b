package io.hop.plugins.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.ScanContext;

/**
 * A third-party example: a venue partner's plugin, run by its own host ({@code plugin-host-partner}). It recognizes
 * the partner's venues by SSID (configuration {@code ssids}, comma-separated) and offers them as open networks under
 * the partner's display name. It shows the shape of a plugin an operator's partner writes: a manifest, one class, no
 * dependency beyond the plugin API.
 */
public class PartnerExamplePlugin implements HotspotPlugin {

    private volatile Set<String> ssids = Set.of();
    private volatile String displayName = "Partner WiFi";

    @Override
    public void start(PluginContext context) {
        List<String> list = new ArrayList<>();
        for (String s : context.config().getOrDefault("ssids", "").split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        ssids = Set.copyOf(list);
        displayName = context.config().getOrDefault("display-name", displayName);
    }

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            if (n.ssid() != null && ssids.contains(n.ssid().toLowerCase(Locale.ROOT))) {
                out.add(Identification.of(n.bssid(), n.ssid(), 50, AuthMethod.OPEN, displayName));
            }
        }
        return out;
    }
}
