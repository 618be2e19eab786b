package io.hop.platform.problem;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by services to answer with a specific problem: the mapper turns it into an {@code application/problem+json}
 * response with exactly this type, title, status, detail and violations.
 *
 * <pre>{@code
 * throw new ProblemException(409, "Sharing limit reached", "at most 5 Wi-Fi clients may share this connection");
 * }</pre>
 *
 * A client error (4xx) carries no stack trace: it is an answer, not a fault, and filling in the stack of every 404
 * of a busy endpoint costs more than the rest of the answer. Server errors (5xx) keep theirs for the log.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final String title;
    private final int status;
    private final List<Violation> violations;

    /** A problem of type {@code about:blank}. */
    public ProblemException(int status, String title, String detail) {
        this(Problem.ABOUT_BLANK, status, title, detail, List.of());
    }

    public ProblemException(String type, int status, String title, String detail, List<Violation> violations) {
        super(detail, null, false, status >= 500);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, not " + status);
        }
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    /** 404, the resource does not exist or is not the caller's to see (the two are not told apart). */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    /** 403, the caller's token does not allow this operation. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    /** 409, the request conflicts with the resource's current state. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }
}
