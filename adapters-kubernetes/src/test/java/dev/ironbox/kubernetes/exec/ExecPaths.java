package dev.ironbox.kubernetes.exec;

import dev.ironbox.core.model.ExecSpec;
import dev.ironbox.kubernetes.pod.PodNames;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.util.OptionalLong;

/** For scenarios outside this package: the path of the exec request {@link PodExec} makes, to expect it. */
public final class ExecPaths {

    private ExecPaths() {}

    /** As fabric8 builds it (its own URL builder): the argv of {@link ExecCommand}, then the streams. */
    public static String of(KubernetesMockServer server, String namespace, String pod, ExecSpec spec,
            OptionalLong inputBytes) {
        URLUtils.URLBuilder url = new URLUtils.URLBuilder(
                server.url("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/exec"));
        for (String argument : ExecCommand.argv(spec, inputBytes)) {
            url.addQueryParameter("command", argument);
        }
        url.addQueryParameter("container", PodNames.SANDBOX_CONTAINER);
        if (inputBytes.isPresent()) {
            url.addQueryParameter("stdin", "true");
        }
        url.addQueryParameter("stdout", "true").addQueryParameter("stderr", "true");
        return url.build().getFile();
    }
}
