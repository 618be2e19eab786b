package io.hop.platform.problem;

import java.util.Objects;

/**
 * One violated rule of a request.
 *
 * @param field   where: a JSON property path such as {@code name} or {@code networks[0].ssid}, or a parameter name
 * @param message which rule, in words, e.g. {@code must not be blank}
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
