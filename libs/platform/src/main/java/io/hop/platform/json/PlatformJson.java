package io.hop.platform.json;

import java.time.Instant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of event data, used by the producer ({@code Outbox}) and the consumers
 * ({@code IncomingEvent.dataAs}) alike: java.time as ISO-8601 strings, {@code Optional} as its value or null, unknown
 * properties ignored (a consumer must accept data of a newer minor version of its event). Independent of the REST
 * {@code ObjectMapper} and its {@code quarkus.jackson.*} settings on purpose: an event's bytes are a contract between
 * services, and a service tuning its REST output must not change them.
 */
public final class PlatformJson {

    private static final ObjectMapper MAPPER = newMapper();

    private PlatformJson() {
    }

    /** A new mapper with the platform's settings, for callers that want to change it further. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // after JavaTimeModule, so that it comes first for Instant; it hands JavaTimeModule what it
                // does not read
                .addModule(new SimpleModule("hop-utc-instant")
                        .addDeserializer(Instant.class, new UtcInstantDeserializer()))
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** A shared mapper with the platform's settings (do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
