package io.hop.pluginhost.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.hop.plugin.api.PluginHttpClient;

/** The HTTP and files capabilities keep a plugin inside what its manifest and folder allow. */
class CapabilityLimitsTest {

    final AllowListHttpClient http = new AllowListHttpClient("p", List.of("api.acme.example", "127.0.0.1:8443"),
            Duration.ofSeconds(1), null);

    @Test
    void onlyTheManifestsHostsAndPortsAreReachable() {
        assertEquals("api.acme.example", http.checked(URI.create("https://API.acme.example/x")).getHost().toLowerCase());
        http.checked(URI.create("https://127.0.0.1:8443/x"));
        for (String refused : List.of("https://evil.example/", "https://127.0.0.1:9999/", "http://127.0.0.1/",
                "ftp://api.acme.example/", "https://user@api.acme.example/", "/relative",
                "https://api.acme.example.evil.example/")) {
            assertThrows(SecurityException.class, () -> http.checked(URI.create(refused)), refused);
        }
    }

    @Test
    void aForbiddenHostFailsTheStageBeforeAnyConnection() {
        var stage = http.send(PluginHttpClient.Request.get(URI.create("https://evil.example/"),
                PluginHttpClient.Bearer.CELLULAR)).toCompletableFuture();
        var e = assertThrows(CompletionException.class, stage::join);
        assertInstanceOf(SecurityException.class, e.getCause());
        assertEquals(0L, http.bearerCounts().get(PluginHttpClient.Bearer.CELLULAR));
    }

    @Test
    void filesAreReadOnlyInsideThePluginsFolder(@TempDir Path dir) throws Exception {
        Path plugin = Files.createDirectory(dir.resolve("plugin"));
        Files.writeString(plugin.resolve("ssids.txt"), "Acme WiFi");
        Files.writeString(dir.resolve("secret.txt"), "host secret");
        Files.createSymbolicLink(plugin.resolve("link.txt"), dir.resolve("secret.txt"));
        DirectoryFiles files = new DirectoryFiles(plugin);
        assertEquals("Acme WiFi", new String(files.read("ssids.txt").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(files.read("missing.txt").isEmpty());
        assertThrows(SecurityException.class, () -> files.read("../secret.txt"));
        assertThrows(SecurityException.class, () -> files.read(dir.resolve("secret.txt").toString()));
        assertThrows(SecurityException.class, () -> files.read("link.txt"));
        assertTrue(new DirectoryFiles(null).read("ssids.txt").isEmpty(), "a bare JAR has no files");
    }
}
