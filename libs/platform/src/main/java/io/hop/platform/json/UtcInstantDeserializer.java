package io.hop.platform.json;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads an {@link Instant} written the way every service writes one ({@code 2026-12-02T08:15:30Z}, with up to 9
 * fraction digits or a numeric offset) with {@link InstantText}, and leaves everything else to
 * jackson-datatype-jsr310's {@link InstantDeserializer}, which then decides exactly as without this class (lower case,
 * numbers, leap seconds, blanks, errors). Ingest reads two instants per usage record, and the general parser was a
 * quarter of the usage consumer's CPU in {@code bin/bench usage-ingest} (docs/benchmarks.md).
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;

    UtcInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = InstantText.canonical(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
