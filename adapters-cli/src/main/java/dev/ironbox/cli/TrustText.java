package dev.ironbox.cli;

import dev.ironbox.core.settings.ConfigReview;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code config show}, {@code config trust} and {@code config untrust} put files and trust in words. */
final class TrustText {

    static final String HOW_TO_TRUST = "review it, then run 'ironbox config trust' to apply it";

    private TrustText() {}

    /**
     * {@code config file: PATH} for each file read (or {@code none}), the project's with its trust, then what the
     * project's file sets that was not applied, when it is not trusted.
     */
    static String files(ConfigReview review) {
        StringBuilder text = new StringBuilder();
        if (review.files().isEmpty()) {
            text.append(String.format("config file: none%n"));
        }
        for (Path file : review.files()) {
            String trust = review.projectFile().filter(project -> project.path().equals(file))
                    .map(project -> project.trusted() ? " (a project's file, trusted)"
                            : " (a project's file, not trusted)")
                    .orElse("");
            text.append(String.format("config file: %s%s%n", file, trust));
        }
        review.projectFile().filter(project -> !project.notApplied().isEmpty()).ifPresent(project -> text.append(
                String.format("not applied: %s%n  (%s)%n", settings(project.notApplied()), HOW_TO_TRUST)));
        return text.toString();
    }

    /** {@code run.policy = workspace_write, network.allow-domains = [127.0.0.0/8]}. */
    static String settings(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
