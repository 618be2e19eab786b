package io.hop.pluginhost.loading;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.PluginContext;
import io.hop.pluginhost.runtime.PluginRuntime;

/**
 * Loads the plugins of a directory. Each entry is one plugin: either a JAR ({@code good-plugin.jar}), or a folder
 * holding the plugin's JAR(s) and its data files ({@code wispr/wispr.jar}, {@code wispr/ssids.txt}). Every plugin gets
 * a class loader of its own over its JARs, whose parent shares only the plugin API and the JDK
 * ({@link ApiOnlyParentLoader}); its implementation is the one {@link HotspotPlugin} its JAR declares in
 * {@code META-INF/services/io.hop.plugin.api.HotspotPlugin}; it is instantiated and started on its own executor
 * within its {@code start} timeout. A plugin that cannot be loaded is reported and left out: the others load.
 */
public final class PluginLoader {

    private static final Logger LOG = Logger.getLogger(PluginLoader.class);

    /** Builds the capabilities a plugin gets, once its manifest is known. */
    @FunctionalInterface
    public interface ContextFactory {
        /** @param filesRoot the plugin's folder (its data files), or null for a bare JAR */
        PluginContext create(PluginManifest manifest, Path filesRoot);
    }

    /** A plugin that was not loaded, and why. */
    public record LoadFailure(String source, String error) {
    }

    /** What a directory gave. */
    public record Loaded(List<PluginRuntime> plugins, List<LoadFailure> failures) {
    }

    private final ClassLoader apiLoader;
    private final UnaryOperator<PluginManifest> deployment;
    private final ContextFactory contexts;
    private final Clock clock;
    private final Set<String> builtIns;

    /**
     * @param apiLoader  the loader of {@code io.hop.plugin.api} (the host's)
     * @param deployment applies the deployment's overrides (operators, rank) to a manifest
     * @param builtIns   ids of the plugins that ship with the platform (reported as {@code builtIn})
     */
    public PluginLoader(ClassLoader apiLoader, UnaryOperator<PluginManifest> deployment, ContextFactory contexts,
            Clock clock, Set<String> builtIns) {
        this.apiLoader = apiLoader;
        this.deployment = deployment;
        this.contexts = contexts;
        this.clock = clock;
        this.builtIns = Set.copyOf(builtIns);
    }

    public Loaded loadAll(Path directory) {
        List<PluginRuntime> plugins = new ArrayList<>();
        List<LoadFailure> failures = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            LOG.warnf("plugins directory %s does not exist: no plugins loaded", directory);
            return new Loaded(plugins, failures);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list plugins directory " + directory, e);
        }
        Set<String> ids = new HashSet<>();
        for (Path entry : entries) {
            try {
                PluginRuntime runtime = load(entry);
                if (!ids.add(runtime.id())) {
                    runtime.close();
                    throw new IllegalStateException("a plugin with id " + runtime.id() + " is already loaded");
                }
                plugins.add(runtime);
                LOG.infof("plugin %s %s loaded from %s (rank %d, operators %s)", runtime.id(),
                        runtime.manifest().version(), entry.getFileName(), runtime.manifest().rank(),
                        runtime.manifest().operators());
            } catch (Exception e) {
                String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                LOG.errorf("plugin %s not loaded: %s", entry.getFileName(), error);
                failures.add(new LoadFailure(entry.getFileName().toString(), error));
            }
        }
        return new Loaded(plugins, failures);
    }

    /** Loads one plugin (a JAR or a folder). */
    public PluginRuntime load(Path entry) throws Exception {
        boolean folder = Files.isDirectory(entry);
        List<Path> jars;
        if (folder) {
            try (Stream<Path> list = Files.list(entry)) {
                jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
        } else {
            jars = List.of(entry);
        }
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("no JAR in " + entry);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader("plugin:" + entry.getFileName(), urls,
                new ApiOnlyParentLoader(apiLoader));
        try {
            PluginManifest manifest = deployment.apply(manifestOf(loader));
            ThreadPoolExecutor executor = PluginRuntime.executorFor(manifest, loader);
            try {
                PluginContext context = contexts.create(manifest, folder ? entry : null);
                HotspotPlugin plugin = startOnExecutor(manifest, loader, executor, context);
                return new PluginRuntime(manifest, plugin, loader, executor, clock, builtIns.contains(manifest.id()));
            } catch (Exception | Error e) {
                executor.shutdownNow();
                throw e;
            }
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        }
    }

    private static PluginManifest manifestOf(URLClassLoader loader) throws IOException {
        List<URL> found = Collections.list(loader.findResources(PluginManifest.RESOURCE));
        if (found.size() != 1) {
            throw new IllegalArgumentException("a plugin needs exactly one " + PluginManifest.RESOURCE + ", found "
                    + found.size());
        }
        try (InputStream in = found.get(0).openStream()) {
            return PluginManifest.read(in);
        }
    }

    private static HotspotPlugin startOnExecutor(PluginManifest manifest, ClassLoader loader,
            ThreadPoolExecutor executor, PluginContext context) throws Exception {
        Future<HotspotPlugin> started = executor.submit(() -> {
            List<ServiceLoader.Provider<HotspotPlugin>> providers = ServiceLoader.load(HotspotPlugin.class, loader)
                    .stream().filter(p -> p.type().getClassLoader() == loader).toList();
            if (providers.size() != 1) {
                throw new IllegalArgumentException("a plugin JAR must declare exactly one " + HotspotPlugin.class
                        .getName() + " in META-INF/services, found " + providers.size());
            }
            HotspotPlugin plugin = providers.get(0).get();
            plugin.start(context);
            return plugin;
        });
        long timeout = manifest.timeoutOf("start").toMillis();
        try {
            return started.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            started.cancel(true);
            throw new IllegalStateException("plugin " + manifest.id() + " did not start within " + timeout + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("plugin " + manifest.id() + " failed to start: " + cause, cause);
        }
    }
}
