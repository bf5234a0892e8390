package dev.ironbox.cliapp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Jetty's DEBUG lines print forwarded headers (injected credentials): never, whatever IRONBOX_LOG_LEVEL says. */
class JettyLogFloorTest {

    private static LoggerContext configured(String level) {
        LoggerContext context = new LoggerContext();
        LogConfigurator.configure(context, level);
        return context;
    }

    @Test
    void logbackFindsTheConfiguratorAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(LogConfigurator.class);
    }

    @Test
    void theLevelComesFromThePropertyThenTheVariableElseWarn() {
        assertThat(LogConfigurator.level("INFO", "DEBUG")).isEqualTo("INFO");
        assertThat(LogConfigurator.level(null, "DEBUG")).isEqualTo("DEBUG");
        assertThat(LogConfigurator.level(null, null)).isEqualTo("WARN");
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
