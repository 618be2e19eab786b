package io.hop.readmodel.profiles;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.JsonStateTable;

/**
 * The hotspot offload profiles this service knows (table {@code known_hotspot_profile}), kept from
 * {@link ProvisioningEvents#HOTSPOT_PROFILE_CHANGED} events and {@code hotspot-profile:<id>} tombstones; only a newer
 * version replaces the held state. Entity type {@value ProvisioningKeys#HOTSPOT_PROFILE} of
 * {@code hop.readmodel.entities}. Every applied change or deletion gives the operator a new configuration revision
 * ({@link ConfigurationRevisions}), in the same transaction.
 */
@ApplicationScoped
public class HotspotProfileDirectory implements EntityHandler<HotspotProfileChanged> {

    private final JsonStateTable<HotspotProfileChanged> table;

    @Inject
    public HotspotProfileDirectory(DataSource dataSource, Transactor transactor) {
        this.table = new JsonStateTable<>(dataSource, transactor, "known_hotspot_profile", eventType(),
                List.of("profile_id"), List.of("profile_id", "operator_id", "version", "changed_at"),
                new ConfigurationRevisions(dataSource, transactor));
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.HOTSPOT_PROFILE;
    }

    @Override
    public EventType<HotspotProfileChanged> eventType() {
        return ProvisioningEvents.HOTSPOT_PROFILE_CHANGED;
    }

    /** Upserts when the change's version is newer than the one held, in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(HotspotProfileChanged change) {
        Objects.requireNonNull(change, "change");
        return table.upsert("HotspotProfileDirectory.apply", change,
                JsonStateTable.required(change.profileId(), "profileId of a hotspot profile change"),
                JsonStateTable.required(change.operatorId(), "operatorId of hotspot profile " + change.profileId()),
                change.version(), change.changedAt());
    }

    /** Forgets the profile (its tombstone arrived), in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String profileId) {
        return table.delete("HotspotProfileDirectory.delete", Objects.requireNonNull(profileId, "profileId"));
    }

    /** The profile as last applied, if known. */
    public Optional<HotspotProfileChanged> find(String profileId) {
        return table.find(Objects.requireNonNull(profileId, "profileId"));
    }

    /** The operator's profiles, by id. */
    public List<HotspotProfileChanged> listByOperator(String operatorId) {
        return table.listByOperator(operatorId);
    }

    /**
     * The operator's profiles among {@code profileIds}, in the order of {@code profileIds}; ids not held (or of another
     * operator) are left out. One indexed query.
     */
    public List<HotspotProfileChanged> findAll(String operatorId, List<String> profileIds) {
        Objects.requireNonNull(operatorId, "operatorId");
        if (profileIds.isEmpty()) {
            return List.of();
        }
        Map<String, HotspotProfileChanged> held = table.select(
                "select state from known_hotspot_profile where operator_id = ? and profile_id = any(?)",
                List.of(operatorId, profileIds.toArray(String[]::new))).stream()
                .collect(Collectors.toMap(HotspotProfileChanged::profileId, profile -> profile));
        return profileIds.stream().distinct().map(held::get).filter(Objects::nonNull).toList();
    }
}
