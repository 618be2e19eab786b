package io.hop.provisioning;

import io.hop.testing.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProvisioningServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String protectedPath() {
        return "/v1/operators";
    }
}
