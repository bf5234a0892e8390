package dev.ironbox.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.out.ContainerRuntime;
import dev.ironbox.docker.DockerRuntime;
import java.util.Map;
import java.util.function.Supplier;
import javax.inject.Singleton;

/** The runtimes, by id, and the sandbox factory over them. A new runtime is one more {@code @IntoMap} method. */
@Module
interface RuntimeModule {

    @Provides
    @IntoMap
    @StringKey("docker")
    static Supplier<ContainerRuntime> docker() {
        return DockerRuntime::connect;
    }

    @Provides
    @Singleton
    static RuntimeRegistry runtimeRegistry(Map<String, Supplier<ContainerRuntime>> runtimes) {
        return new RuntimeRegistry(runtimes);
    }

    @Provides
    @Singleton
    static SandboxFactory sandboxFactory(RuntimeRegistry registry) {
        return new RegistrySandboxFactory(registry);
    }
}
