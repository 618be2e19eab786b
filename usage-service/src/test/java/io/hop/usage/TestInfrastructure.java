package io.hop.usage;

import io.hop.testing.infra.HopInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every {@code @QuarkusTest} of this module runs against the real PostgreSQL and Kafka, with a fresh database. */
@QuarkusTestResource(value = HopInfraResource.class, initArgs = @ResourceArg(name = "database", value = "usage"))
public class TestInfrastructure {
}
