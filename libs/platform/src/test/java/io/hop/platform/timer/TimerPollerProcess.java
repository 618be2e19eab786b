package io.hop.platform.timer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.postgresql.ds.PGSimpleDataSource;

import io.hop.platform.testsupport.TestDatabase;
import io.hop.platform.tx.LocalTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Test-only main class: a {@link TimerPoller} in a JVM of its own, so that {@link TimerPollerCrashTest} can kill it
 * with SIGKILL at a moment it chooses. Its handler records each firing in {@code test_timer_fired} in the firing's
 * transaction, like the handler of {@link TimerPollerTest}. For the timer named by the second argument it then prints
 * a line on stdout and blocks forever, at the chosen {@link CrashPoint}.
 *
 * <p>Arguments: {@code <crash point> <timer key>}. Environment: {@value #ENV_URL}, {@value #ENV_USER},
 * {@value #ENV_PASSWORD}. The process exits by itself when its stdin closes, so that a test JVM that dies leaves no
 * poller behind.
 */
public final class TimerPollerProcess {

    static final String ENV_URL = "HOP_TIMER_TEST_JDBC_URL";
    static final String ENV_USER = "HOP_TIMER_TEST_JDBC_USER";
    static final String ENV_PASSWORD = "HOP_TIMER_TEST_JDBC_PASSWORD";

    /** Where the handler of the chosen timer stops and waits to be killed. */
    enum CrashPoint {
        /** After writing its effect, inside the firing's open transaction; prints {@code IN_HANDLER <key>}. */
        IN_HANDLER,
        /** Right after the firing's transaction committed; prints {@code COMMITTED <key>}. */
        AFTER_COMMIT;

        String line(String key) {
            return name() + " " + key;
        }
    }

    private TimerPollerProcess() {
    }

    public static void main(String[] args) throws IOException {
        CrashPoint crashPoint = CrashPoint.valueOf(args[0]);
        String crashKey = args[1];

        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(System.getenv(ENV_URL));
        postgres.setUser(System.getenv(ENV_USER));
        postgres.setPassword(System.getenv(ENV_PASSWORD));
        LocalTransactions tx = new LocalTransactions(postgres);

        TimerHandler handler = new TimerHandler() {
            @Override
            public String type() {
                return TimerPollerTest.TYPE;
            }

            @Override
            public void onTimer(FiredTimer timer) {
                TestDatabase.update(tx.dataSource(),
                        "insert into test_timer_fired (timer_key, attempt, payload) values (?, ?, ?)", timer.key(),
                        timer.attempt(), timer.payload());
                if (!timer.key().equals(crashKey)) {
                    return;
                }
                if (crashPoint == CrashPoint.IN_HANDLER) {
                    signalAndBlock(crashPoint.line(timer.key()));
                } else {
                    tx.afterCommit(() -> signalAndBlock(crashPoint.line(timer.key())));
                }
            }
        };
        TimerPoller poller = new TimerPoller(tx.dataSource(), tx, Map.of(handler.type(), handler),
                new TimerPoller.Options(Duration.ofMillis(50), 20, Duration.ofMillis(100), Duration.ofMillis(400)),
                Clock.systemUTC(), new SimpleMeterRegistry());
        poller.start(); // a daemon thread: this JVM lives as long as main below

        InputStream stdin = System.in;
        while (stdin.read() != -1) {
            // nothing to read: the test never writes; end of stream means the test closed it or died
        }
        System.exit(3);
    }

    private static void signalAndBlock(String line) {
        System.out.println(line);
        System.out.flush();
        try {
            new CountDownLatch(1).await(); // until SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // never let the blocked firing go on to commit: the test expects this process to die here
            throw new IllegalStateException("interrupted while waiting to be killed", e);
        }
    }
}
