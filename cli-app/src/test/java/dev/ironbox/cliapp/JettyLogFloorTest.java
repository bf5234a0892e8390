package dev.ironbox.cliapp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Jetty's DEBUG lines print forwarded headers (injected credentials): never, whatever IRONBOX_LOG_LEVEL says. */
class JettyLogFloorTest {

    private static LoggerContext configured(String level) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("IRONBOX_LOG_LEVEL", level);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL config = JettyLogFloorTest.class.getResource("/logback.xml");
        configurator.doConfigure(config);
        return context;
    }

    @Test
    void withDebugEverythingButJettyLogsDebug() throws Exception {
        LoggerContext context = configured("DEBUG");

        assertThat(context.getLogger("dev.ironbox.egress.EgressProxy").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.eclipse.jetty.proxy.ProxyHandler").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("org.eclipse.jetty.client.HttpRequest").isTraceEnabled()).isFalse();
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").isInfoEnabled()).isTrue();
    }

    @Test
    void byDefaultOnlyWarningsAndErrors() throws Exception {
        LoggerContext context = configured("WARN");

        assertThat(context.getLogger("org.eclipse.jetty.server.Server").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("dev.ironbox.egress.audit").isInfoEnabled()).isFalse();
    }
}
