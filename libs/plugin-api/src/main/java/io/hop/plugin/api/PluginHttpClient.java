package io.hop.plugin.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * HTTP for plugins. Only the hosts the manifest allows are reachable: any other host fails the stage with a
 * {@link SecurityException} before a connection is made. Redirects are not followed (a WISPr client reads them).
 */
public interface PluginHttpClient {

    CompletionStage<Response> send(Request request);

    /**
     * @param method  GET, POST, …
     * @param uri     absolute http(s) URI
     * @param headers request headers
     * @param body    the body, or null
     * @param bearer  the network the request must leave through: on a device-side host the cellular or the Wi-Fi
     *                bearer; plugin-host records it as a hint for the network path it runs on
     */
    record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body, Bearer bearer) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            bearer = bearer == null ? Bearer.ANY : bearer;
        }

        public static Request get(URI uri, Bearer bearer) {
            return new Request("GET", uri, Map.of(), null, bearer);
        }
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public Response {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** The first value of a header, matched without regard to case, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The bearer a request should use. */
    enum Bearer {
        CELLULAR, WIFI, ANY
    }
}
