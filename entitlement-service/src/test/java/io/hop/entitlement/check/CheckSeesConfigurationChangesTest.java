package io.hop.entitlement.check;

import static io.hop.entitlement.check.EntitlementCheckApiTest.check;
import static io.hop.entitlement.check.EntitlementCheckApiTest.putProvider;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.entitlement.EntitlementFixtures;
import io.hop.entitlement.alert.TetheringAllowances;
import io.hop.entitlement.provider.OperatorProviders;
import io.hop.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A check takes the operator's policy, plan and providers from memory while nothing changed, and sees a change made
 * through this service, by provisioning's events, or by another replica on the same database at the very next check.
 */
@QuarkusTest
class CheckSeesConfigurationChangesTest {

    @Inject
    EntitlementFixtures fixtures;
    @Inject
    TetheringAllowances allowances;
    @Inject
    OperatorProviders providers;
    @Inject
    DataSource dataSource;

    @Test
    void checksOfManyDevicesReadTheOperatorsProvidersOnceUntilOneChanges() {
        String operator = operatorWithDevices("p", 5);
        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("SUCCESS"));
        long loads = providers.loads();

        for (int i = 0; i < 5; i++) {
            check(Tokens.operator(operator), Map.of("deviceId", "dev-" + i)).statusCode(200)
                    .body("providerType", equalTo("ALLOW_ALL"));
        }
        assertThat(providers.loads()).as("no provider read while nothing changed").isEqualTo(loads);

        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "PLAN_ALLOWANCE")).statusCode(200);
        for (int i = 0; i < 5; i++) {
            check(Tokens.operator(operator), Map.of("deviceId", "dev-" + i)).statusCode(200)
                    .body("providerType", equalTo("PLAN_ALLOWANCE"));
        }
        assertThat(providers.loads()).as("read again once after the change").isEqualTo(loads + 1);
    }

    @Test
    void aProviderReplacedOrDeletedThroughTheApiIsSeenByTheNextCheck() {
        String operator = operatorWithDevices("p", 1);
        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("ALLOW_ALL"));

        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "PLAN_ALLOWANCE")).statusCode(200);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("PLAN_ALLOWANCE"));

        given().auth().oauth2(Tokens.operator(operator)).when()
                .delete("/v1/operators/{o}/entitlement-providers/{n}", operator, "p").then().statusCode(204);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("FAILED"))
                .body("reason", equalTo(Reasons.ENTITLEMENT_PROVIDER_MISSING));

        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("SUCCESS"));
    }

    @Test
    void aProviderChangedByAnotherReplicaIsSeenByTheNextCheck() {
        String operator = operatorWithDevices("p", 1);
        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("ALLOW_ALL"));

        // what another replica's ProviderService writes: the row and the operator's new revision, in one transaction
        anotherReplica("update entitlement_provider set type = 'PLAN_ALLOWANCE', version = version + 1,"
                + " updated_at = now() where operator_id = ? and name = 'p'", operator);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("PLAN_ALLOWANCE"));

        anotherReplica("delete from entitlement_provider where operator_id = ? and name = 'p'", operator);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("reason", equalTo(Reasons.ENTITLEMENT_PROVIDER_MISSING));
    }

    @Test
    void aPolicyChangeIsSeenByTheNextCheck() {
        String operator = EntitlementFixtures.newId("op");
        SharingPolicyChanged policy = fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings("p"));
        fixtures.device(operator, "dev-0", "001010000000000");
        putProvider(Tokens.operator(operator), operator, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("reason", equalTo(Reasons.ALLOW_ALL)).body("help.moHelpNumber", equalTo("+1 555 0100"));

        policy = fixtures.change(policy, new SharingPolicySettings(true, false, "p", 0, 2, 1, 1, 1, "+1 555 0199", null,
                null, null, List.of(), null));
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("reason", equalTo(Reasons.ENTITLEMENT_NOT_REQUIRED))
                .body("help.moHelpNumber", equalTo("+1 555 0199"));

        fixtures.change(policy, EntitlementFixtures.settings("not-defined"));
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("reason", equalTo(Reasons.ENTITLEMENT_PROVIDER_MISSING));
    }

    @Test
    void aPlanChangeIsSeenByTheNextCheck() {
        String operator = EntitlementFixtures.newId("op");
        // one period since the epoch: the allowance exhausted in it stays exhausted
        PlanChanged plan = fixtures.plan(operator, new PlanChanged.Validity("NONE", null, null, null));
        SharingPolicyChanged policy = fixtures.policy(operator, EntitlementFixtures.settings("allowance"));
        fixtures.group(operator, "001", policy.policyId(), plan.planId());
        fixtures.device(operator, "dev-0", "001010000000000");
        putProvider(Tokens.operator(operator), operator, "allowance", Map.of("type", "PLAN_ALLOWANCE"))
                .statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> allowances.exhausted(new UsageAlertRaised(
                EntitlementFixtures.newId("alert"), operator, "dev-0", "TETHERING_ALLOWANCE_EXHAUSTED", plan.planId(),
                null, null, 10, 10L, Instant.EPOCH, Instant.now())));
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("FAILED"))
                .body("reason", equalTo(Reasons.ALLOWANCE_EXHAUSTED));

        // daily periods: the exhausted one (from the epoch) is over
        fixtures.change(plan, new PlanChanged.Validity("DAILY", null, null, null));
        check(Tokens.operator(operator), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("SUCCESS"))
                .body("reason", equalTo(Reasons.ALLOWANCE_AVAILABLE));
    }

    @Test
    void anOperatorNeverGetsAnotherOperatorsProviderOfTheSameName() {
        String acme = operatorWithDevices("p", 1);
        String globex = operatorWithDevices("p", 1);
        putProvider(Tokens.operator(acme), acme, "p", Map.of("type", "ALLOW_ALL")).statusCode(201);
        check(Tokens.operator(acme), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("SUCCESS"));

        check(Tokens.operator(globex), Map.of("deviceId", "dev-0")).statusCode(200).body("result", equalTo("FAILED"))
                .body("reason", equalTo(Reasons.ENTITLEMENT_PROVIDER_MISSING));
        putProvider(Tokens.operator(globex), globex, "p", Map.of("type", "PLAN_ALLOWANCE")).statusCode(201);
        check(Tokens.operator(globex), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("PLAN_ALLOWANCE"));
        check(Tokens.operator(acme), Map.of("deviceId", "dev-0")).statusCode(200)
                .body("providerType", equalTo("ALLOW_ALL"));
    }

    /** A new operator whose devices dev-0..dev-(n-1) get a policy requiring entitlement from {@code provider}. */
    private String operatorWithDevices(String provider, int devices) {
        String operator = EntitlementFixtures.newId("op");
        fixtures.operatorWithPolicy(operator, EntitlementFixtures.settings(provider));
        for (int i = 0; i < devices; i++) {
            fixtures.device(operator, "dev-" + i, "00101000000000" + i);
        }
        return operator;
    }

    /** Runs {@code sql} (one operator id parameter) and gives the operator a new configuration revision, committed. */
    private void anotherReplica(String sql, String operator) {
        QuarkusTransaction.requiringNew().run(() -> {
            execute(sql, operator);
            execute("""
                    insert into known_configuration_revision (operator_id, revision)
                    values (?, nextval('known_configuration_revision_seq'))
                    on conflict (operator_id) do update set revision = excluded.revision""", operator);
        });
    }

    private void execute(String sql, String operator) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, operator);
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
