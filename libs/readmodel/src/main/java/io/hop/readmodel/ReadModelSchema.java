package io.hop.readmodel;

import io.hop.platform.schema.LibrarySchema;

/** The tables of hop-readmodel: their own Flyway location and history table, migrated after the platform's. */
public final class ReadModelSchema {

    /** {@code classpath:db/hop-readmodel}, history {@code hop_readmodel_schema_history}. */
    public static final LibrarySchema SCHEMA = new LibrarySchema("hop-readmodel", "classpath:db/hop-readmodel",
            "hop_readmodel_schema_history");

    private ReadModelSchema() {
    }
}
