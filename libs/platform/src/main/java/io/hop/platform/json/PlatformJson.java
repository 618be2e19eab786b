package io.hop.platform.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON settings of event data, for code without Quarkus' {@code ObjectMapper}: java.time as ISO-8601 strings,
 * unknown properties ignored (a consumer must accept data of a newer minor version of its event).
 */
public final class PlatformJson {

    private static final ObjectMapper MAPPER = newMapper();

    private PlatformJson() {
    }

    /** A new mapper with the platform's settings, for callers that want to change it further. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
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
