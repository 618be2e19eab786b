package io.hop.provisioning.profile;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.crypto.SecretBox;
import io.hop.platform.problem.ValidationProblem;
import io.hop.provisioning.entity.EntityStore;
import io.hop.provisioning.entity.EntityTable.Stored;
import io.hop.provisioning.version.ProvisioningChanges;
import io.quarkus.runtime.StartupEvent;

/**
 * Hotspot offload profiles. Every change is one transaction: the current row, its immutable version and its event
 * ({@link ProvisioningChanges}). A static WISPr password is sealed ({@link SecretBox}) before it is stored or
 * published; on replace, an omitted password keeps the one already set (clients cannot read it back to resend it).
 */
@ApplicationScoped
public class HotspotProfileService {

    private final EntityStore<HotspotProfileChanged> profiles;
    private final SecretBox secrets;

    HotspotProfileService(DataSource dataSource, ProvisioningChanges changes, SecretBox secrets) {
        this.profiles = new EntityStore<>(dataSource, changes, "hotspot_profile", ProvisioningKeys.HOTSPOT_PROFILE,
                ProvisioningEvents.HOTSPOT_PROFILE_CHANGED, "hotspot profile");
        this.secrets = secrets;
    }

    /**
     * Builds this service, and with it the secret box, at start: a deployment without {@code hop.secrets.key} fails
     * now rather than at its first WISPr profile.
     */
    void onStart(@Observes StartupEvent event) {
        // nothing else to do: observing the event created the bean
    }

    /** Creates a profile at version 1 (400 with every violated rule, and nothing stored, when it is not valid). */
    @Transactional
    public HotspotProfileChanged create(String operatorId, HotspotProfileRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        HotspotProfileValidation.validate(request, false, "", problems);
        problems.throwIfAny();
        return createValid(operatorId, request);
    }

    /**
     * Creates a profile already validated with {@link HotspotProfileValidation} (e.g. as part of a whole imported
     * document), in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public HotspotProfileChanged createValid(String operatorId, HotspotProfileRequest request) {
        String id = UUID.randomUUID().toString();
        HotspotProfileChanged state = stateOf(operatorId, id, request, null, 1, EntityStore.now());
        profiles.create(operatorId, id, state, state.changedAt());
        return state;
    }

    /** Replaces profile {@code id} if it is still at {@code request.version()}: otherwise 409, and nothing changes. */
    @Transactional
    public HotspotProfileChanged replace(String operatorId, String id, HotspotProfileRequest request) {
        Stored<HotspotProfileChanged> current = profiles.current(operatorId, id);
        ValidationProblem.Builder problems = ValidationProblem.builder();
        problems.addIf(request.version() == null, "version", "is required: the version you read");
        HotspotProfileValidation.validate(request, hasStaticPassword(current.state()), "", problems);
        problems.throwIfAny();
        HotspotProfileChanged state = stateOf(operatorId, id, request, current.state(), request.version() + 1,
                EntityStore.now());
        profiles.replace(operatorId, current, request.version(), state, state.changedAt());
        return state;
    }

    /** Deletes profile {@code id}: a deletion version and a tombstone. */
    @Transactional
    public void delete(String operatorId, String id) {
        profiles.delete(operatorId, id, EntityStore.now());
    }

    public HotspotProfileChanged find(String operatorId, String id) {
        return profiles.find(operatorId, id);
    }

    public List<HotspotProfileChanged> list(String operatorId) {
        return profiles.list(operatorId);
    }

    private HotspotProfileChanged stateOf(String operatorId, String id, HotspotProfileRequest request,
            HotspotProfileChanged previous, long version, Instant at) {
        HotspotProfileChanged.WisprSettings wispr = null;
        HotspotProfileRequest.Wispr w = request.wispr();
        if (w != null) {
            boolean isStatic = "STATIC".equals(w.credentials());
            String sealed = null;
            if (isStatic) {
                sealed = w.password() != null ? secrets.seal(w.password())
                        : previous.wispr().encryptedPassword(); // validation allowed the omission: one is set
            }
            wispr = new HotspotProfileChanged.WisprSettings(w.credentials(), isStatic ? w.username() : null, sealed,
                    w.trustedLoginDomains(), w.loginUrl());
        }
        List<String> ois = request.roamingConsortiumOis().stream().map(oi -> oi.toUpperCase(Locale.ROOT)).toList();
        return new HotspotProfileChanged(operatorId, id, request.displayName(), request.ssids(), request.naiRealms(),
                request.plmnIds(), ois, request.relation(), request.authMethod(), wispr, request.preference(),
                request.priority(), version, at);
    }

    private static boolean hasStaticPassword(HotspotProfileChanged state) {
        return state.wispr() != null && "STATIC".equals(state.wispr().credentials())
                && state.wispr().encryptedPassword() != null;
    }
}
