package io.hop.usage;

import io.hop.testing.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UsageServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String protectedPath() {
        return "/v1/devices/any-device/usage";
    }
}
