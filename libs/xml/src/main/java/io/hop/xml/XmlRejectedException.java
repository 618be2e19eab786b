package io.hop.xml;

/** An XML input refused by {@link SafeXml}: hostile, too big, too deep or not well-formed. Nothing was read from it. */
public final class XmlRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a document was refused. */
    public enum Reason {
        /** A DOCTYPE declaration: DTDs, and with them external and expanding entities, are never processed. */
        DOCTYPE,
        /** An entity reference other than the five predefined ones and character references. */
        ENTITY,
        /** Larger than {@link SafeXml.Limits#maxBytes()}. */
        TOO_LARGE,
        /** Elements nested deeper than {@link SafeXml.Limits#maxDepth()}. */
        TOO_DEEP,
        /** Not well-formed XML (or empty). */
        MALFORMED
    }

    private final Reason reason;

    XmlRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
