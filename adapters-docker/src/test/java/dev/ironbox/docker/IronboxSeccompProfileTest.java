package dev.ironbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ironbox.core.model.SeccompProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shape of Ironbox's profile, read as Docker reads it: what the engine ITs (the seccomp contract) show in a
 * sandbox must hold for every capability set and architecture, not just for the ones tested.
 */
class IronboxSeccompProfileTest {

    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET. */
    private static final long CLONE_NEW_FLAGS = 0x7E020000L;
    private static final Set<String> REFUSED = Set.of("unshare", "setns", "keyctl", "add_key", "request_key", "bpf",
            "userfaultfd", "perf_event_open");

    private final JsonNode profile = read();

    @Test
    void everythingNotAllowedIsRefusedWithEperm() {
        assertThat(profile.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(profile.path("defaultErrnoRet").asInt()).isEqualTo(1);
    }

    @Test
    void noRuleAllowsARefusedCallWhateverTheCapabilitiesOrArchitecture() {
        for (JsonNode rule : allowRules()) {
            assertThat(names(rule)).as(rule.toString()).doesNotContainAnyElementsOf(REFUSED).doesNotContain("clone3");
        }
        JsonNode refusal = rules().stream().filter(rule -> names(rule).containsAll(REFUSED)).findFirst().orElseThrow();
        assertThat(refusal.path("action").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(refusal.path("errnoRet").asInt()).isEqualTo(1);
        assertThat(refusal.has("includes") || refusal.has("excludes")).isFalse();
    }

    @Test
    void cloneIsAllowedOnlyWithoutNamespaceFlagsAndClone3NeverWhateverTheCapabilities() {
        List<JsonNode> clones = allowRules().stream().filter(rule -> names(rule).contains("clone")).toList();
        assertThat(clones).isNotEmpty().allSatisfy(rule -> {
            assertThat(names(rule)).containsExactly("clone");
            assertThat(rule.path("includes").has("caps")).isFalse();
            assertThat(rule.path("excludes").has("caps")).isFalse();
            JsonNode arg = rule.path("args").get(0);
            assertThat(arg.path("op").asText()).isEqualTo("SCMP_CMP_MASKED_EQ");
            assertThat(arg.path("value").asLong()).isEqualTo(CLONE_NEW_FLAGS);
            assertThat(arg.path("valueTwo").asLong(0)).isZero();
        });
        JsonNode clone3 = rules().stream().filter(rule -> names(rule).contains("clone3")).findFirst().orElseThrow();
        assertThat(names(clone3)).containsExactly("clone3");
        assertThat(clone3.path("action").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(clone3.path("errnoRet").asInt()).as("ENOSYS, so libc falls back to clone").isEqualTo(38);
        assertThat(clone3.has("includes") || clone3.has("excludes")).isFalse();
    }

    private List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        profile.path("syscalls").forEach(rules::add);
        return rules;
    }

    private List<JsonNode> allowRules() {
        return rules().stream().filter(rule -> rule.path("action").asText().equals("SCMP_ACT_ALLOW")).toList();
    }

    private static List<String> names(JsonNode rule) {
        List<String> names = new ArrayList<>();
        rule.path("names").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(SeccompProfile.ironbox().json());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
