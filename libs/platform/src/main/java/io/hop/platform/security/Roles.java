package io.hop.platform.security;

/** The groups of the {@code groups} token claim, usable in {@code @RolesAllowed}. */
public final class Roles {

    /** Platform administrator: any operator, any device. */
    public static final String ADMIN = "admin";
    /** An operator backend: one operator (claim {@code operator}). */
    public static final String OPERATOR = "operator";
    /** A device: {@code sub} is the device id, claim {@code operator} its operator. */
    public static final String DEVICE = "device";

    private Roles() {
    }
}
