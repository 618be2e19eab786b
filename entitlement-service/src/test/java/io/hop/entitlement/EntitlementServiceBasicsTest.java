package io.hop.entitlement;

import io.hop.testing.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EntitlementServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String protectedPath() {
        return "/v1/devices/any-device/sharing";
    }
}
