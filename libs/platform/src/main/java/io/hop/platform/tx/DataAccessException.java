package io.hop.platform.tx;

import java.sql.SQLException;

/** A {@link SQLException} from the platform's JDBC code, unchecked so it rolls the transaction back. */
public class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
