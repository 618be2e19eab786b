package io.hop.plugins.wispr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.Connection;
import io.hop.plugin.api.CredentialsOutcome;
import io.hop.plugin.api.HotspotProfile;
import io.hop.plugin.api.KeyValueStore;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.Notifier;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginFiles;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.ScanContext;

/** Credentials: the profile's static ones (password opened by the host), or the operator API's four outcomes. */
class WisprCredentialsTest {

    final List<PluginHttpClient.Request> requests = new ArrayList<>();
    volatile String apiAnswer = "{}";

    static HotspotProfile profile(String ssid, HotspotProfile.Wispr wispr) {
        return new HotspotProfile("acme", "p-" + ssid, "Acme Login", List.of(ssid), List.of(), List.of(), List.of(),
                "HOME", AuthMethod.WISPR, wispr, "PREFERRED_OVER_CELLULAR", 4, 1);
    }

    final List<HotspotProfile> profiles = List.of(
            profile("Static", new HotspotProfile.Wispr("STATIC", "alice", "v1:sealed", List.of("acme.example"), null)),
            profile("Generated", new HotspotProfile.Wispr("PLUGIN", null, null, List.of("acme.example"), null)));

    WisprPlugin plugin() {
        WisprPlugin plugin = new WisprPlugin();
        plugin.start(new PluginContext() {
            public String pluginId() {
                return "wispr";
            }

            public PluginHttpClient http() {
                return r -> {
                    requests.add(r);
                    return CompletableFuture.completedFuture(new PluginHttpClient.Response(200, Map.of(),
                            apiAnswer.getBytes(StandardCharsets.UTF_8)));
                };
            }

            public Notifier notifier() {
                throw new UnsupportedOperationException();
            }

            public KeyValueStore store(String operatorId) {
                throw new UnsupportedOperationException();
            }

            public Map<String, String> config() {
                return Map.of("credentials-url", "https://api.acme.example/wispr-credentials");
            }

            public Optional<String> secret(String name) {
                return Optional.of("api-token");
            }

            public PluginFiles files() {
                return n -> Optional.empty();
            }

            public List<HotspotProfile> hotspotProfiles(String operatorId) {
                return operatorId.equals("acme") ? profiles : List.of();
            }

            public String openSealed(String sealed) {
                if (!sealed.equals("v1:sealed")) {
                    throw new IllegalArgumentException("changed");
                }
                return "plain-password";
            }
        });
        return plugin;
    }

    static Connection connection(String ssid) {
        return new Connection("c1", "acme", "dev-1", ssid, null, AuthMethod.WISPR, 1);
    }

    CredentialsOutcome generate(String ssid) {
        return plugin().generateCredentials(connection(ssid)).toCompletableFuture().join();
    }

    @Test
    void staticCredentialsAreTheProfilesUsernameAndItsOpenedPassword() {
        var c = assertInstanceOf(CredentialsOutcome.ProvideCredentials.class, generate("Static"));
        assertEquals("alice", c.username());
        assertEquals("plain-password", c.password());
        assertEquals(0, requests.size());
    }

    @Test
    void generatedCredentialsComeFromTheOperatorsApiOverCellularWithEachOfTheFourOutcomes() {
        apiAnswer = "{\"outcome\":\"PROVIDE_CREDENTIALS\",\"username\":\"u-1\",\"password\":\"p\\\"1\"}";
        var c = assertInstanceOf(CredentialsOutcome.ProvideCredentials.class, generate("Generated"));
        assertEquals("u-1", c.username());
        assertEquals("p\"1", c.password());
        PluginHttpClient.Request r = requests.get(0);
        assertEquals("POST", r.method());
        assertEquals(PluginHttpClient.Bearer.CELLULAR, r.bearer());
        assertEquals(List.of("Bearer api-token"), r.headers().get("Authorization"));
        assertEquals("{\"operatorId\":\"acme\",\"deviceId\":\"dev-1\",\"connectionId\":\"c1\",\"ssid\":\"Generated\"}",
                new String(r.body(), StandardCharsets.UTF_8));

        apiAnswer = "{\"outcome\":\"CANCEL_CONNECTION\",\"reason\":\"quota\"}";
        assertEquals("quota", assertInstanceOf(CredentialsOutcome.CancelConnection.class, generate("Generated"))
                .reason());
        apiAnswer = "{\"outcome\":\"CANCEL_AUTHENTICATION\",\"reason\":\"sim-authenticated\"}";
        assertEquals("sim-authenticated",
                assertInstanceOf(CredentialsOutcome.CancelAuthentication.class, generate("Generated")).reason());
        apiAnswer = "{\"outcome\":\"INTERACT_WITH_USER\",\"prompt\":\"Accept the terms\"}";
        assertEquals("Accept the terms",
                assertInstanceOf(CredentialsOutcome.InteractWithUser.class, generate("Generated")).prompt());
        apiAnswer = "not json";
        assertInstanceOf(CredentialsOutcome.CancelConnection.class, generate("Generated"));
    }

    @Test
    void aNetworkWithoutAWisprProfileIsNotConnected() {
        assertInstanceOf(CredentialsOutcome.CancelConnection.class, generate("Elsewhere"));
    }

    @Test
    void itIdentifiesTheNetworksOfWisprProfilesOnlyForTheirOperator() throws Exception {
        var ids = plugin().identify(new ScanContext("acme", "dev-1", true),
                List.of(new Network("Static", "aa:00:00:00:00:01", "OPEN", -50, null),
                        new Network("Other", "aa:00:00:00:00:02", "OPEN", -50, null)));
        assertEquals(1, ids.size());
        assertEquals(AuthMethod.WISPR, ids.get(0).authMethod());
        assertEquals("Acme Login", ids.get(0).displayMask());
        assertEquals(0, plugin().identify(new ScanContext("globex", "d", true),
                List.of(new Network("Static", "aa:00:00:00:00:01", "OPEN", -50, null))).size());
    }
}
