package io.hop.platform.messaging;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code ce_time} (RFC 3339), once per consumed record. {@link OffsetDateTime#parse} costs more than all the rest
 * of reading a record's CloudEvent attributes (a batch consumer profile: 40 % of its thread), so the form every
 * producer writes, {@code 2026-12-01T16:37:03.123456Z} or with a numeric offset, is read here directly; anything else
 * (another form, an out-of-range field) goes to {@link OffsetDateTime#parse}, whose verdict stands. The result is
 * therefore always the one {@code OffsetDateTime.parse(text).toInstant()} gives.
 */
final class CloudEventTime {

    private CloudEventTime() {
    }

    /**
     * @throws DateTimeParseException when {@code text} is not an RFC 3339 date-time with an offset
     */
    static Instant parse(String text) {
        Instant fast = canonical(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}, or null for any other text. */
    static Instant canonical(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nano = nano * 10 + (s.charAt(i) - '0');
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = fractionDigits; k < 9; k++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // e.g. 30 February: OffsetDateTime.parse gives the verdict and the message
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
