package io.hop.platform.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/**
 * Who calls, from the verified bearer token: claims {@code operator}, {@code groups} and {@code sub}. Resources use it
 * to scope what a caller may see: an operator token sees only its operator, a device token only its device; for
 * anything else the resource answers 404, so that the existence of other operators' resources is not revealed.
 */
@RequestScoped
public class Caller {

    /** Claim holding the operator id a token acts for. */
    public static final String OPERATOR_CLAIM = "operator";

    private final JsonWebToken token;

    @Inject
    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public boolean isAdmin() {
        return groups().contains(Roles.ADMIN);
    }

    public boolean isDevice() {
        return groups().contains(Roles.DEVICE);
    }

    public boolean isOperator() {
        return groups().contains(Roles.OPERATOR);
    }

    /** The operator the token acts for ({@code operator} claim); empty for admins. */
    public Optional<String> operatorId() {
        Object claim = token.getClaim(OPERATOR_CLAIM);
        if (claim instanceof JsonString json) {
            claim = json.getString();
        }
        return claim == null || claim.toString().isBlank() ? Optional.empty() : Optional.of(claim.toString());
    }

    /** The token's {@code sub}: the device id for device tokens. */
    public String subject() {
        requireAuthenticated();
        return token.getSubject();
    }

    /**
     * Admin passes; an operator or device token of the same operator passes; anything else gets
     * {@link NotFoundException} (404: the resource's existence is not revealed).
     */
    public void requireOperator(String operatorId) {
        requireAuthenticated();
        if (isAdmin()) {
            return;
        }
        if ((isOperator() || isDevice()) && operatorId != null && operatorId.equals(operatorId().orElse(null))) {
            return;
        }
        throw notFound();
    }

    /**
     * Admin passes; a device token whose {@code sub} is {@code deviceId} passes; an operator token passes only if
     * {@link #requireOperator(String) requireOperator(operatorIdOfDevice)} would; anything else gets
     * {@link NotFoundException}.
     *
     * @param operatorIdOfDevice the operator the device belongs to, as the caller knows it (null when unknown)
     */
    public void requireDevice(String deviceId, String operatorIdOfDevice) {
        requireAuthenticated();
        if (isAdmin()) {
            return;
        }
        if (isDevice()) {
            if (deviceId != null && deviceId.equals(token.getSubject())) {
                return;
            }
            throw notFound();
        }
        if (isOperator() && operatorIdOfDevice != null && operatorIdOfDevice.equals(operatorId().orElse(null))) {
            return;
        }
        throw notFound();
    }

    private Set<String> groups() {
        Set<String> groups = token.getGroups();
        return groups == null ? Set.of() : groups;
    }

    private void requireAuthenticated() {
        if (token.getRawToken() == null) {
            throw new UnauthorizedException("a bearer token is required");
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("not found");
    }

    @Override
    public String toString() {
        return "Caller[" + Objects.toString(token.getSubject(), "anonymous") + ", groups=" + groups() + "]";
    }
}
