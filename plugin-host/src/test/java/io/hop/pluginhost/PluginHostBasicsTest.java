package io.hop.pluginhost;

import io.hop.testing.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PluginHostBasicsTest extends ServiceBasicsContract {

    @Override
    protected String protectedPath() {
        return "/v1/plugins";
    }
}
