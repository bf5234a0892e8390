package dev.ironbox.cliapp;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * {@code ironbox: LEVEL Logger: message}, then the exception's stack trace if there is one: what the pattern
 * {@code ironbox: %level %logger{0}: %msg%n} printed (a pattern layout adds the stack trace itself). Written out
 * because logback's {@code PatternLayout} registers some seventy converters (each a lambda class) when first used,
 * a tenth of the executable's start for one fixed line shape. Thread-safe (no state).
 */
final class LogLineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128).append("ironbox: ").append(event.getLevel()).append(' ')
                .append(simpleName(event.getLoggerName())).append(": ").append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    /** {@code %logger{0}}: the part after the last dot. */
    static String simpleName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
