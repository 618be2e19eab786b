package io.hop.platform.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.hop.platform.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;

/**
 * Who calls, from the verified bearer token: claims {@code operator}, {@code groups} and {@code sub}. Resources use it
 * to scope what a caller may see:
 * <ul>
 * <li>an admin token sees everything;</li>
 * <li>an operator token sees its operator's resources ({@link #requireOperator}, {@link #requireOperatorCollection});</li>
 * <li>a device token sees only its own device ({@link #requireDevice}) and never passes an operator-level check.</li>
 * </ul>
 * A single resource the caller may not see answers 404 (its existence is not revealed); a collection of another
 * operator answers 403. The refusals are {@link ProblemException}s without a stack trace: they are answers, and a
 * busy endpoint gives many.
 */
@RequestScoped
public class Caller {

    /** Claim holding the operator id a token acts for. */
    public static final String OPERATOR_CLAIM = "operator";

    private final JsonWebToken token;
    private Set<String> groups;

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
     * One resource of operator {@code operatorId}: an admin passes, an operator token of that operator passes; anything
     * else, device tokens included, gets 404 (the resource's existence is not revealed).
     */
    public void requireOperator(String operatorId) {
        requireAuthenticated();
        if (!isAdmin() && !actsForOperator(operatorId)) {
            throw notFound();
        }
    }

    /**
     * A collection of operator {@code operatorId} (a list, a search, a create under it): an admin passes, an operator
     * token of that operator passes; anything else, device tokens included, gets 403.
     */
    public void requireOperatorCollection(String operatorId) {
        requireAuthenticated();
        if (!isAdmin() && !actsForOperator(operatorId)) {
            throw ProblemException.forbidden("The token does not allow this operation.");
        }
    }

    /**
     * One device: an admin passes; the device's own token passes (its {@code sub} is {@code deviceId} and its
     * {@code operator} claim is the device's operator); an operator token passes for its operator's devices; anything
     * else gets 404.
     *
     * @param operatorIdOfDevice the operator the device belongs to, as the service knows it (null when unknown)
     */
    public void requireDevice(String deviceId, String operatorIdOfDevice) {
        requireAuthenticated();
        if (isAdmin()) {
            return;
        }
        if (isDevice()) {
            if (deviceId != null && deviceId.equals(token.getSubject()) && operatorIdOfDevice != null
                    && operatorIdOfDevice.equals(operatorId().orElse(null))) {
                return;
            }
            throw notFound();
        }
        if (actsForOperator(operatorIdOfDevice)) {
            return;
        }
        throw notFound();
    }

    /** An operator token (not a device's) whose {@code operator} claim is {@code operatorId}. */
    private boolean actsForOperator(String operatorId) {
        return operatorId != null && isOperator() && !isDevice() && operatorId.equals(operatorId().orElse(null));
    }

    private Set<String> groups() {
        if (groups == null) {
            Set<String> claimed = token.getGroups();
            groups = claimed == null ? Set.of() : claimed;
        }
        return groups;
    }

    private void requireAuthenticated() {
        if (token.getRawToken() == null) {
            throw new UnauthorizedException("a bearer token is required");
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("not found");
    }

    @Override
    public String toString() {
        return "Caller[" + Objects.toString(token.getSubject(), "anonymous") + ", groups=" + groups() + "]";
    }
}
