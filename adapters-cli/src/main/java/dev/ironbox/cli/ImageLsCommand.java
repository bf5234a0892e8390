package dev.ironbox.cli;

import dev.ironbox.core.settings.CliContext;

import dev.ironbox.core.model.ImageSummary;
import dev.ironbox.core.port.in.Sandbox;
import dev.ironbox.core.port.in.SandboxFactory;
import dev.ironbox.core.port.in.SelectRuntimeUseCase;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ironbox image ls}: the local images of one runtime. */
@Command(name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Lists the runtime's local images.",
            "",
            "For each reference: the image id, its age, its size, and whether it is a host-tools image.",
            "",
            "Examples:",
            "  ironbox image ls",
            "  ironbox image ls --runtime podman --json"
        })
final class ImageLsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    ChosenRuntime runtime = new ChosenRuntime();

    private final SandboxFactory factory;
    private final SelectRuntimeUseCase selection;
    private final CliContext context;
    private final Clock clock;

    ImageLsCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context) {
        this(factory, selection, context, Clock.systemUTC());
    }

    ImageLsCommand(SandboxFactory factory, SelectRuntimeUseCase selection, CliContext context, Clock clock) {
        this.factory = factory;
        this.selection = selection;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        String runtimeId;
        List<ImageSummary> images;
        try (Sandbox sandbox = runtime.open(factory, selection)) {
            runtimeId = sandbox.runtimeId();
            images = sandbox.images();
        }
        context.out().print(json
                ? CliJson.write(ImagesJson.of(runtimeId, images)) + System.lineSeparator()
                : table(images));
        context.out().flush();
        return ExitCodes.OK;
    }

    private String table(List<ImageSummary> images) {
        TextTable table = new TextTable("REFERENCE", "IMAGE ID", "CREATED", "SIZE", "KIND");
        for (ImageSummary image : images) {
            List<String> references = image.tags().isEmpty() ? List.of("<none>") : image.tags();
            for (String reference : references) {
                table.row(reference, ImagesJson.shortId(image.id()), TextTable.age(image.created(), clock.instant()),
                        TerminalProgress.bytes(image.sizeBytes()), ImagesJson.isHostTools(image) ? "host-tools" : "");
            }
        }
        return table.render();
    }
}
