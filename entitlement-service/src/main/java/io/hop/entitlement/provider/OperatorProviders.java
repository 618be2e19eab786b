package io.hop.entitlement.provider;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.RevisionCache;
import io.hop.readmodel.devices.DeviceResolver;

/**
 * The providers of each operator, held in memory for the entitlement check: a check reads no provider row while the
 * operator's configuration revision ({@link ConfigurationRevisions}), read in the device's statement, is unchanged.
 * {@link ProviderService} gives the operator a new revision in the transaction that changes or deletes one of its
 * providers, so the next check on any replica reads them again.
 */
@ApplicationScoped
public class OperatorProviders {

    private final ProviderRepository repository;
    private final RevisionCache<Map<String, EntitlementProvider>> byOperator;

    OperatorProviders(ProviderRepository repository) {
        this.repository = repository;
        this.byOperator = new RevisionCache<>(operatorId -> repository.listByOperator(operatorId).stream()
                .collect(Collectors.toUnmodifiableMap(EntitlementProvider::name, Function.identity())));
    }

    /**
     * The operator's provider of this name.
     *
     * @param configurationRevision the operator's configuration revision as read with the device
     *                              ({@link DeviceResolver.Resolution}); {@link DeviceResolver.Resolution#NO_REVISION}
     *                              reads the provider from the database
     */
    public Optional<EntitlementProvider> find(String operatorId, String name, long configurationRevision) {
        if (configurationRevision == DeviceResolver.Resolution.NO_REVISION) {
            return repository.find(operatorId, name);
        }
        return Optional.ofNullable(byOperator.get(operatorId, configurationRevision).get(name));
    }

    /** How often an operator's providers were read from the database (a miss), for tests. */
    public long loads() {
        return byOperator.loads();
    }
}
