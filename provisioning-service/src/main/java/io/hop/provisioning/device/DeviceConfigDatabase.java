package io.hop.provisioning.device;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;

/**
 * The reactive PostgreSQL client of {@code GET /v1/devices/{id}/config}, the devices' hot path: the device's row is
 * read from the event loop that received the request, with no hand-off to a worker thread and back. On a small pod
 * each hand-off is a futex wake-up and a context switch, and their scheduling tail was most of that request's p99
 * (docs/benchmarks.md, device-config). The pooled client pipelines concurrent requests' queries over a few
 * connections ({@code hop.provisioning.device-config.connections}, counted in deploy/README.md's connection budget).
 *
 * <p>It is built from the service's JDBC settings ({@code quarkus.datasource.jdbc.url}, username, password), so a
 * deployment configures one database URL, not a second, reactive one that could drift from it.
 */
@Startup // a URL this client cannot follow stops the service at start, not at a device's first request
@ApplicationScoped
public class DeviceConfigDatabase {

    private static final String JDBC_PREFIX = "jdbc:";

    private final SqlClient client;

    DeviceConfigDatabase(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "hop.provisioning.device-config.connections") int connections) {
        PgConnectOptions options = connectOptions(jdbcUrl, user, password.orElse(null), applicationName);
        this.client = PgBuilder.client().with(new PoolOptions().setMaxSize(connections)).connectingTo(options)
                .using(vertx).build();
    }

    public SqlClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The reactive client's options for a PostgreSQL JDBC URL ({@code jdbc:postgresql://host[:port]/database[?…]}).
     * Of the URL's parameters, {@code sslmode} (with libpq's meaning: {@code require} encrypts without verifying the
     * server's certificate, as the JDBC driver does), {@code sslrootcert} and {@code ApplicationName} apply; the others are the JDBC
     * driver's own and do not concern this client.
     *
     * @throws IllegalArgumentException when the URL is not a single-host PostgreSQL JDBC URL
     */
    static PgConnectOptions connectOptions(String jdbcUrl, String user, String password, String applicationName) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX + "postgresql://")) {
            throw new IllegalArgumentException("quarkus.datasource.jdbc.url must be jdbc:postgresql://host[:port]/database"
                    + " for the device configuration's reactive client, not " + jdbcUrl);
        }
        String url = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        if (base.substring("postgresql://".length()).contains(",")) {
            throw new IllegalArgumentException("the device configuration's reactive client connects to one host; "
                    + "quarkus.datasource.jdbc.url names several: " + jdbcUrl);
        }
        PgConnectOptions options = PgConnectOptions.fromUri(base).setUser(user).setPassword(password)
                .setCachePreparedStatements(true);
        options.getProperties().put("application_name", applicationName);
        String sslmode = null;
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                int eq = parameter.indexOf('=');
                String name = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("sslmode")) {
                    sslmode = value;
                    SslMode mode = SslMode.of(value);
                    options.setSslMode(mode);
                    if (mode == SslMode.ALLOW || mode == SslMode.PREFER || mode == SslMode.REQUIRE) {
                        options.setTrustAll(true); // libpq and the JDBC driver: encrypted, the certificate unchecked
                    } else if (mode == SslMode.VERIFY_FULL) {
                        options.setHostnameVerificationAlgorithm("HTTPS");
                    }
                } else if (name.equals("sslrootcert")) {
                    options.setTrustOptions(new PemTrustOptions().addCertPath(value));
                } else if (name.equals("ApplicationName")) {
                    options.getProperties().put("application_name", value);
                }
            }
        }
        if ((options.getSslMode() == SslMode.VERIFY_CA || options.getSslMode() == SslMode.VERIFY_FULL)
                && options.getTrustOptions() == null) {
            throw new IllegalArgumentException("sslmode=" + sslmode + " needs the CA's certificate:"
                    + " add sslrootcert=<path of a PEM file> to quarkus.datasource.jdbc.url");
        }
        return options;
    }
}
