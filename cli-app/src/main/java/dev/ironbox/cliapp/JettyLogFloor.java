package dev.ironbox.cliapp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps Jetty's loggers ({@code org.eclipse.jetty...}) at INFO or above whatever the configured level
 * ({@code IRONBOX_LOG_LEVEL=DEBUG} included): Jetty's DEBUG and TRACE lines print forwarded requests and their
 * headers, which for a host with a credential means the injected secret. Installed by {@link LogConfigurator}.
 */
public final class JettyLogFloor extends TurboFilter {

    static final String JETTY = "org.eclipse.jetty";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (level != null && !level.isGreaterOrEqual(Level.INFO) && logger != null
                && logger.getName().startsWith(JETTY)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
