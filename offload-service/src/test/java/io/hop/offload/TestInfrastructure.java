package io.hop.offload;

import io.hop.offload.testing.OffloadTestDoubles;
import io.hop.testing.infra.HopInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every {@code @QuarkusTest} of this module runs against the real PostgreSQL and Kafka, with a fresh database, and
 * against plugin-host test doubles and topics of its own ({@link OffloadTestDoubles}).
 */
@QuarkusTestResource(value = HopInfraResource.class, initArgs = @ResourceArg(name = "database", value = "offload"))
@QuarkusTestResource(OffloadTestDoubles.class)
public class TestInfrastructure {
}
