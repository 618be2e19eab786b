package io.hop.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A versioned event type: its CloudEvents {@code type} ({@code <domain>.<event>.v<n>}) and the record that is its data.
 *
 * @param <T> the payload record
 */
public record EventType<T>(String name, Class<T> dataClass) {

    private static final Pattern NAME = Pattern.compile("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(dataClass, "dataClass");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type must look like <domain>.<event>.v<n>: " + name);
        }
    }

    public static <T> EventType<T> of(String name, Class<T> dataClass) {
        return new EventType<>(name, dataClass);
    }
}
