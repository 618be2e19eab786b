package io.hop.provisioning.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

import io.hop.contracts.Channels;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.outbox.Outbox;
import io.quarkus.panache.common.Sort;

/** Operators: each change commits together with the {@code provisioning.operator-changed.v1} event announcing it. */
@ApplicationScoped
public class OperatorService {

    private final OperatorRepository operators;
    private final Outbox outbox;
    private final Clock clock;

    OperatorService(OperatorRepository operators, Outbox outbox) {
        this.operators = operators;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public Operator create(String id, String name) {
        if (operators.findByIdOptional(id).isPresent()) {
            throw new ClientErrorException("operator '" + id + "' already exists", Response.Status.CONFLICT);
        }
        // Microseconds: what PostgreSQL stores, so the event and a later read agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Operator operator = Operator.create(id, name, now);
        operators.persist(operator);
        // Keyed by entity (the topic is compacted), subject the operator id.
        outbox.publish(Channels.PROVISIONING_CHANGES, ProvisioningKeys.operator(id), id, ProvisioningEvents.OPERATOR_CHANGED,
                operator.toEvent());
        return operator;
    }

    public Optional<Operator> find(String id) {
        return operators.findByIdOptional(id);
    }

    public List<Operator> list() {
        return operators.listAll(Sort.by("id"));
    }
}
