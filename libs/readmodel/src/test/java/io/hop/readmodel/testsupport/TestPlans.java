package io.hop.readmodel.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.hop.contracts.EventType;
import io.hop.platform.tx.LocalTransactions;
import io.hop.readmodel.EntityHandler;

/**
 * A second entity type, as the provisioning issue will add (plans, policies, ...), in test code only: shows that
 * types with the same ids live side by side, in the read model and on the compacted topic.
 */
public final class TestPlans implements EntityHandler<TestPlans.PlanChanged> {

    public static final String ENTITY_TYPE = "test-plan";
    public static final EventType<PlanChanged> CHANGED = EventType.of("provisioning.test-plan-changed.v1",
            PlanChanged.class);

    /** The full state of a plan, as an event carries it. */
    public record PlanChanged(String planId, String name, long version) {
    }

    private final LocalTransactions tx;

    public TestPlans(TestDatabase db) {
        this.tx = db.transactions();
        db.execute("create table if not exists test_plan (plan_id text primary key, name text, version bigint not null)");
    }

    @Override
    public String entityType() {
        return ENTITY_TYPE;
    }

    @Override
    public EventType<PlanChanged> eventType() {
        return CHANGED;
    }

    @Override
    public boolean apply(PlanChanged plan) {
        tx.requireActive("TestPlans.apply");
        return tx.required(() -> {
            try (Connection connection = tx.dataSource().getConnection();
                    PreparedStatement upsert = connection.prepareStatement("""
                            insert into test_plan (plan_id, name, version) values (?, ?, ?)
                            on conflict (plan_id) do update set name = excluded.name, version = excluded.version
                             where test_plan.version < excluded.version""")) {
                upsert.setString(1, plan.planId());
                upsert.setString(2, plan.name());
                upsert.setLong(3, plan.version());
                return upsert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String planId) {
        tx.requireActive("TestPlans.delete");
        return tx.required(() -> {
            try (Connection connection = tx.dataSource().getConnection();
                    PreparedStatement delete = connection.prepareStatement("delete from test_plan where plan_id = ?")) {
                delete.setString(1, planId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    public Optional<PlanChanged> find(String planId) {
        try (Connection connection = tx.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select plan_id, name, version from test_plan where plan_id = ?")) {
            select.setString(1, planId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new PlanChanged(rs.getString(1), rs.getString(2), rs.getLong(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
