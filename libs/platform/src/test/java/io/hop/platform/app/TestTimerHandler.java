package io.hop.platform.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hop.platform.timer.FiredTimer;
import io.hop.platform.timer.TimerHandler;

/**
 * Records each firing in test_timer_fired through the service's data source, i.e. in the firing's JTA transaction.
 * A timer with payload {@code fail-once} fails its first attempt after writing (test code only).
 */
@ApplicationScoped
public class TestTimerHandler implements TimerHandler {

    public static final String TYPE = "app-test-timer";

    @Inject
    DataSource dataSource;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void onTimer(FiredTimer timer) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into test_timer_fired (timer_key, attempt, payload) values (?, ?, ?)")) {
            insert.setString(1, timer.key());
            insert.setInt(2, timer.attempt());
            insert.setString(3, timer.payload());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if ("fail-once".equals(timer.payload()) && timer.attempt() == 1) {
            throw new IllegalStateException("first attempt fails (test)");
        }
    }
}
