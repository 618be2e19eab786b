package io.hop.platform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.hop.testing.infra.Infrastructure;

/** The platform's schema and a service's schema evolve independently, each with its own Flyway history. */
class LibrarySchemaTest {

    private Infrastructure.Database database;
    private AgroalDataSource dataSource;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = Infrastructure.get().createDatabase("schema");
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(3)
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(database.jdbcUrl())
                                .principal(new NamePrincipal(database.user()))
                                .credential(new SimplePassword(database.password())))));
    }

    @AfterEach
    void dropDatabase() {
        dataSource.close();
        Infrastructure.get().dropDatabase(database);
    }

    @Test
    void aServiceAlreadyAtV3TakesANewPlatformMigration() {
        service("classpath:db/test-service").migrate();
        LibrarySchema.PLATFORM.migrate(dataSource);
        assertEquals(List.of("1", "2", "3"), versions("flyway_schema_history"));

        int applied = LibrarySchema.PLATFORM.migrate(dataSource, "classpath:db/hop-platform",
                "classpath:db/test-platform-next");

        assertEquals(1, applied);
        assertEquals("90", last(versions("hop_platform_schema_history")));
        assertEquals(1, count("select count(*) from information_schema.columns where table_name = 'hop_timer'"
                + " and column_name = 'test_next_platform_column'"));
        // The service's history is untouched and still validates: no out-of-order version appeared in it.
        assertEquals(List.of("1", "2", "3"), versions("flyway_schema_history"));
        service("classpath:db/test-service").validate();
    }

    @Test
    void aServiceMigratesOnADatabaseWhereThePlatformCameFirst() {
        LibrarySchema.PLATFORM.migrate(dataSource);

        service("classpath:db/test-service").migrate();

        assertEquals("3", last(versions("flyway_schema_history")));
        assertEquals(0, count("select count(*) from test_subscriber"));
        assertEquals(0, count("select count(*) from hop_outbox"));
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        int first = LibrarySchema.PLATFORM.migrate(dataSource);
        int second = LibrarySchema.PLATFORM.migrate(dataSource);

        assertEquals(true, first > 0);
        assertEquals(0, second);
    }

    @Test
    void aLibraryCannotClaimTheServicesOwnLocation() {
        assertThrows(IllegalArgumentException.class,
                () -> new LibrarySchema("bad", "classpath:db/migration", "bad_history"));
    }

    @Test
    void thePlatformSchemaIsMigratedBeforeTheOtherLibraries() {
        LibrarySchema readModel = new LibrarySchema("hop-readmodel", "classpath:db/hop-readmodel", "h");
        LibrarySchema another = new LibrarySchema("a-library", "classpath:db/a", "a");

        assertEquals(List.of(LibrarySchema.PLATFORM, another, readModel),
                LibrarySchemas.ordered(List.of(readModel, LibrarySchema.PLATFORM, another)));
    }

    private Flyway service(String location) {
        return Flyway.configure().dataSource(dataSource).locations(location)
                .baselineOnMigrate(true).baselineVersion("0").load();
    }

    private List<String> versions(String historyTable) {
        try (var connection = dataSource.getConnection();
                var rs = connection.createStatement().executeQuery(
                        "select coalesce(version, '') from " + historyTable + " where success order by installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (var connection = dataSource.getConnection(); var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }
}
