package io.hop.pluginhost.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The test plugins (plugins/testing, laid out in target/test-plugins by the build) loaded beside the built-in ones:
 * each has its own class loader sharing only the plugin API and the JDK, and only its own capabilities.
 */
@QuarkusTest
class PluginIsolationTest {

    static RequestSpecification acme() {
        return given().auth().oauth2(Tokens.operator("acme")).contentType("text/plain");
    }

    static String call(String plugin, String operation, String body) {
        return acme().body(body).post("/v1/plugins/" + plugin + "/" + operation).then().statusCode(200).extract()
                .asString();
    }

    @Test
    void twoPluginsBundlingConflictingVersionsOfOneLibraryEachSeeTheirOwn() {
        assertEquals("1.0", call("lib-a", "version", ""));
        assertEquals("2.0", given().auth().oauth2(Tokens.operator("globex")).body("")
                .post("/v1/plugins/lib-b/version").then().statusCode(200).extract().asString());
    }

    @Test
    void aPluginSeesThePluginApiAndTheJdkButNotTheHostNorOtherPlugins() {
        assertEquals("visible", call("good", "probe-class", "io.hop.plugin.api.HotspotPlugin"));
        assertEquals("visible", call("good", "probe-class", "java.net.http.HttpClient"));
        for (String hidden : new String[] { "io.hop.pluginhost.registry.PluginRegistry",
                "io.hop.platform.outbox.Outbox", "io.hop.contracts.Channels",
                "com.fasterxml.jackson.databind.ObjectMapper", "org.apache.kafka.clients.producer.KafkaProducer",
                "io.hop.testlib.LibVersion", "io.hop.testplugins.bad.BadPlugin" }) {
            assertEquals("invisible", call("good", "probe-class", hidden), hidden);
        }
    }

    @Test
    void theDeploymentOverridesTheManifestsConfigAndGivesSecrets() {
        String echo = call("good", "echo", "{\"x\":1}");
        assertEquals("{\"operatorId\":\"acme\",\"greeting\":\"hello from the deployment\",\"secret\":\"present\","
                + "\"body\":{\"x\":1}}", echo);
    }

    @Test
    void dataFilesBesideTheJarAreReadableAndNothingElse() {
        assertEquals("welcome to the good plugin\n", call("good", "file", "welcome.txt"));
        assertEquals("refused", call("good", "file", "../bad/bad.jar"));
        assertEquals("refused", call("good", "file", "/etc/passwd"));
    }

    @Test
    void theStoreCountsAtomicallyPerPluginAndOperatorAndRefusesOtherOperators() {
        long first = Long.parseLong(call("good", "counter", ""));
        assertEquals(first + 1, Long.parseLong(call("good", "counter", "")));
        acme().body("globex").post("/v1/plugins/good/store-other-operator").then().statusCode(502);
    }

    @Test
    void aRefusedOperationIsAProblemNamingTheViolations() {
        acme().body("").post("/v1/plugins/good/refuse").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("imsi"))
                .body("violations[0].message", equalTo("must be 15 digits"));
        acme().body("").post("/v1/plugins/good/no-such-operation").then().statusCode(404);
    }

    @Test
    void operationsAreForOperatorTokensOfAnOperatorThePluginServes() {
        given().auth().oauth2(Tokens.operator("globex")).body("").post("/v1/plugins/good/echo").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.device("acme", "dev-1")).body("").post("/v1/plugins/good/echo").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.admin()).body("").post("/v1/plugins/good/echo").then().statusCode(404);
        given().body("").post("/v1/plugins/good/echo").then().statusCode(401);
        acme().body("").post("/v1/plugins/nope/echo").then().statusCode(404);
    }

    @Test
    void theListShowsEachPluginToTheOperatorsItServes() {
        given().auth().oauth2(Tokens.admin()).get("/v1/plugins").then().statusCode(200)
                .body("pluginId", containsInAnyOrder("bad", "provisioned-hotspots", "wispr", "good", "lib-a",
                        "lib-b"))
                .body("find { it.pluginId == 'provisioned-hotspots' }.builtIn", equalTo(true))
                .body("find { it.pluginId == 'good' }.builtIn", equalTo(false))
                .body("find { it.pluginId == 'good' }.version", equalTo("1.0.0"))
                .body("find { it.pluginId == 'good' }.rank", equalTo(20))
                .body("find { it.pluginId == 'good' }.operators", equalTo(java.util.List.of("acme")));
        given().auth().oauth2(Tokens.operator("globex")).get("/v1/plugins").then().statusCode(200)
                .body("pluginId", hasItem("lib-b")).body("pluginId", not(hasItem("good")))
                .body("pluginId", not(hasItem("bad")));
        given().auth().oauth2(Tokens.device("acme", "dev-1")).get("/v1/plugins").then().statusCode(403);
    }
}
