package io.hop.provisioning.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/** The reactive client connects where the JDBC datasource does, with the same credentials and TLS mode. */
class DeviceConfigDatabaseTest {

    static PgConnectOptions optionsOf(String jdbcUrl) {
        return DeviceConfigDatabase.connectOptions(jdbcUrl, "prov", "secret", "provisioning-service");
    }

    @Test
    void theJdbcUrlsHostPortDatabaseAndCredentialsAreTheClients() {
        PgConnectOptions options = optionsOf("jdbc:postgresql://db.internal:6543/provisioning");
        assertEquals("db.internal", options.getHost());
        assertEquals(6543, options.getPort());
        assertEquals("provisioning", options.getDatabase());
        assertEquals("prov", options.getUser());
        assertEquals("secret", options.getPassword());
        assertEquals("provisioning-service", options.getProperties().get("application_name"));
        assertEquals(SslMode.DISABLE, options.getSslMode());
    }

    @Test
    void withoutAPortThePostgresPortIsUsed() {
        PgConnectOptions options = optionsOf("jdbc:postgresql://postgres/provisioning");
        assertEquals(5432, options.getPort());
        assertEquals("provisioning", options.getDatabase());
    }

    @Test
    void sslmodeRequireEncryptsWithoutVerifyingAsLibpqAndTheJdbcDriverDo() {
        PgConnectOptions options = optionsOf(
                "jdbc:postgresql://hop-postgres-rw:5432/provisioning?sslmode=require&reWriteBatchedInserts=true");
        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertTrue(options.isTrustAll());
        assertFalse(options.getProperties().containsKey("reWriteBatchedInserts"),
                "the JDBC driver's own parameters are not sent to the server");
    }

    @Test
    void sslmodeVerifyFullChecksTheCertificateAgainstSslrootcertAndTheHostName() {
        PgConnectOptions options = optionsOf("jdbc:postgresql://db:5432/provisioning?sslmode=verify-full"
                + "&sslrootcert=/etc/ssl/pg/ca.crt&ApplicationName=prov-7");
        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertFalse(options.isTrustAll());
        assertEquals("HTTPS", options.getHostnameVerificationAlgorithm());
        assertEquals(List.of("/etc/ssl/pg/ca.crt"), ((PemTrustOptions) options.getTrustOptions()).getCertPaths());
        assertEquals("prov-7", options.getProperties().get("application_name"));
    }

    @Test
    void verifyingWithoutTheCasCertificateIsRefusedAtStartWithTheFix() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> optionsOf("jdbc:postgresql://db/provisioning?sslmode=verify-ca"));
        assertTrue(refused.getMessage().contains("sslmode=verify-ca"), refused.getMessage());
        assertTrue(refused.getMessage().contains("sslrootcert"), refused.getMessage());
    }

    @Test
    void aUrlTheClientCannotFollowIsRefusedAtStart() {
        IllegalArgumentException severalHosts = assertThrows(IllegalArgumentException.class,
                () -> optionsOf("jdbc:postgresql://a:5432,b:5432/provisioning"));
        assertTrue(severalHosts.getMessage().contains("one host"), severalHosts.getMessage());
        IllegalArgumentException notPostgres = assertThrows(IllegalArgumentException.class,
                () -> optionsOf("jdbc:h2:mem:x"));
        assertTrue(notPostgres.getMessage().contains("jdbc:postgresql://"), notPostgres.getMessage());
    }
}
