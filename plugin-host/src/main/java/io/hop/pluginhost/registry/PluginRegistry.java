package io.hop.pluginhost.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.HotspotProfile;
import io.hop.platform.crypto.SecretBox;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.Transactor;
import io.hop.pluginhost.capability.AllowListHttpClient;
import io.hop.pluginhost.capability.DirectoryFiles;
import io.hop.pluginhost.capability.HostPluginContext;
import io.hop.pluginhost.capability.JdbcKeyValueStore;
import io.hop.pluginhost.capability.OutboxNotifier;
import io.hop.pluginhost.loading.PluginLoader;
import io.hop.pluginhost.loading.PluginManifest;
import io.hop.pluginhost.runtime.PluginRuntime;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.RevisionCache;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.quarkus.runtime.Startup;

/**
 * The plugins of this host, loaded at start-up from {@code hop.plugin-host.plugins-dir} by {@link PluginLoader}, in
 * rank order (then id). Builds each plugin's capabilities from the host's database, outbox, secret box and read
 * model.
 */
@Startup
@ApplicationScoped
public class PluginRegistry {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class);

    private final PluginHostConfig config;
    private final DataSource dataSource;
    private final Transactor transactor;
    private final Outbox outbox;
    private final SecretBox secretBox;
    private final HotspotProfileDirectory profiles;
    private final ConfigurationRevisions revisions;
    /** Each operator's profiles as plugins see them, while its configuration revision is unchanged. */
    private final RevisionCache<List<HotspotProfile>> profileCopies = new RevisionCache<>(this::loadProfiles);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, HostPluginContext> contexts = new HashMap<>();
    private volatile List<PluginRuntime> plugins = List.of();
    private volatile List<PluginLoader.LoadFailure> failures = List.of();

    PluginRegistry(PluginHostConfig config, DataSource dataSource, Transactor transactor, Outbox outbox,
            SecretBox secretBox, HotspotProfileDirectory profiles, ConfigurationRevisions revisions) {
        this.config = config;
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.outbox = outbox;
        this.secretBox = secretBox;
        this.profiles = profiles;
        this.revisions = revisions;
    }

    @PostConstruct
    void load() {
        Path dir = Path.of(config.pluginsDir()).toAbsolutePath();
        PluginLoader loader = new PluginLoader(HotspotPlugin.class.getClassLoader(), this::withDeployment,
                this::contextFor, clock, config.builtInPlugins());
        PluginLoader.Loaded loaded = loader.loadAll(dir);
        List<PluginRuntime> enabled = loaded.plugins().stream().filter(p -> {
            boolean on = settingsOf(p.id()).map(PluginHostConfig.PluginSettings::enabled).orElse(true);
            if (!on) {
                p.close();
                LOG.infof("plugin %s disabled by hop.plugin-host.plugins.\"%s\".enabled", p.id(), p.id());
            }
            return on;
        }).sorted(Comparator.comparingInt((PluginRuntime p) -> p.manifest().rank()).thenComparing(PluginRuntime::id))
                .toList();
        plugins = enabled;
        failures = loaded.failures();
        LOG.infof("%d plugin(s) loaded from %s, %d not loaded", enabled.size(), dir, failures.size());
    }

    @PreDestroy
    void close() {
        for (PluginRuntime p : plugins) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "stopping plugin %s", p.id());
            }
        }
    }

    /** Every plugin, in rank order. */
    public List<PluginRuntime> all() {
        return plugins;
    }

    /** The plugins serving {@code operatorId}, in rank order. */
    public List<PluginRuntime> serving(String operatorId) {
        return plugins.stream().filter(p -> p.manifest().serves(operatorId)).toList();
    }

    public Optional<PluginRuntime> find(String pluginId) {
        return plugins.stream().filter(p -> p.id().equals(pluginId)).findFirst();
    }

    /** The capabilities the host gave a plugin. */
    public HostPluginContext contextOf(String pluginId) {
        synchronized (contexts) {
            return contexts.get(pluginId);
        }
    }

    /** Plugins found but not loaded, and why. */
    public List<PluginLoader.LoadFailure> failures() {
        return failures;
    }

    private Optional<PluginHostConfig.PluginSettings> settingsOf(String pluginId) {
        return Optional.ofNullable(config.plugins().get(pluginId));
    }

    private PluginManifest withDeployment(PluginManifest manifest) {
        return settingsOf(manifest.id())
                .map(s -> {
                    PluginManifest deployed = manifest.withDeployment(
                            s.operators().map(LinkedHashSet::new).map(x -> (java.util.Set<String>) x)
                                    .orElse(manifest.operators()),
                            s.rank().orElse(manifest.rank()));
                    if (s.allowedHosts().isPresent()) {
                        deployed = deployed.withAllowedHosts(s.allowedHosts().get());
                        LOG.infof("plugin %s: allowed hosts %s (deployment), manifest had %s", manifest.id(),
                                deployed.allowedHosts(), manifest.allowedHosts());
                    }
                    return deployed;
                })
                .orElse(manifest);
    }

    private HostPluginContext contextFor(PluginManifest manifest, Path filesRoot) {
        Map<String, String> settings = new HashMap<>(manifest.settings());
        Map<String, String> secrets = Map.of();
        Optional<PluginHostConfig.PluginSettings> deployed = settingsOf(manifest.id());
        if (deployed.isPresent()) {
            settings.putAll(deployed.get().config());
            secrets = deployed.get().secrets();
        }
        String id = manifest.id();
        HostPluginContext context = new HostPluginContext(manifest,
                new AllowListHttpClient(id, manifest.allowedHosts(), manifest.timeout(), null),
                new OutboxNotifier(id, manifest::serves, dataSource, transactor, outbox, clock),
                operatorId -> new JdbcKeyValueStore(dataSource, transactor, id, operatorId), settings, secrets,
                new DirectoryFiles(filesRoot), operatorId -> profilesOf(operatorId), secretBox::open, clock);
        synchronized (contexts) {
            contexts.put(id, context);
        }
        return context;
    }

    /**
     * The operator's profiles: the copy held while the operator's configuration revision is the one read now (a
     * primary-key read instead of reading and parsing every profile, twice per identification since two plugins ask),
     * else read again. Every applied profile change or deletion gives a new revision in its transaction.
     */
    private List<HotspotProfile> profilesOf(String operatorId) {
        return profileCopies.get(operatorId, revisions.current(operatorId));
    }

    private List<HotspotProfile> loadProfiles(String operatorId) {
        return profiles.listByOperator(operatorId).stream().map(PluginRegistry::toPlugin).flatMap(Optional::stream)
                .toList();
    }

    /** The plugin API's copy of a profile; a profile with an auth method this API does not know is left out. */
    static Optional<HotspotProfile> toPlugin(HotspotProfileChanged p) {
        AuthMethod method;
        try {
            method = AuthMethod.valueOf(p.authMethod());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        HotspotProfile.Wispr wispr = p.wispr() == null ? null
                : new HotspotProfile.Wispr(p.wispr().credentials(), p.wispr().username(),
                        p.wispr().encryptedPassword(), p.wispr().trustedLoginDomains(), p.wispr().loginUrl());
        return Optional.of(new HotspotProfile(p.operatorId(), p.profileId(), p.displayName(), p.ssids(),
                p.naiRealms(), p.plmnIds(), p.roamingConsortiumOis(), p.relation(), method, wispr, p.preference(),
                p.priority(), p.version()));
    }
}
