package io.hop.platform.messaging;

/**
 * A permanent failure of one event: it cannot be parsed, its {@code ce_type} is not one the consumer supports, or
 * its data is invalid. Delivering it again cannot help, so the consumer dead-letters it (to {@code <topic>.dlq}) and
 * goes on with the next record. A handler throws it (or {@link #unsupportedType}) for data it rejects; anything that
 * may succeed later (the database, the network) must not be reported this way.
 */
public class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The handler does not know or support the event's type. */
    public static InvalidEventException unsupportedType(IncomingEvent event) {
        return new InvalidEventException("unsupported ce_type " + event.type() + " (event " + event.id() + ")");
    }
}
