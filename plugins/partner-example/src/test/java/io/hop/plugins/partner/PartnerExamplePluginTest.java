package io.hop.plugins.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.KeyValueStore;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.Notifier;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginFiles;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.ScanContext;

class PartnerExamplePluginTest {

    @Test
    void identifiesTheConfiguredVenuesWhateverTheirCase() throws Exception {
        PartnerExamplePlugin plugin = new PartnerExamplePlugin();
        plugin.start(new PluginContext() {
            public String pluginId() {
                return "partner-example";
            }

            public PluginHttpClient http() {
                throw new UnsupportedOperationException();
            }

            public Notifier notifier() {
                throw new UnsupportedOperationException();
            }

            public KeyValueStore store(String operatorId) {
                throw new UnsupportedOperationException();
            }

            public Map<String, String> config() {
                return Map.of("ssids", "Venue A, Venue B", "display-name", "Venues");
            }

            public Optional<String> secret(String name) {
                return Optional.empty();
            }

            public PluginFiles files() {
                return name -> Optional.empty();
            }
        });
        var ids = plugin.identify(new ScanContext("acme", "dev-1", true),
                List.of(new Network("venue a", "aa:00:00:00:00:01", "OPEN", -50, null),
                        new Network("Elsewhere", "aa:00:00:00:00:02", "OPEN", -50, null)));
        assertEquals(1, ids.size());
        assertEquals("aa:00:00:00:00:01", ids.get(0).bssid());
        assertEquals(AuthMethod.OPEN, ids.get(0).authMethod());
        assertEquals("Venues", ids.get(0).displayMask());
    }
}
