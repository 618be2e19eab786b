package io.hop.plugins.wispr;

import java.util.List;

import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.ScanContext;

/** Built-in WISPr plugin (filled in below). */
public class WisprPlugin implements HotspotPlugin {

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        return List.of();
    }
}
