package io.hop.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem details body ({@value #MEDIA_TYPE}). Every error response of every service has this shape.
 *
 * @param type       a URI naming the kind of problem; {@value #ABOUT_BLANK} when the status says it all
 * @param title      short summary of the kind of problem (for {@code about:blank}: the HTTP reason phrase)
 * @param status     the HTTP status
 * @param detail     what went wrong in this occurrence
 * @param instance   the request path
 * @param requestId  extension: the request id (also in the {@code X-Request-Id} header and the logs)
 * @param violations extension: one entry per violated rule, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "requestId", "violations" })
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";
    /** Input that breaks validation rules; {@code violations} names each. */
    public static final String TYPE_VALIDATION = "urn:hop:problem:validation";
    /** A body that is not well-formed JSON, or whose JSON does not fit the expected shape. */
    public static final String TYPE_MALFORMED_REQUEST = "urn:hop:problem:malformed-request";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
