package io.hop.provisioning.device;

import java.util.regex.Pattern;

import io.hop.platform.problem.ValidationProblem;

/** The rules of a device's id and hardware ids, as plain Java (every violation at once). */
public final class DeviceValidation {

    /** A device id is the {@code sub} of its tokens: letters, digits and {@code . _ : @ -}, at most 200. */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");
    private static final Pattern IMSI = Pattern.compile("[0-9]{6,15}");
    private static final Pattern ICCID = Pattern.compile("[0-9]{18,22}");
    private static final int MAX_TEXT = 200;

    private DeviceValidation() {
    }

    public static boolean validDeviceId(String deviceId) {
        return deviceId != null && DEVICE_ID.matcher(deviceId).matches();
    }

    public static void validate(String deviceId, DeviceRequest request, ValidationProblem.Builder problems) {
        problems.addIf(!validDeviceId(deviceId), "deviceId",
                "must be 1 to 200 letters, digits or '.', '_', ':', '@', '-', starting with a letter or digit");
        if (request == null) {
            problems.add("body", "is required");
            return;
        }
        problems.addIf(request.imsi() != null && !IMSI.matcher(request.imsi()).matches(), "imsi", "must be 6 to 15 digits");
        problems.addIf(request.iccid() != null && !ICCID.matcher(request.iccid()).matches(), "iccid",
                "must be 18 to 22 digits");
        text(request.providerId(), "providerId", problems);
        text(request.providerName(), "providerName", problems);
        problems.addIf(request.imsi() == null && request.iccid() == null && request.providerId() == null
                && request.providerName() == null, "body", "at least one of imsi, iccid, providerId, providerName is required");
    }

    private static void text(String value, String field, ValidationProblem.Builder problems) {
        if (value != null) {
            problems.addIf(value.isBlank(), field, "must not be blank");
            problems.addIf(value.length() > MAX_TEXT, field, "must be at most " + MAX_TEXT + " characters");
        }
    }
}
