package dev.ironbox.cliapp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The log line keeps the shape of the former pattern {@code ironbox: %level %logger{0}: %msg%n}, stack trace too. */
class LogLineLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final LogLineLayout layout = new LogLineLayout();

    private String line(String message, Throwable thrown, Object... arguments) {
        return layout.doLayout(new LoggingEvent("fqcn", context.getLogger("dev.ironbox.app.RuntimeConnector"),
                Level.WARN, message, thrown, arguments));
    }

    @Test
    void levelSimpleLoggerNameAndFormattedMessage() {
        assertThat(line("cannot remove {}", null, "c1")).isEqualTo("ironbox: WARN RuntimeConnector: cannot remove c1"
                + System.lineSeparator());
    }

    @Test
    void anExceptionFollowsWithItsStackTrace() {
        String line = line("failed", new IllegalStateException("boom"));

        assertThat(line).startsWith("ironbox: WARN RuntimeConnector: failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom");
        assertThat(line).contains("\tat dev.ironbox.cliapp.LogLineLayoutTest");
    }

    @Test
    void aNameWithoutDotsStaysWhole() {
        assertThat(LogLineLayout.simpleName("ROOT")).isEqualTo("ROOT");
    }
}
