package io.hop.pluginhost.loading;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin's class loader: it lets through the JDK (the platform class loader) and the plugin API
 * ({@code io.hop.plugin.api.*}, from the host's loader) and nothing else, so that a plugin never sees the host's
 * classes or libraries (Quarkus, Jackson, Kafka, the platform's own code) and brings its own versions of whatever it
 * needs. Sharing the API's classes is what lets the host call the plugin through {@code HotspotPlugin}.
 */
final class ApiOnlyParentLoader extends ClassLoader {

    static final String API_PACKAGE = "io.hop.plugin.api.";
    private static final String API_PATH = "io/hop/plugin/api/";

    private final ClassLoader host;

    ApiOnlyParentLoader(ClassLoader host) {
        super("hop-plugin-api", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return host.loadClass(name);
        }
        // The platform loader (our parent) has the JDK; anything else does not exist for a plugin.
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(API_PATH) ? host.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(API_PATH) ? host.getResources(name)
                : name.startsWith("META-INF/") ? Collections.emptyEnumeration() : super.getResources(name);
    }
}
