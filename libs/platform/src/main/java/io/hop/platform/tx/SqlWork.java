package io.hop.platform.tx;

import java.sql.SQLException;

/**
 * A unit of work run by a {@link Transactor}: plain JDBC that may throw {@link SQLException}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    T run() throws SQLException;
}
