package io.hop.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PluginApiTest {

    @Test
    void providedCredentialsNeverPrintTheirPassword() {
        String text = new CredentialsOutcome.ProvideCredentials("alice", "s3cret!").toString();
        assertFalse(text.contains("s3cret!"), text);
    }

    @Test
    void responseHeadersAreFoundWhateverTheirCase() {
        var response = new PluginHttpClient.Response(302, Map.of("Location", List.of("https://login.example/")), null);
        assertEquals("https://login.example/", response.header("location"));
        assertNull(response.header("Retry-After"));
    }

    @Test
    void anIdentificationNeedsAnAuthenticationMethod() {
        assertThrows(IllegalArgumentException.class,
                () -> Identification.of("aa:bb:cc:dd:ee:ff", "Acme", 1, null, null));
    }

    @Test
    void requestsWithoutABearerMayLeaveThroughAny() {
        var request = new PluginHttpClient.Request("GET", java.net.URI.create("https://x.example/"), null, null, null);
        assertEquals(PluginHttpClient.Bearer.ANY, request.bearer());
    }
}
