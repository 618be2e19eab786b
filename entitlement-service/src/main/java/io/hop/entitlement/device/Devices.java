package io.hop.entitlement.device;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.platform.problem.ProblemException;
import io.hop.readmodel.devices.DeviceDirectory;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;

/** A device of this service's read model, with its effective sharing policy and plan ({@link DeviceResolver}). */
@ApplicationScoped
public class Devices {

    private final DeviceResolver resolver;
    private final DeviceDirectory directory;

    Devices(DeviceResolver resolver, DeviceDirectory directory) {
        this.resolver = resolver;
        this.directory = directory;
    }

    /**
     * A known device and what its group assigns (policy and plan may be null).
     *
     * @param configurationRevision its operator's configuration revision, read with the device: the providers are
     *                              taken from memory while it is unchanged ({@code OperatorProviders})
     */
    public record ResolvedDevice(DeviceChanged device, SharingPolicyChanged policy, PlanChanged plan,
            long configurationRevision) {

        public String operatorId() {
            return device.operatorId();
        }

        public String deviceId() {
            return device.deviceId();
        }
    }

    /**
     * One primary-key read while the operator's groups and configuration are unchanged ({@link DeviceResolver}).
     *
     * @throws ProblemException 404 when the operator has no such device
     */
    public ResolvedDevice resolve(String operatorId, String deviceId) {
        DeviceResolver.Resolution resolution = resolver.resolveWithRevision(operatorId, deviceId);
        EffectiveAssignment assignment = resolution.assignment();
        if (assignment.device().isEmpty()) {
            throw ProblemException.notFound("no such device");
        }
        return new ResolvedDevice(assignment.device().get(), assignment.sharingPolicy().orElse(null),
                assignment.plan().orElse(null), resolution.configurationRevision());
    }

    /** The device's effective assignment as the read model has it now (in the caller's transaction, if any). */
    public EffectiveAssignment assignment(String operatorId, String deviceId) {
        return resolver.resolve(operatorId, deviceId);
    }

    /**
     * The id of the operator's device with this IMSI ({@link DeviceDirectory#deviceIdsByImsi}).
     *
     * @throws ProblemException 404 when there is none, 409 when several devices share the IMSI
     */
    public String deviceIdByImsi(String operatorId, String imsi) {
        List<String> ids = directory.deviceIdsByImsi(operatorId, imsi, 2);
        if (ids.isEmpty()) {
            throw ProblemException.notFound("no device with this IMSI");
        }
        if (ids.size() > 1) {
            throw ProblemException.conflict("several devices of the operator have this IMSI: name the device by deviceId");
        }
        return ids.get(0);
    }
}
