package io.hop.provisioning.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.crypto.SecretBox;
import io.hop.platform.problem.ValidationProblem;
import io.hop.provisioning.entity.EntityStore;
import io.hop.provisioning.entity.EntityTable.Stored;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * Plans. Every change is one transaction: the current row, its immutable version and its event
 * ({@link ProvisioningChanges}). An APN password is sealed ({@link SecretBox}); on replace, an omitted password keeps
 * the one already set.
 */
@ApplicationScoped
public class PlanService {

    private final EntityStore<PlanChanged> plans;
    private final SecretBox secrets;

    PlanService(DataSource dataSource, ProvisioningChanges changes, SecretBox secrets) {
        this.plans = new EntityStore<>(dataSource, changes, "plan", ProvisioningKeys.PLAN,
                ProvisioningEvents.PLAN_CHANGED, "plan");
        this.secrets = secrets;
    }

    /** Creates a plan at version 1 (400 with every violated rule, and nothing stored, when it is not valid). */
    @Transactional
    public PlanChanged create(String operatorId, PlanRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        PlanValidation.validate(request, "", problems);
        problems.throwIfAny();
        return createValid(operatorId, request);
    }

    /** Creates a plan already validated with {@link PlanValidation}, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PlanChanged createValid(String operatorId, PlanRequest request) {
        String id = UUID.randomUUID().toString();
        PlanChanged state = stateOf(operatorId, id, request, null, 1, EntityStore.now());
        plans.create(operatorId, id, state, state.changedAt());
        return state;
    }

    /** Replaces plan {@code id} if it is still at {@code request.version()}: otherwise 409, and nothing changes. */
    @Transactional
    public PlanChanged replace(String operatorId, String id, PlanRequest request) {
        Stored<PlanChanged> current = plans.current(operatorId, id);
        ValidationProblem.Builder problems = ValidationProblem.builder();
        problems.addIf(request.version() == null, "version", "is required: the version you read");
        PlanValidation.validate(request, "", problems);
        problems.throwIfAny();
        PlanChanged state = stateOf(operatorId, id, request, current.state(), request.version() + 1, EntityStore.now());
        plans.replace(operatorId, current, request.version(), state, state.changedAt());
        return state;
    }

    /** Deletes plan {@code id}: a deletion version and a tombstone. */
    @Transactional
    public void delete(String operatorId, String id) {
        plans.delete(operatorId, id, EntityStore.now());
    }

    public PlanChanged find(String operatorId, String id) {
        return plans.find(operatorId, id);
    }

    public List<PlanChanged> list(String operatorId) {
        return plans.list(operatorId);
    }

    private PlanChanged stateOf(String operatorId, String id, PlanRequest request, PlanChanged previous, long version,
            Instant at) {
        PlanRequest.Validity v = request.validity();
        PlanChanged.Validity validity = v == null ? new PlanChanged.Validity("NONE", null, null, null)
                : new PlanChanged.Validity(v.billingCycle(), v.billingDay(), v.validFrom(), v.validUntil());
        PlanChanged.Apn apn = null;
        PlanRequest.Apn a = request.apn();
        if (a != null) {
            String sealed = a.password() != null ? secrets.seal(a.password())
                    : previous != null && previous.apn() != null ? previous.apn().encryptedPassword() : null;
            apn = new PlanChanged.Apn(a.accessPointName(), a.pdpType() == null ? "IPV4V6" : a.pdpType(), a.username(),
                    sealed);
        }
        return new PlanChanged(operatorId, id, request.name(),
                Boolean.TRUE.equals(request.unlimited()) ? null : request.dataLimitBytes(), request.metered(), validity,
                request.tetheringAllowanceBytes(), request.maxSharingDevices(), apn, version, at);
    }
}
