package io.hop.plugin.api;

/** How a device authenticates on a hotspot network. */
public enum AuthMethod {
    OPEN, WISPR, EAP_SIM, EAP_AKA, EAP_AKA_PRIME
}
