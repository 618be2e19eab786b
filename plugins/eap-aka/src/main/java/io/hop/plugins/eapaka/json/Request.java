package io.hop.plugins.eapaka.json;

import io.hop.plugin.api.PluginOperation.OperationResponse;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.PluginOperationException.Violation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON request body being validated: readers record one violation per field and rule, and {@link #validate()}
 * refuses the request with all of them at once.
 */
public final class Request {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");

    private final Map<String, Object> body;
    private final String prefix;
    private final List<Violation> violations;

    private Request(Map<String, Object> body, String prefix, List<Violation> violations) {
        this.body = body;
        this.prefix = prefix;
        this.violations = violations;
    }

    /** Parses a JSON object body; anything else is refused with 400. */
    @SuppressWarnings("unchecked")
    public static Request of(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.ParseException e) {
            throw new PluginOperationException(400, "the body is not JSON: " + e.getMessage(),
                    List.of(new Violation("body", "must be a JSON object")));
        }
        if (!(parsed instanceof Map)) {
            throw new PluginOperationException(400, "the body must be a JSON object",
                    List.of(new Violation("body", "must be a JSON object")));
        }
        return new Request((Map<String, Object>) parsed, "", new ArrayList<>());
    }

    public Map<String, Object> raw() {
        return body;
    }

    public boolean has(String field) {
        return body.get(field) != null;
    }

    public void violation(String field, String message) {
        violations.add(new Violation(prefix + field, message));
    }

    /** A string matching {@code pattern}; null (and a violation when required) otherwise. */
    public String string(String field, Pattern pattern, String rule, boolean required) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                violation(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String s) || (pattern != null && !pattern.matcher(s).matches())) {
            violation(field, rule);
            return null;
        }
        return s;
    }

    /** Hex of exactly {@code bytes} bytes. */
    public byte[] hex(String field, int bytes, boolean required) {
        String s = string(field, null, "must be " + bytes * 2 + " hexadecimal digits", required);
        if (s == null) {
            return null;
        }
        if (s.length() != bytes * 2 || !HEX.matcher(s).matches()) {
            violation(field, "must be " + bytes * 2 + " hexadecimal digits");
            return null;
        }
        return HexFormat.of().parseHex(s);
    }

    /** An integer in [min, max], or {@code dflt} when absent. */
    public long integer(String field, long min, long max, long dflt) {
        Object value = body.get(field);
        if (value == null) {
            return dflt;
        }
        if (value instanceof BigDecimal n) {
            try {
                long v = n.longValueExact();
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (ArithmeticException e) {
                // falls through to the violation
            }
        }
        violation(field, "must be an integer from " + min + " to " + max);
        return dflt;
    }

    /** A nested object, validated into the same violation list with its path as prefix. */
    @SuppressWarnings("unchecked")
    public Request object(String field, boolean required) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                violation(field, "is required");
            }
            return null;
        }
        if (!(value instanceof Map)) {
            violation(field, "must be an object");
            return null;
        }
        return new Request((Map<String, Object>) value, prefix + field + ".", violations);
    }

    /** The objects of an array field, each validated with its index in the path. */
    @SuppressWarnings("unchecked")
    public List<Request> objects(String field, int min, int max) {
        Object value = body.get(field);
        if (!(value instanceof List<?> list) || list.size() < min || list.size() > max) {
            violation(field, "must be an array of " + min + " to " + max + " objects");
            return List.of();
        }
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map) {
                out.add(new Request((Map<String, Object>) list.get(i), prefix + field + "[" + i + "].", violations));
            } else {
                violations.add(new Violation(prefix + field + "[" + i + "]", "must be an object"));
            }
        }
        return out;
    }

    /** Refuses the request with 400 and every violation recorded, if any. */
    public void validate() {
        if (!violations.isEmpty()) {
            throw new PluginOperationException(400, "invalid request", violations);
        }
    }

    public static OperationResponse json(int status, Object body) {
        return new OperationResponse(status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
