package io.hop.offload;

import io.hop.testing.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OffloadServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String protectedPath() {
        return "/v1/connections/any-connection";
    }
}
