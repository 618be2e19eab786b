package io.hop.platform.tx;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * {@link Transactor} on plain JDBC local transactions, for code that runs without a JTA transaction manager (plain
 * unit tests of the platform's core classes, tools).
 *
 * <p>While a transaction is active on a thread, {@link #dataSource()} hands that thread the transaction's connection
 * (closing it does nothing), the same way Agroal hands out the connection enlisted in the JTA transaction. Outside a
 * transaction it hands out ordinary auto-commit connections.
 */
public final class LocalTransactions implements Transactor {

    private final DataSource target;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final DataSource transactional = new TransactionalDataSource();

    private static final class Tx {
        final Connection connection;
        final List<Runnable> afterCommit = new ArrayList<>();
        boolean rollbackOnly;

        Tx(Connection connection) {
            this.connection = connection;
        }
    }

    public LocalTransactions(DataSource target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The data source whose connections take part in this object's transactions. */
    public DataSource dataSource() {
        return transactional;
    }

    @Override
    public <T> T required(SqlWork<T> work) {
        Tx tx = current.get();
        if (tx == null) {
            return inNew(work);
        }
        try {
            return work.run();
        } catch (SQLException e) {
            tx.rollbackOnly = true;
            throw new DataAccessException(e);
        } catch (RuntimeException | Error e) {
            tx.rollbackOnly = true;
            throw e;
        }
    }

    @Override
    public <T> T requiresNew(SqlWork<T> work) {
        Tx suspended = current.get();
        current.remove();
        try {
            return inNew(work);
        } finally {
            if (suspended != null) {
                current.set(suspended);
            }
        }
    }

    @Override
    public boolean isActive() {
        return current.get() != null;
    }

    @Override
    public void afterCommit(Runnable action) {
        requireActive("afterCommit");
        current.get().afterCommit.add(action);
    }

    private <T> T inNew(SqlWork<T> work) {
        Tx tx;
        try {
            Connection connection = target.getConnection();
            connection.setAutoCommit(false);
            tx = new Tx(connection);
        } catch (SQLException e) {
            throw new DataAccessException("cannot begin a transaction", e);
        }
        current.set(tx);
        T result;
        try {
            result = work.run();
            if (tx.rollbackOnly) {
                throw new IllegalStateException("transaction was marked rollback-only");
            }
            tx.connection.commit();
        } catch (SQLException e) {
            rollback(tx, e);
            throw new DataAccessException(e);
        } catch (RuntimeException | Error e) {
            rollback(tx, e);
            throw e;
        } finally {
            current.remove();
            close(tx);
        }
        tx.afterCommit.forEach(Runnable::run);
        return result;
    }

    private static void rollback(Tx tx, Throwable cause) {
        try {
            tx.connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Tx tx) {
        try {
            tx.connection.setAutoCommit(true);
            tx.connection.close();
        } catch (SQLException e) {
            // the connection is unusable anyway; nothing was left uncommitted
        }
    }

    private Connection bound(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null; // the transaction closes it
                        case "isClosed":
                            return connection.isClosed();
                        case "unwrap":
                            return ((Class<?>) args[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) args[0]);
                        default:
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private final class TransactionalDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            Tx tx = current.get();
            return tx == null ? target.getConnection() : bound(tx.connection);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("use getConnection()");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || target.isWrapperFor(iface);
        }
    }
}
