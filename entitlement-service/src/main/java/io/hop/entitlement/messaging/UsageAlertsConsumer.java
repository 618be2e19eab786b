package io.hop.entitlement.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.entitlement.alert.TetheringAllowances;
import io.hop.entitlement.session.SharingService;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code usage.alerts.v1}: a TETHERING_ALLOWANCE_EXHAUSTED alert records the exhausted billing period (PLAN_ALLOWANCE
 * fails until a new period starts) and re-checks the device's sharing session at once. Other kinds are not ours.
 */
@ApplicationScoped
public class UsageAlertsConsumer {

    private final Consumers consumers;
    private final TetheringAllowances allowances;
    private final SharingService sharing;

    UsageAlertsConsumer(Consumers consumers, TetheringAllowances allowances, SharingService sharing) {
        this.consumers = consumers;
        this.allowances = allowances;
        this.sharing = sharing;
    }

    @Incoming(Channels.USAGE_ALERTS)
    @Blocking
    public void onAlert(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.USAGE_ALERTS, record, this::apply);
    }

    private void apply(IncomingEvent event) {
        if (event.tombstone()) {
            return;
        }
        if (!event.is(UsageEvents.ALERT_RAISED)) {
            throw InvalidEventException.unsupportedType(event);
        }
        UsageAlertRaised alert = event.dataAs(UsageEvents.ALERT_RAISED);
        if (!UsageAlertRaised.Kind.TETHERING_ALLOWANCE_EXHAUSTED.name().equals(alert.kind())) {
            return;
        }
        if (alert.operatorId() == null || alert.deviceId() == null || alert.periodStart() == null) {
            throw new InvalidEventException("a TETHERING_ALLOWANCE_EXHAUSTED alert needs operatorId, deviceId, periodStart");
        }
        allowances.exhausted(alert);
        sharing.recheckSoon(alert.operatorId(), alert.deviceId());
    }
}
