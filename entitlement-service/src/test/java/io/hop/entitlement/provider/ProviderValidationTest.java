package io.hop.entitlement.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class ProviderValidationTest {

    static final Duration TWO_S = Duration.ofSeconds(2);

    @Test
    void aWebhookNeedsAnHttpsUrlAndASecretAndNamesEveryViolation() {
        assertThatThrownBy(() -> ProviderValidation.validate("bad name!",
                new ProviderRequest("WEBHOOK", "http://backend.example/check", 50, "short", null), null, false, TWO_S))
                .isInstanceOfSatisfying(ValidationProblem.class, problem -> assertThat(problem.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("name", "url", "timeoutMs", "secret"));
    }

    @Test
    void aValidWebhookGetsTheDefaultTimeout() {
        ProviderValidation.Valid valid = ProviderValidation.validate("backend",
                new ProviderRequest("webhook", "https://backend.example/check", null, "0123456789abcdef", null), null,
                false, TWO_S);
        assertThat(valid.type()).isEqualTo(ProviderType.WEBHOOK);
        assertThat(valid.timeout()).isEqualTo(TWO_S);
        assertThat(valid.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void otherTypesTakeNoWebhookFields() {
        assertThatThrownBy(() -> ProviderValidation.validate("plan",
                new ProviderRequest("PLAN_ALLOWANCE", "https://x.example", null, null, null), null, false, TWO_S))
                .isInstanceOfSatisfying(ValidationProblem.class,
                        problem -> assertThat(problem.violations()).extracting(Violation::field).containsExactly("url"));
        assertThat(ProviderValidation.validate("all", new ProviderRequest("ALLOW_ALL", null, null, null, null), null,
                false, TWO_S).type()).isEqualTo(ProviderType.ALLOW_ALL);
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertThatThrownBy(() -> ProviderValidation.validate("x", new ProviderRequest("DLL", null, null, null, null),
                null, false, TWO_S)).isInstanceOfSatisfying(ValidationProblem.class,
                        problem -> assertThat(problem.violations()).extracting(Violation::field).containsExactly("type"));
    }
}
