package dev.ironbox.cliapp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The executable's logging, set up in code rather than from a {@code logback.xml}: reading XML at every start loads
 * an XML parser and logback's configuration model (several hundred classes) for four settings. Found by logback
 * through {@link java.util.ServiceLoader} ({@code META-INF/services}); it stops logback from looking for a file.
 *
 * <p>Warnings and errors only, on stderr (stdout is the sandboxed command's), as {@code ironbox: LEVEL Logger: msg} ({@link LogLineLayout}).
 * {@code IRONBOX_LOG_LEVEL} (a system property, else the environment variable) changes the level as it did in the
 * XML ({@code ${IRONBOX_LOG_LEVEL:-WARN}}). Jetty never logs below INFO ({@link JettyLogFloor}): its DEBUG lines
 * print forwarded headers, which would include injected credentials. Egress decisions are INFO lines on
 * {@code dev.ironbox.egress.audit}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "IRONBOX_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, level(System.getProperty(LEVEL_VARIABLE), System.getenv(LEVEL_VARIABLE)));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} at {@code level} (a logback level name; an unknown one means DEBUG, as in the XML). */
    static void configure(LoggerContext context, String level) {
        // logback's own status lines (e.g. about a failing appender) stay off the user's terminal, as before
        context.getStatusManager().add(new NopStatusListener());
        context.addTurboFilter(started(new JettyLogFloor(), context));

        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level));
        root.addAppender(stderr);
    }

    /** The property, else the variable, else WARN. */
    static String level(String property, String variable) {
        if (property != null) {
            return property;
        }
        return variable != null ? variable : "WARN";
    }

    private static JettyLogFloor started(JettyLogFloor filter, LoggerContext context) {
        filter.setContext(context);
        filter.start();
        return filter;
    }
}
