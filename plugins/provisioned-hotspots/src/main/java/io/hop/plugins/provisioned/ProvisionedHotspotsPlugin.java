package io.hop.plugins.provisioned;

import java.util.List;

import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.ScanContext;

/**
 * Built-in plugin: identifies networks from the operator's hotspot profiles, which the host keeps from
 * {@code provisioning.changes.v1} and hands over through {@link PluginContext#hotspotProfiles(String)}.
 */
public class ProvisionedHotspotsPlugin implements HotspotPlugin {

    private volatile PluginContext context;

    @Override
    public void start(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        return ProfileMatcher.identify(context.hotspotProfiles(scan.operatorId()), networks);
    }
}
