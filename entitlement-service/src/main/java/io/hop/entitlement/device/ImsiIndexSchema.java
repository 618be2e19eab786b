package io.hop.entitlement.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.hop.platform.schema.LibrarySchema;

/**
 * This service's index on the read model's {@code known_device} (IMSI look-ups). The read model's tables are created
 * by hop-readmodel's library schema, after the service's own Flyway run, so the index comes as a library schema of
 * its own, migrated after {@code hop-readmodel} (library schemas run in name order after the platform's).
 */
@ApplicationScoped
public class ImsiIndexSchema {

    @Produces
    @Singleton
    LibrarySchema imsiIndex() {
        return new LibrarySchema("hop-readmodel-entitlement", "classpath:db/entitlement-readmodel",
                "entitlement_readmodel_schema_history");
    }
}
