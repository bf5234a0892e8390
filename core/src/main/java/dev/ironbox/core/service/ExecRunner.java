package dev.ironbox.core.service;

import dev.ironbox.core.error.IronboxException;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ExecRequest;
import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.port.out.ExecPort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a command in an existing sandbox container; at its deadline or on interrupt, kills it and what it started. */
final class ExecRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecRunner.class);

    private final ExecPort exec;
    private final String runtimeId;
    private final String user;

    /** @param user who the command and its killer run as: {@link HardenedSpecs#CONTAINER_USER} in a session */
    ExecRunner(ExecPort exec, String runtimeId, String user) {
        this.exec = exec;
        this.runtimeId = runtimeId;
        this.user = user;
    }

    RunResult exec(ExecRequest request, Consumer<OutputChunk> live) throws InterruptedException {
        String marker = ExecKiller.newMarker();
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.put(ExecKiller.MARKER_VARIABLE, marker);
        ExecSpec spec = ExecSpec.builder().command(ExecKiller.wrap(request.command())).env(env)
                .user(user).build();
        OutputCapture capture = new OutputCapture(request.limits().maxOutputBytes());
        long started = System.nanoTime();
        OptionalInt code;
        try {
            try {
                code = exec.exec(request.container(), spec, new LiveOutput(capture, live), request.limits().timeout());
            } catch (IronboxException e) {
                throw Interrupts.asInterruptedIfSo(e);
            }
        } catch (InterruptedException e) {
            killAfterInterrupt(request.container(), marker);
            throw e;
        }
        if (code.isEmpty()) {
            LOG.info("exec in {} passed its {} deadline; killing it", request.container(), request.limits().timeout());
            ExecKiller.kill(exec, request.container(), marker, user);
        }
        return Results.of(capture, code.orElse(137), code.isEmpty(), false, started, runtimeId, request.image(),
                request.policy());
    }

    private void killAfterInterrupt(ContainerId container, String marker) {
        boolean interrupted = Thread.interrupted();
        try {
            ExecKiller.kill(exec, container, marker, user);
        } catch (InterruptedException ignored) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
