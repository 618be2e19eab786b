package io.hop.entitlement.provider;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.entitlement.config.EntitlementConfig;
import io.hop.platform.crypto.SecretBox;
import io.hop.platform.problem.ProblemException;
import io.hop.readmodel.ConfigurationRevisions;

/**
 * Creates, replaces, lists and deletes an operator's providers; seals their secrets before they are stored. Every
 * change gives the operator a new configuration revision in its transaction, so that every replica's in-memory copy
 * ({@link OperatorProviders}) is read again by the next check.
 */
@ApplicationScoped
public class ProviderService {

    private final ProviderRepository repository;
    private final SecretBox secrets;
    private final EntitlementConfig config;
    private final ConfigurationRevisions revisions;
    private final Clock clock = Clock.systemUTC();

    ProviderService(ProviderRepository repository, SecretBox secrets, EntitlementConfig config,
            ConfigurationRevisions revisions) {
        this.repository = repository;
        this.secrets = secrets;
        this.config = config;
        this.revisions = revisions;
    }

    /** The stored provider and whether it was created (else replaced). */
    public record Saved(EntitlementProvider provider, boolean created) {
    }

    @Transactional
    public Saved put(String operatorId, String name, ProviderRequest request) {
        Optional<EntitlementProvider> existing = ProviderValidation.NAME.matcher(name).matches()
                ? repository.findForUpdate(operatorId, name)
                : Optional.empty();
        ProviderValidation.Valid valid = ProviderValidation.validate(name, request, existing.orElse(null),
                config.webhook().allowInsecureHttp(), config.webhook().defaultTimeout());
        String sealedSecret = null;
        String sealedBearer = null;
        if (valid.type() == ProviderType.WEBHOOK) {
            sealedSecret = valid.secret() != null ? secrets.seal(valid.secret())
                    : existing.map(EntitlementProvider::sealedSecret).orElse(null);
            if (valid.bearerToken() == null) {
                sealedBearer = existing.map(EntitlementProvider::sealedBearer).orElse(null);
            } else if (!valid.bearerToken().isEmpty()) {
                sealedBearer = secrets.seal(valid.bearerToken());
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EntitlementProvider provider = new EntitlementProvider(operatorId, name, valid.type(), valid.url(),
                valid.timeout(), sealedSecret, sealedBearer, existing.map(p -> p.version() + 1).orElse(1L), now);
        repository.upsert(provider);
        revisions.changed(operatorId);
        return new Saved(provider, existing.isEmpty());
    }

    public EntitlementProvider get(String operatorId, String name) {
        return repository.find(operatorId, name).orElseThrow(() -> ProblemException.notFound("no such provider"));
    }

    public List<EntitlementProvider> list(String operatorId) {
        return repository.listByOperator(operatorId);
    }

    @Transactional
    public void delete(String operatorId, String name) {
        if (!repository.delete(operatorId, name)) {
            throw ProblemException.notFound("no such provider");
        }
        revisions.changed(operatorId);
    }
}
