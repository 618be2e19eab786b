package io.hop.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The platform mapper reads every instant exactly as jackson-datatype-jsr310 alone does, faster in the usual form. */
class UtcInstantDeserializerTest {

    private record At(Instant at) {
    }

    private static final ObjectMapper PLATFORM = PlatformJson.newMapper();
    private static final ObjectMapper JSR310_ALONE = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void theUsualFormsAreReadWithoutTheGeneralParser() {
        assertEquals(Instant.parse("2026-12-02T08:15:30Z"), InstantText.canonical("2026-12-02T08:15:30Z"));
        assertEquals(Instant.parse("2026-12-02T08:15:30.5Z"), InstantText.canonical("2026-12-02T08:15:30.5Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.123456789Z"),
                InstantText.canonical("2024-02-29T23:59:59.123456789Z"));
    }

    @Test
    void everyOtherFormIsLeftToJsr310() {
        assertEquals(Instant.parse("2026-12-02T07:15:30Z"), InstantText.canonical("2026-12-02T08:15:30+01:00"));
        for (String other : List.of("2026-12-02t08:15:30z", "2026-12-02T08:15:30.Z",
                "2026-12-02T08:15:30.1234567890Z", "2026-02-30T08:15:30Z", "2026-13-02T08:15:30Z",
                "2026-12-02T24:00:00Z", "2016-12-31T23:59:60Z", "+12026-12-02T08:15:30Z", " 2026-12-02T08:15:30Z",
                "2026-12-02 08:15:30Z", "2026-1a-02T08:15:30Z", "1700000000")) {
            assertNull(InstantText.canonical(other), other);
        }
    }

    @Test
    void thePlatformMapperAgreesWithJsr310OnValidAndInvalidInstants() throws Exception {
        for (String text : List.of("2026-12-02T08:15:30Z", "2026-12-02T08:15:30.000Z", "1970-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-12-02T08:15:30+01:00",
                "2026-12-02t08:15:30z", "2016-12-31T23:59:60Z", "2026-12-02T24:00:00Z", "2026-12-02T08:15:30.Z",
                "2026-12-02T08:15:30.123-05:30", "2026-12-02T08:15:30+18:00", "2026-12-31T23:30:00-01:00",
                " 2026-12-02T08:15:30Z ")) {
            String json = "{\"at\":\"" + text + "\"}";
            assertEquals(JSR310_ALONE.readValue(json, At.class), PLATFORM.readValue(json, At.class), text);
        }
        assertEquals(JSR310_ALONE.readValue("{\"at\":1700000000.5}", At.class),
                PLATFORM.readValue("{\"at\":1700000000.5}", At.class));
        assertEquals(new At(null), PLATFORM.readValue("{\"at\":null}", At.class));
        for (String invalid : List.of("2026-02-30T08:15:30Z", "2026-12-02T08:15:30", "not a time")) {
            String json = "{\"at\":\"" + invalid + "\"}";
            assertThrows(Exception.class, () -> JSR310_ALONE.readValue(json, At.class), invalid);
            assertThrows(Exception.class, () -> PLATFORM.readValue(json, At.class), invalid);
        }
    }

    @Test
    void randomInstantsWithAnyNumberOfFractionDigitsReadBackEqual() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            if (i % 3 == 0) {
                // 1 to 9 fraction digits, as other writers truncate
                int keep = 1 + random.nextInt(9);
                int dot = text.indexOf('.');
                String fraction = dot < 0 ? "000000000" : (text.substring(dot + 1, text.length() - 1) + "000000000");
                text = text.substring(0, dot < 0 ? text.length() - 1 : dot) + "." + fraction.substring(0, keep) + "Z";
            }
            assertEquals(Instant.parse(text), InstantText.canonical(text), text);
            assertEquals(JSR310_ALONE.readValue("{\"at\":\"" + text + "\"}", At.class),
                    PLATFORM.readValue("{\"at\":\"" + text + "\"}", At.class), text);
        }
    }
}
