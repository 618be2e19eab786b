package io.hop.entitlement.session;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.platform.crypto.SecretBox;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.tx.DataAccessException;

/**
 * The network a device shares: SSID (1-32 bytes UTF-8) and WPA2 passphrase (8-63 printable ASCII), the passphrase
 * sealed with SecretBox before it is stored and never returned or logged.
 */
@ApplicationScoped
public class SharedNetworks {

    private final DataSource dataSource;
    private final SecretBox secrets;

    SharedNetworks(DataSource dataSource, SecretBox secrets) {
        this.dataSource = dataSource;
        this.secrets = secrets;
    }

    /** The body of {@code PUT .../sharing/network}. */
    public record NetworkRequest(String ssid, String passphrase) {
        @Override
        public String toString() {
            return "NetworkRequest[" + ssid + "]"; // never the passphrase
        }
    }

    /** What is shown: the SSID and whether a passphrase is set. */
    public record NetworkView(String ssid, boolean passphraseSet, Instant updatedAt) {
    }

    /** The rules (plain Java). */
    public static void validate(NetworkRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (request == null) {
            throw ValidationProblem.of("body", "must be a JSON object with ssid and passphrase");
        }
        int ssidBytes = request.ssid() == null ? 0 : request.ssid().getBytes(StandardCharsets.UTF_8).length;
        problems.addIf(ssidBytes < 1 || ssidBytes > 32, "ssid", "must be 1-32 bytes (UTF-8)");
        String passphrase = request.passphrase();
        problems.addIf(passphrase == null || passphrase.length() < 8 || passphrase.length() > 63, "passphrase",
                "must be 8-63 characters");
        problems.addIf(passphrase != null && !passphrase.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), "passphrase",
                "must be printable ASCII");
        problems.throwIfAny();
    }

    @Transactional
    public NetworkView put(String operatorId, String deviceId, NetworkRequest request, Instant now) {
        validate(request);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into shared_network (operator_id, device_id, ssid, sealed_passphrase, updated_at)
                        values (?, ?, ?, ?, ?) on conflict (operator_id, device_id) do update
                        set ssid = excluded.ssid, sealed_passphrase = excluded.sealed_passphrase,
                            updated_at = excluded.updated_at""")) {
            upsert.setString(1, operatorId);
            upsert.setString(2, deviceId);
            upsert.setString(3, request.ssid());
            upsert.setString(4, secrets.seal(request.passphrase()));
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot store the shared network of " + deviceId, e);
        }
        return new NetworkView(request.ssid(), true, now);
    }

    public Optional<NetworkView> find(String operatorId, String deviceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select ssid, updated_at from shared_network where operator_id = ? and device_id = ?")) {
            select.setString(1, operatorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new NetworkView(rs.getString(1), true, rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the shared network of " + deviceId, e);
        }
    }
}
