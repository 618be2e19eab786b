package io.hop.pluginhost.loading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PluginManifestTest {

    @Test
    void aCompleteManifestGivesEverySetting() {
        PluginManifest m = PluginManifest.parse(Map.ofEntries(Map.entry("id", "good"), Map.entry("version", "1.0"),
                Map.entry("operators", "acme, globex"), Map.entry("rank", "20"),
                Map.entry("allowed-hosts", "API.acme.example,127.0.0.1:8443"), Map.entry("timeout", "PT2S"),
                Map.entry("timeout.identify", "PT0.5S"), Map.entry("executor.threads", "3"),
                Map.entry("executor.queue", "8"), Map.entry("quarantine.after-failures", "4"),
                Map.entry("quarantine.pause", "PT1M"), Map.entry("config.greeting", "hi")));
        assertEquals("good", m.id());
        assertTrue(m.serves("acme") && m.serves("globex"));
        assertFalse(m.serves("initech"));
        assertEquals(List.of("api.acme.example", "127.0.0.1:8443"), m.allowedHosts());
        assertEquals(Duration.ofMillis(500), m.timeoutOf("identify"));
        assertEquals(Duration.ofSeconds(2), m.timeoutOf("post-connect"));
        assertEquals(3, m.executorThreads());
        assertEquals(8, m.executorQueue());
        assertEquals(4, m.quarantineAfterFailures());
        assertEquals(Duration.ofMinutes(1), m.quarantinePause());
        assertEquals(Map.of("greeting", "hi"), m.settings());
    }

    @Test
    void aStarServesEveryOperator() {
        PluginManifest m = PluginManifest.parse(Map.of("id", "x", "version", "1", "operators", "*", "rank", "1"));
        assertTrue(m.serves("anyone"));
        assertFalse(m.serves(null));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        var e = assertThrows(PluginManifest.InvalidManifestException.class,
                () -> PluginManifest.parse(Map.of("id", "Bad Id", "operators", "", "rank", "-1",
                        "allowed-hosts", "http://x", "timeout", "2s", "timeout.dance", "PT1S",
                        "executor.threads", "0")));
        List<String> problems = e.problems();
        for (String field : List.of("id:", "version:", "operators:", "rank:", "allowed-hosts:", "timeout:",
                "timeout.dance:", "executor.threads:")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field)), field + " in " + problems);
        }
    }

    @Test
    void theDeploymentsAllowedHostsReplaceTheManifestsAndFollowItsRules() {
        PluginManifest m = PluginManifest.parse(Map.of("id", "wispr", "version", "1", "operators", "*", "rank", "9",
                "allowed-hosts", "old.example"));
        PluginManifest deployed = m.withAllowedHosts(List.of("API.acme.example:8443", " auth.acme.example", ""));
        assertEquals(List.of("api.acme.example:8443", "auth.acme.example"), deployed.allowedHosts());
        assertEquals(m.rank(), deployed.rank());
        assertEquals(List.of(), m.withAllowedHosts(List.of()).allowedHosts(), "a deployment may narrow to nothing");
        var e = assertThrows(PluginManifest.InvalidManifestException.class,
                () -> m.withAllowedHosts(List.of("https://api.acme.example/x")));
        assertTrue(e.problems().get(0).startsWith("hop.plugin-host.plugins.\"wispr\".allowed-hosts:"), e.getMessage());
    }
}
