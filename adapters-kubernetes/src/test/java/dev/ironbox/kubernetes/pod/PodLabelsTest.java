package dev.ironbox.kubernetes.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ironbox.core.model.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodLabelsTest {

    private static final Map<String, String> SPEC_LABELS = new LinkedHashMap<>();

    static {
        SPEC_LABELS.put("dev.ironbox.managed", "true");
        SPEC_LABELS.put("dev.ironbox.session", "k3x9");
        SPEC_LABELS.put("dev.ironbox.workspace", "/home/ada/project");
        SPEC_LABELS.put("dev.ironbox.owner.started", "2026-12-05T05:04:43Z");
        SPEC_LABELS.put("dev.ironbox.policy", "");
    }

    @Test
    void everySpecLabelIsAnAnnotationVerbatim() {
        assertThat(PodLabels.annotations(PodSpecsTest.spec(SPEC_LABELS, "none"))).isEqualTo(SPEC_LABELS);
    }

    @Test
    void onlyValidLabelSyntaxBecomesALabelAndTheNetworkIsAdded() {
        ContainerSpec spec = PodSpecsTest.spec(SPEC_LABELS, "ironbox-egress-1");

        assertThat(PodLabels.labels(spec)).containsExactly(
                Map.entry("dev.ironbox.managed", "true"),
                Map.entry("dev.ironbox.session", "k3x9"),
                Map.entry("dev.ironbox.policy", ""),
                Map.entry(PodLabels.NETWORK, "ironbox-egress-1"));
    }

    @Test
    void aPodOnNoNetworkHasNoNetworkLabel() {
        assertThat(PodLabels.labels(PodSpecsTest.spec(SPEC_LABELS, "none"))).doesNotContainKey(PodLabels.NETWORK);
    }

    @Test
    void theSpecLabelsComeBackFromTheAnnotationsWithoutOthersAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>(SPEC_LABELS);
        annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{}");
        annotations.put("cni.projectcalico.org/podIP", "10.1.2.3/32");

        assertThat(PodLabels.specLabels(annotations)).isEqualTo(SPEC_LABELS);
        assertThat(PodLabels.specLabels(null)).isEmpty();
    }

    @Test
    void labelSyntax() {
        assertThat(PodLabels.isLabel("dev.ironbox.managed", "true")).isTrue();
        assertThat(PodLabels.isLabel("example.com/name_1", "a-b.c_d")).isTrue();
        assertThat(PodLabels.isLabel("dev.ironbox.x", "")).isTrue();
        assertThat(PodLabels.isValue("/home/ada")).isFalse();
        assertThat(PodLabels.isValue("2026-12-05T05:04:43Z")).isFalse();
        assertThat(PodLabels.isValue("-leading")).isFalse();
        assertThat(PodLabels.isValue("a".repeat(63))).isTrue();
        assertThat(PodLabels.isValue("a".repeat(64))).isFalse();
        assertThat(PodLabels.isKey("Upper.Case/name")).isFalse();
        assertThat(PodLabels.isKey("/name")).isFalse();
        assertThat(PodLabels.isKey("has space")).isFalse();
    }
}
