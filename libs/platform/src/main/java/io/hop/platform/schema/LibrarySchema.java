package io.hop.platform.schema;

import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The tables a shared library brings into every service that uses it: the library's own Flyway location and its own
 * history table, so that the library and each service evolve their schemas independently. A service at its V3 takes
 * the platform's next migration as it comes, and the platform's numbering never has to fit between a service's
 * versions.
 *
 * <p>A library declares its schema as a CDI bean ({@code @Produces LibrarySchema}); {@link LibrarySchemas} migrates all
 * of them at start-up, the platform's first, before any consumer, relay or timer starts. Plain Java: tests call
 * {@link #migrate(DataSource)} themselves.
 *
 * @param name         the library, for logs (e.g. {@code hop-platform})
 * @param location     its Flyway location (e.g. {@code classpath:db/hop-platform}); never the service's
 *                     {@code db/migration}
 * @param historyTable its Flyway history table (e.g. {@code hop_platform_schema_history})
 */
public record LibrarySchema(String name, String location, String historyTable) {

    /** The platform's own tables: outbox, inbox, timers. */
    public static final LibrarySchema PLATFORM = new LibrarySchema("hop-platform", "classpath:db/hop-platform",
            "hop_platform_schema_history");

    public LibrarySchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(historyTable, "historyTable");
        if (location.endsWith("db/migration")) {
            throw new IllegalArgumentException(name + ": db/migration is the service's own location");
        }
    }

    /**
     * Applies the library's pending migrations.
     *
     * @return how many were applied
     */
    public int migrate(DataSource dataSource) {
        return migrate(dataSource, location);
    }

    /**
     * Applies pending migrations from {@code locations} (the library's, plus more in tests) to this library's history.
     *
     * @return how many were applied
     */
    public int migrate(DataSource dataSource, String... locations) {
        MigrateResult result = Flyway.configure(LibrarySchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .table(historyTable)
                // The database already holds the service's own tables and history: that is not a reason to refuse.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
