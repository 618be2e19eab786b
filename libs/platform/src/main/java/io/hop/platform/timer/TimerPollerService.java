package io.hop.platform.timer;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.hop.platform.config.TimersConfig;
import io.hop.platform.tx.Transactor;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the service's {@link TimerPoller} from start-up to shutdown, with the service's {@link TimerHandler} beans
 * (each called with a request context active, in a JTA transaction).
 */
@ApplicationScoped
public class TimerPollerService {

    private static final Logger LOG = Logger.getLogger(TimerPollerService.class);

    private final DataSource dataSource;
    private final Transactor transactor;
    private final Instance<TimerHandler> handlerBeans;
    private final TimersConfig config;
    private final MeterRegistry registry;

    private TimerPoller poller;

    @Inject
    public TimerPollerService(DataSource dataSource, Transactor transactor, @Any Instance<TimerHandler> handlerBeans,
            TimersConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.handlerBeans = handlerBeans;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        TimersConfig timers = config;
        if (!timers.pollerEnabled()) {
            LOG.info("Timer poller disabled (hop.timers.poller-enabled=false)");
            return;
        }
        Map<String, TimerHandler> handlers = new HashMap<>();
        for (TimerHandler handler : handlerBeans) {
            TimerHandler previous = handlers.put(handler.type(), withRequestContext(handler));
            if (previous != null) {
                throw new IllegalStateException("two TimerHandler beans for timer type " + handler.type());
            }
        }
        poller = new TimerPoller(dataSource, transactor, handlers,
                new TimerPoller.Options(timers.pollInterval(), timers.batchSize(), timers.initialBackoff(),
                        timers.maxBackoff()),
                Clock.systemUTC(), registry);
        poller.start();
        LOG.debugf("Timer poller started for types %s", handlers.keySet());
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }

    private static TimerHandler withRequestContext(TimerHandler handler) {
        return new TimerHandler() {
            @Override
            public String type() {
                return handler.type();
            }

            @Override
            public void onTimer(FiredTimer timer) {
                ManagedContext requestContext = Arc.container().requestContext();
                if (requestContext.isActive()) {
                    handler.onTimer(timer);
                    return;
                }
                requestContext.activate();
                try {
                    handler.onTimer(timer);
                } finally {
                    requestContext.terminate();
                }
            }
        };
    }
}
