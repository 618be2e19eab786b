package io.hop.provisioning.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.ValidationProblem;

class ExpectedVersionTest {

    @Test
    void ifMatchNamesTheVersionAsAnEntityTagStrongOrWeakOrBare() {
        assertEquals(3L, ExpectedVersion.of("\"3\"", null));
        assertEquals(3L, ExpectedVersion.of("W/\"3\"", null));
        assertEquals(3L, ExpectedVersion.of("3", null));
    }

    @Test
    void withoutIfMatchTheBodysVersionCountsAndWithNeitherThereIsNone() {
        assertEquals(5L, ExpectedVersion.of(null, 5L));
        assertEquals(5L, ExpectedVersion.of(" ", 5L));
        assertNull(ExpectedVersion.of(null, null));
    }

    @Test
    void bothMustAgree() {
        assertEquals(4L, ExpectedVersion.of("\"4\"", 4L));
        var problem = assertThrows(ValidationProblem.class, () -> ExpectedVersion.of("\"4\"", 3L));
        assertEquals("If-Match", problem.violations().get(0).field());
    }

    @Test
    void anIfMatchThatIsNoVersionIsAViolation() {
        for (String bad : new String[] { "*", "\"abc\"", "\"0\"", "\"-1\"", "\"1\", \"2\"" }) {
            assertThrows(ValidationProblem.class, () -> ExpectedVersion.of(bad, null), bad);
        }
    }
}
