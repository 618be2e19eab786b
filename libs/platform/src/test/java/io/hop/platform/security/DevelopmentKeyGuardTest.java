package io.hop.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which verification settings trust the development key (the production profile then refuses to start). */
class DevelopmentKeyGuardTest {

    private static List<String> reasons(String location, String inlineKey, String issuer) {
        return DevelopmentKeyGuard.reasonsToRefuse(Optional.ofNullable(location), Optional.ofNullable(inlineKey),
                Optional.ofNullable(issuer), DevelopmentKeyGuard::readLocalKey);
    }

    @Test
    void thePlatformDefaultsTrustTheDevelopmentKey() {
        assertEquals(2, reasons("hop/dev-jwt/public-key.pem", null, "https://hop.local/dev").size());
        assertEquals(1, reasons("classpath:/hop/dev-jwt/public-key.pem", null, "https://idp.example/realms/hop").size());
    }

    @Test
    void aRealIdentityProviderIsNotRefused() {
        assertEquals(List.of(), reasons("https://idp.example/realms/hop/protocol/openid-connect/certs", null,
                "https://idp.example/realms/hop"));
    }

    @Test
    void aCopyOfTheDevelopmentKeyAnywhereIsRefused(@TempDir Path dir) throws Exception {
        String pem = DevelopmentKeyGuard.readLocalKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE).orElseThrow();
        Path copy = Files.writeString(dir.resolve("idp.pem"), pem);

        assertEquals(1, reasons(copy.toString(), null, "https://idp.example/").size());
        assertEquals(1, reasons(copy.toUri().toString(), null, "https://idp.example/").size());
        assertEquals(1, reasons(null, pem.replace("\n", ""), "https://idp.example/").size());
    }

    @Test
    void anotherKeyFileIsNotRefused(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("idp.pem"),
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzmVjb3JlYWxrZXk=\n-----END PUBLIC KEY-----\n");
        assertTrue(reasons(other.toString(), null, "https://idp.example/").isEmpty());
    }
}
