package io.hop.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.hop.platform.schema.LibrarySchema;
import io.quarkus.runtime.Startup;

/**
 * CDI wiring: the library's tables (migrated at start-up by the platform's {@code LibrarySchemas}, before any consumer
 * starts), and the service's {@link ProvisioningReadModel}, made of the handlers {@code hop.readmodel.entities} names.
 */
@ApplicationScoped
public class ReadModelBeans {

    private static final Logger LOG = Logger.getLogger(ProvisioningReadModel.class);

    @Produces
    @Singleton
    LibrarySchema readModelSchema() {
        return ReadModelSchema.SCHEMA;
    }

    /** Built at start-up, so that a misnamed entity type stops the service before it consumes anything. */
    @Produces
    @Singleton
    @Startup
    ProvisioningReadModel provisioningReadModel(ReadModelConfig config, @Any Instance<EntityHandler<?>> handlers) {
        ProvisioningReadModel readModel = ProvisioningReadModel.enabling(config.entities(), handlers.stream().toList());
        LOG.infof("provisioning read model keeps %s", readModel.entityTypes());
        return readModel;
    }
}
