package io.hop.entitlement.check;

import io.hop.contracts.provisioning.SharingPolicySettings;

/** The operator's help shown with a denial: the sharing policy's MOHelpNumber, MOInfoLink, MOAppLink, MOHelpMessage. */
public record Help(String moHelpNumber, String moInfoLink, String moAppLink, String moHelpMessage) {

    public static final Help NONE = new Help(null, null, null, null);

    public static Help of(SharingPolicySettings settings) {
        return settings == null ? NONE
                : new Help(settings.moHelpNumber(), settings.moInfoLink(), settings.moAppLink(), settings.moHelpMessage());
    }
}
