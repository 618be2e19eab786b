package io.hop.contracts.provisioning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;


/**
 * The billing period that contains an instant, from a plan's {@link PlanChanged.Validity}, in UTC:
 * <ul>
 * <li>{@code MONTHLY}: from day {@code billingDay} (1..28, default 1; a larger day is clamped to the month's length)
 * 00:00 to the same day of the next month;</li>
 * <li>{@code WEEKLY}: from weekday {@code billingDay} (1 = Monday .. 7, default Monday) 00:00, seven days;</li>
 * <li>{@code DAILY}: the UTC day;</li>
 * <li>{@code NONE}: one period {@code validFrom..validUntil} (open ends: the epoch, resp. {@link #FOREVER});</li>
 * <li>no plan (or no validity): the calendar month.</li>
 * </ul>
 */
public final class BillingPeriods {

    /** End of a period that never ends. */
    public static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

    private BillingPeriods() {
    }

    /** The period of {@code validity} (null: calendar month) containing {@code at}. */
    public static Period periodOf(PlanChanged.Validity validity, Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        String cycle = validity == null || validity.billingCycle() == null ? "MONTHLY" : validity.billingCycle();
        Integer billingDay = validity == null ? null : validity.billingDay();
        return switch (cycle) {
            case "WEEKLY" -> {
                DayOfWeek first = DayOfWeek.of(billingDay == null || billingDay < 1 || billingDay > 7 ? 1 : billingDay);
                LocalDate start = day.with(TemporalAdjusters.previousOrSame(first));
                yield of(start, start.plusWeeks(1));
            }
            case "DAILY" -> of(day, day.plusDays(1));
            case "NONE" -> new Period(validity.validFrom() == null ? Instant.EPOCH : validity.validFrom(),
                    validity.validUntil() == null ? FOREVER : validity.validUntil());
            default -> monthly(day, billingDay == null || billingDay < 1 ? 1 : billingDay);
        };
    }

    private static Period monthly(LocalDate day, int billingDay) {
        LocalDate start = dayInMonth(day, billingDay);
        if (start.isAfter(day)) {
            start = dayInMonth(day.minusMonths(1), billingDay);
        }
        return of(start, dayInMonth(start.plusMonths(1), billingDay));
    }

    private static LocalDate dayInMonth(LocalDate anyDayOfMonth, int billingDay) {
        return anyDayOfMonth.withDayOfMonth(Math.min(billingDay, anyDayOfMonth.lengthOfMonth()));
    }

    private static Period of(LocalDate start, LocalDate end) {
        return new Period(start.atStartOfDay().toInstant(ZoneOffset.UTC), end.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** A billing period: {@code start} inclusive, {@code end} exclusive. */
    public record Period(Instant start, Instant end) {
    }
}
