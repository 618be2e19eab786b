package io.hop.platform.schema;

import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Migrates every {@link LibrarySchema} of the service at start-up: the platform's first, then the others by name.
 * Runs before anything else observes {@link StartupEvent} (messaging, relay, timers), next to Quarkus' own Flyway run of
 * the service's {@code db/migration}. {@code hop.schema.migrate-at-start=false} turns it off, for deployments that
 * migrate out of band.
 */
@ApplicationScoped
public class LibrarySchemas {

    private static final Logger LOG = Logger.getLogger(LibrarySchemas.class);

    @Produces
    @Singleton
    LibrarySchema platform() {
        return LibrarySchema.PLATFORM;
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, DataSource dataSource,
            Instance<LibrarySchema> schemas,
            @ConfigProperty(name = "hop.schema.migrate-at-start", defaultValue = "true") boolean migrateAtStart) {
        if (!migrateAtStart) {
            LOG.info("Library schemas not migrated (hop.schema.migrate-at-start=false)");
            return;
        }
        for (LibrarySchema schema : ordered(schemas.stream().toList())) {
            int applied = schema.migrate(dataSource);
            LOG.infof("Schema of %s: %d migration(s) applied (history table %s)", schema.name(), applied,
                    schema.historyTable());
        }
    }

    static List<LibrarySchema> ordered(List<LibrarySchema> schemas) {
        return schemas.stream()
                .sorted(Comparator.comparing((LibrarySchema s) -> !s.equals(LibrarySchema.PLATFORM))
                        .thenComparing(LibrarySchema::name))
                .toList();
    }
}
