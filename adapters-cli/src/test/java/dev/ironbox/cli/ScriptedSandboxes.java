package dev.ironbox.cli;

import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.model.OutputChunk;
import dev.ironbox.core.model.RunRequest;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSettings;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.TransferProgress;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.testing.RunOnlySandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A sandbox factory with no engine for the image, ps and cleanup commands: each runtime answers from a script (or
 * fails to open), and every call is recorded.
 */
final class ScriptedSandboxes implements SandboxFactory {

    /** What one runtime answers. */
    static final class Script {
        List<ImageSummary> images = List.of();
        List<SandboxSummary> sandboxes = List.of();
        Function<Boolean, CleanupReport> cleanup;
        /** Answers a build: the stored reference, after reporting progress; or throws. */
        Function<TransferProgress, String> build = progress -> "built:latest";
        RuntimeException openFailure;
        RuntimeException askFailure;
    }

    final Map<String, Script> runtimes = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    int openSandboxes;

    Script runtime(String id) {
        return runtimes.computeIfAbsent(id, key -> new Script());
    }

    @Override
    public List<String> knownRuntimes() {
        List<String> ids = new ArrayList<>(List.of("auto"));
        ids.addAll(runtimes.keySet());
        return ids;
    }

    @Override
    public Sandbox open(String runtimeId, SandboxSettings settings) {
        Script script = runtimes.get(runtimeId);
        if (script == null) {
            throw new InvalidConfigurationException("unknown runtime '" + runtimeId + "'; known: " + knownRuntimes());
        }
        if (script.openFailure != null) {
            throw script.openFailure;
        }
        calls.add("open " + runtimeId);
        openSandboxes++;
        return new ScriptedSandbox(runtimeId, script);
    }

    private final class ScriptedSandbox extends RunOnlySandbox {

        private final String id;
        private final Script script;

        ScriptedSandbox(String id, Script script) {
            this.id = id;
            this.script = script;
        }

        @Override
        public String buildImage(Path rootfs, String tag, TransferProgress progress) {
            calls.add("build " + id + " " + rootfs + " " + tag);
            return script.build.apply(progress);
        }

        @Override
        public String buildHostToolsImage(String tag, TransferProgress progress) {
            calls.add("host-tools " + id + " " + tag);
            return script.build.apply(progress);
        }

        @Override
        public List<ImageSummary> images() {
            failIfScripted();
            return script.images;
        }

        @Override
        public List<SandboxSummary> sandboxes() {
            failIfScripted();
            return script.sandboxes;
        }

        @Override
        public CleanupReport cleanup(boolean all) {
            failIfScripted();
            calls.add("cleanup " + id + (all ? " --all" : ""));
            return script.cleanup.apply(all);
        }

        private void failIfScripted() {
            if (script.askFailure != null) {
                throw script.askFailure;
            }
        }

        @Override
        public RunResult run(RunRequest request, Consumer<OutputChunk> live) {
            throw new UnsupportedOperationException("run");
        }


        @Override
        public String runtimeId() {
            return id;
        }

        @Override
        public void close() {
            openSandboxes--;
        }
    }
}
