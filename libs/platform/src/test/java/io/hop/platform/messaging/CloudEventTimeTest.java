package io.hop.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.hop.platform.json.InstantText;

/** {@code ce_time} is read exactly as {@code OffsetDateTime.parse(text).toInstant()} reads it, only faster. */
class CloudEventTimeTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-12-01T16:37:03Z", "2026-12-01T16:37:03.1Z", "2026-12-01T16:37:03.123456Z",
            "2026-12-01T16:37:03.123456789Z", "2026-12-01T16:37:03+02:00", "2026-12-01T16:37:03.5-05:30",
            "2024-02-29T23:59:59.999999999+18:00", "0001-01-01T00:00:00Z", "2026-12-01t16:37:03z",
            "2026-12-01T16:37Z", "2026-12-01T10:00:00.Z", "+12026-12-01T16:37:03Z", "2026-12-01T16:37:03.123456+0200" })
    void readsWhatOffsetDateTimeReads(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> CloudEventTime.parse(text), text);
            return;
        }
        assertEquals(expected, CloudEventTime.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-12-01T24:00:00Z",
            "2026-12-01T10:60:00Z", "2026-12-01T10:00:61Z", "2026-12-01T10:00:00", "2026-12-01T10:00:00+19:00",
            "2026-12-01T10:00:00.1234567891Z", "2026-12-01 10:00:00Z", "yesterday", "",
            "2026-12-01T10:00:00Z ", "2026-12-01T10:0a:00Z" })
    void refusesWhatOffsetDateTimeRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text), "the premise: " + text);
        assertThrows(DateTimeParseException.class, () -> CloudEventTime.parse(text), text);
    }

    @Test
    void theFormTheOutboxWritesIsReadWithoutTheFullParser() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(0, 1_000_000) * 1000L);
            String text = instant.toString();
            Instant read = InstantText.canonical(text);
            assertNotNull(read, text);
            assertEquals(instant, read, text);
        }
    }
}
