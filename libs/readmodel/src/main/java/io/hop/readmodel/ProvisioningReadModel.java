package io.hop.readmodel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;

/**
 * The one code path from {@code provisioning.changes.v1} to a service's local tables: a change event goes to the
 * handler of its {@code ce_type}, a tombstone (null value) to the handler of its key's entity type, which deletes
 * the entity. Events and tombstones of entity types the service has not enabled are not its business and change
 * nothing, so provisioning can add types before every consumer knows them. A change is routed by its type, not its
 * key, so changes published before keys named the entity type (bare ids) still apply; only tombstones need
 * {@code <type>:<id>}.
 *
 * <pre>{@code
 * inbox.process(consumer, IncomingEvent.from(record), readModel::apply);
 * }</pre>
 *
 * Plain Java: in a service the CDI bean is built from the {@link EntityHandler} beans named in
 * {@code hop.readmodel.entities}.
 */
public final class ProvisioningReadModel {

    private final Map<String, EntityHandler<?>> byEntityType = new LinkedHashMap<>();
    private final Map<String, EntityHandler<?>> byEventType = new LinkedHashMap<>();

    /** A read model keeping exactly the entity types of {@code handlers}. */
    public ProvisioningReadModel(Collection<? extends EntityHandler<?>> handlers) {
        for (EntityHandler<?> handler : handlers) {
            Objects.requireNonNull(handler, "handler");
            register(byEntityType, handler.entityType(), handler);
            register(byEventType, handler.eventType().name(), handler);
        }
    }

    /**
     * A read model keeping the entity types named in {@code enabled}, chosen from {@code available}.
     *
     * @throws IllegalArgumentException when a name in {@code enabled} has no handler (the message lists the known ones)
     */
    public static ProvisioningReadModel enabling(Set<String> enabled, Collection<? extends EntityHandler<?>> available) {
        Objects.requireNonNull(enabled, "enabled");
        Map<String, EntityHandler<?>> known = new LinkedHashMap<>();
        available.forEach(handler -> known.put(handler.entityType(), handler));
        Set<String> unknown = new TreeSet<>(enabled);
        unknown.removeAll(known.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("hop.readmodel.entities names entity types without a handler: " + unknown
                    + "; known: " + new TreeSet<>(known.keySet()));
        }
        List<EntityHandler<?>> chosen = enabled.stream().sorted().map(known::get).collect(Collectors.toList());
        return new ProvisioningReadModel(chosen);
    }

    /** The entity types kept, e.g. {@code [operator]}. */
    public Set<String> entityTypes() {
        return Set.copyOf(byEntityType.keySet());
    }

    /**
     * Applies a change event of an enabled entity type, or, when its data is null, the tombstone of its key. Caller's
     * transaction (as from {@code Inbox.process}).
     *
     * @return true if the held state changed; false for an older or repeated change and for other entity types
     * @throws InvalidEventException when the data does not fit the event type, or a tombstone's key is not
     *                               {@code <type>:<id>}
     */
    public boolean apply(IncomingEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.data() == null) {
            return applyTombstone(event.key());
        }
        EntityHandler<?> handler = byEventType.get(event.type());
        return handler != null && applyTo(handler, event);
    }

    /**
     * Deletes the entity a tombstone's key names ({@code <type>:<id>}), when its type is enabled. Caller's
     * transaction; deleting an entity not held changes nothing, so a repeated tombstone is harmless.
     *
     * @return true if the entity was held and is now deleted
     * @throws InvalidEventException when {@code key} is not {@code <type>:<id>}
     */
    public boolean applyTombstone(String key) {
        ProvisioningKeys.Key entity;
        try {
            entity = ProvisioningKeys.parse(key);
        } catch (IllegalArgumentException e) {
            // No redelivery can make this key readable: dead-letter the record and go on.
            throw new InvalidEventException("tombstone with an unreadable key: " + e.getMessage(), e);
        }
        EntityHandler<?> handler = byEntityType.get(entity.entityType());
        return handler != null && handler.delete(entity.id());
    }

    private static <T> boolean applyTo(EntityHandler<T> handler, IncomingEvent event) {
        return handler.apply(event.dataAs(handler.eventType()));
    }

    private static void register(Map<String, EntityHandler<?>> index, String name, EntityHandler<?> handler) {
        EntityHandler<?> previous = index.putIfAbsent(name, handler);
        if (previous != null) {
            throw new IllegalArgumentException("two read-model handlers for '" + name + "': " + previous.getClass().getName()
                    + " and " + handler.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "ProvisioningReadModel" + byEntityType.keySet();
    }
}
