package io.hop.offload.device;

import jakarta.enterprise.context.RequestScoped;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;

/**
 * Whose device a {@code /v1/devices/{deviceId}/...} request means. Device ids are unique within an operator only, so
 * the token's operator says whose device it is: a device token acts for itself only, an operator token for its
 * operator's devices (another operator's device is simply not found), an admin names the operator with
 * {@code ?operatorId=}.
 */
@RequestScoped
public class DeviceAccess {

    private final Caller caller;

    DeviceAccess(Caller caller) {
        this.caller = caller;
    }

    /** The operator of {@code deviceId} for this caller, after checking the caller may act for the device (else 404). */
    public String operatorOf(String deviceId, String operatorIdParam) {
        String operator = caller.isAdmin() ? operatorIdParam : caller.operatorId().orElse(null);
        if (operator == null || operator.isBlank()) {
            throw ValidationProblem.of("operatorId", "is required for an admin token");
        }
        caller.requireDevice(deviceId, operator);
        return operator;
    }
}
