package io.hop.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.platform.tx.DataAccessException;
import io.hop.platform.tx.Transactor;

/**
 * The revision of each operator's configuration (table {@code known_configuration_revision}): its sharing policies,
 * plans and hotspot profiles as this service knows them, and whatever the service keeps of its own per operator and
 * holds in memory (entitlement-service: the operator's entitlement providers).
 *
 * <p>The directories of those entity types call {@link #changed} whenever they change or delete a row. A service that
 * caches configuration of its own calls it in the transaction that changes it. Readers learn the revision in the
 * device's statement ({@code DeviceResolver.resolveWithRevision}) and keep their copy per operator in a
 * {@link RevisionCache}: no copy outlives a change, whichever replica sharing the database made it.
 */
@ApplicationScoped
public class ConfigurationRevisions {

    private final DataSource dataSource;
    private final Transactor transactor;

    @Inject
    public ConfigurationRevisions(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    /**
     * Gives the operator's configuration a new revision, in the caller's transaction (one statement): call it in the
     * transaction that changes what readers cache against it.
     */
    public void changed(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        transactor.requireActive("ConfigurationRevisions.changed");
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement upsert = connection.prepareStatement("""
                            insert into known_configuration_revision (operator_id, revision)
                            values (?, nextval('known_configuration_revision_seq'))
                            on conflict (operator_id) do update set revision = excluded.revision""")) {
                upsert.setString(1, operatorId);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The operator's revision as it is now (0 while nothing of its configuration has changed here): one primary-key
     * read, in the caller's transaction if there is one. For a reader with no device statement to carry it
     * (plugin-host's hotspot profiles); read it before {@link RevisionCache#get}.
     */
    public long current(String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select revision from known_configuration_revision where operator_id = ?")) {
            select.setString(1, operatorId);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the configuration revision of operator " + operatorId, e);
        }
    }

    /** Changes {@code operatorId}'s revision, and {@code previousOperatorId}'s when it is another (an entity moved). */
    void changed(String operatorId, String previousOperatorId) {
        changed(operatorId);
        if (previousOperatorId != null && !previousOperatorId.equals(operatorId)) {
            changed(previousOperatorId);
        }
    }
}
