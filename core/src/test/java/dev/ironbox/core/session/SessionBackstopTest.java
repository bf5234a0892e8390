package dev.ironbox.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ironbox.core.error.ContainerFailureException;
import dev.ironbox.core.error.InvalidConfigurationException;
import dev.ironbox.core.inventory.Inventory;
import dev.ironbox.core.label.OwnerLabels;
import dev.ironbox.core.label.OwnerPlace;
import dev.ironbox.core.label.SessionLabels;
import dev.ironbox.core.model.ContainerId;
import dev.ironbox.core.model.ContainerSummary;
import dev.ironbox.core.model.ResourceLimits;
import dev.ironbox.core.model.RunResult;
import dev.ironbox.core.model.SandboxSummary;
import dev.ironbox.core.model.SessionExecRequest;
import dev.ironbox.core.model.SessionInfo;
import dev.ironbox.core.model.SessionRequest;
import dev.ironbox.core.sandbox.SandboxService;
import dev.ironbox.core.testing.FakeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-side backstop: a session past its hard deadline, or idle (by this host's record) past its TTL plus the
 * grace, is removed by whoever looks at it; a busy one, or one this host knows nothing about, is never judged idle.
 */
class SessionBackstopTest {

    private static final OwnerPlace HERE = new OwnerPlace("0b1d2c3e-4f50-6172-8394-a5b6c7d8e9f0", "4026531836");

    @TempDir
    Path state;

    private final FakeRuntime engine = new FakeRuntime();

    private SessionActivity activity() {
        return new SessionActivity(Optional.of(state));
    }

    private SessionBackstop backstop(Duration later) {
        return new SessionBackstop(engine, activity(), Clock.offset(Clock.systemUTC(), later));
    }

    private static Map<String, String> session(String id, String ttlSeconds, String expires) {
        Map<String, String> labels = new HashMap<>(Map.of(OwnerLabels.MANAGED, "true", OwnerLabels.POLICY,
                "readonly", SessionLabels.KIND, "session", SessionLabels.SESSION, id, SessionLabels.DETACHED, "true",
                SessionLabels.TTL_SECONDS, ttlSeconds));
        if (expires != null) {
            labels.put(SessionLabels.EXPIRES, expires);
        }
        return labels;
    }

    private ContainerSummary described(ContainerId id) {
        return engine.describeByLabel(OwnerLabels.MANAGED, "true").stream().filter(c -> c.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Test
    void aSessionPastItsDeadlineIsRemovedByCleanupWithoutAllAndHiddenFromPs() {
        ContainerId expired = engine.add(session("aaaaaaaaaaaa", "60", "2020-01-01T00:00:00Z"), true);
        ContainerId current = engine.add(session("bbbbbbbbbbbb", "60", "2999-01-01T00:00:00Z"), true);
        Inventory inventory = new Inventory(engine, HERE, backstop(Duration.ZERO));

        assertThat(inventory.cleanup(false).containers()).containsExactly(expired);
        assertThat(engine.alive).containsExactly(current);

        ContainerId another = engine.add(session("cccccccccccc", "60", "2020-01-01T00:00:00Z"), true);
        assertThat(inventory.sandboxes()).extracting(SandboxSummary::container).containsExactly(current);
        assertThat(engine.alive).doesNotContain(another);
    }

    @Test
    void aSessionWithoutADeadlineLabelGetsTheDefaultFromItsCreationAndAGarbledOneToo() {
        // the fake engine's containers were created on 2026-01-01: more than a day before the clock below
        ContainerId legacy = engine.add(session("aaaaaaaaaaaa", "60", null), true);
        ContainerId garbled = engine.add(session("bbbbbbbbbbbb", "60", "tomorrow"), true);
        SessionBackstop backstop = new SessionBackstop(engine, activity(),
                Clock.fixed(Instant.parse("2026-01-03T00:00:00Z"), java.time.ZoneOffset.UTC));

        assertThat(backstop.overReason(described(legacy))).get().asString()
                .startsWith("passed its maximum lifetime of 24h at 2026-01-02T00:00:");
        assertThat(backstop.overReason(described(garbled))).isPresent();
        assertThat(new SessionBackstop(engine, activity(),
                Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), java.time.ZoneOffset.UTC))
                .overReason(described(legacy))).isEmpty();
    }

    @Test
    void anExecOrCopyIntoAnExpiredSessionIsRefusedWithTheReasonAndTheSessionRemoved() {
        ContainerId expired = engine.add(session("aaaaaaaaaaaa", "60", "2020-01-01T00:00:00Z"), true);

        assertThatThrownBy(() -> backstop(Duration.ZERO).refuseIfOver("aaaaaaaaaaaa", described(expired)))
                .isInstanceOf(ContainerFailureException.class)
                .hasMessageStartingWith("session aaaaaaaaaaaa passed its maximum lifetime of ")
                .hasMessageContaining("at 2020-01-01T00:00:00Z")
                .hasMessageEndingWith("; it was stopped, start a new session");
        assertThat(engine.alive).doesNotContain(expired);
    }

    @Test
    void aSessionStartedHereAndIdlePastItsTtlPlusGraceIsOverButNotBefore() {
        ContainerId idle = engine.add(session("aaaaaaaaaaaa", "2", "2999-01-01T00:00:00Z"), true);
        activity().started("fake", idle);

        assertThat(backstop(Duration.ZERO).overReason(described(idle))).isEmpty();
        assertThat(backstop(Duration.ofSeconds(2).plus(SessionBackstop.IDLE_GRACE).minusSeconds(1))
                .overReason(described(idle))).isEmpty();
        assertThat(backstop(Duration.ofSeconds(3).plus(SessionBackstop.IDLE_GRACE)).overReason(described(idle)))
                .get().asString().contains("longer than its TTL of 2s");

        assertThat(backstop(Duration.ofMinutes(1)).sweep(List.of(described(idle)))).isEmpty();
        assertThat(engine.alive).doesNotContain(idle);
        assertThat(state.resolve("fake").resolve(idle.value())).doesNotExist();
    }

    @Test
    void aRunningCommandKeepsItBusyUntilItEndsOrItsLeaseRunsOut() {
        ContainerId busy = engine.add(session("aaaaaaaaaaaa", "2", "2999-01-01T00:00:00Z"), true);
        activity().started("fake", busy);
        SessionActivity.Lease lease = activity().busy("fake", busy, Duration.ofMinutes(10));

        assertThat(backstop(Duration.ofMinutes(5)).overReason(described(busy))).isEmpty();
        assertThat(backstop(Duration.ofMinutes(11)).overReason(described(busy))).isPresent();
        lease.close();
        assertThat(backstop(Duration.ofSeconds(5)).overReason(described(busy))).isEmpty();
        assertThat(backstop(Duration.ofMinutes(1)).overReason(described(busy))).isPresent();
    }

    @Test
    void aSessionThisHostDidNotStartIsNeverJudgedIdleOnlyByItsDeadline() {
        ContainerId foreign = engine.add(session("aaaaaaaaaaaa", "2", "2999-01-01T00:00:00Z"), true);
        SessionActivity.Lease ignored = activity().busy("fake", foreign, Duration.ofSeconds(1)); // not recorded

        assertThat(backstop(Duration.ofDays(2)).overReason(described(foreign))).isEmpty();
        assertThat(state.resolve("fake").resolve(foreign.value())).doesNotExist();
        ignored.close();
    }

    @Test
    void recordsOfGoneSessionsArePrunedWhenOldAndUnsafeNamesAreNeverPaths() throws Exception {
        activity().started("fake", new ContainerId("gone"));
        Path gone = state.resolve("fake").resolve("gone");
        Files.setLastModifiedTime(gone, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(120)));
        activity().started("fake", new ContainerId("young"));
        backstop(Duration.ZERO).sweep(List.of());
        assertThat(gone).doesNotExist();
        assertThat(state.resolve("fake").resolve("young")).exists();

        activity().started("fake", new ContainerId("../escape"));
        activity().started("..", new ContainerId("x"));
        assertThat(state.resolve("escape")).doesNotExist();
        assertThat(state.getParent().resolve("x")).doesNotExist();
    }

    // ---- through the service ----

    private SandboxService service() {
        engine.images.add("img");
        return new SandboxService(engine, dev.ironbox.core.model.SandboxSettings.builder().build());
    }

    private SessionRequest.Builder request() {
        return SessionRequest.builder().workspace(state).image("img");
    }

    @Test
    void aSessionCarriesItsHardDeadlineTheDefaultIsADayOrItsTtlWhenLonger() throws Exception {
        SandboxService service = service();
        Instant before = Instant.now();
        SessionInfo standard = service.startSession(request().build());
        SessionInfo longTtl = service.startSession(request().idleTtl(Duration.ofHours(48)).build());
        SessionInfo shortLife = service.startSession(request().maxLifetime(Duration.ofMinutes(5)).build());
        Instant after = Instant.now();

        assertThat(Instant.parse(engine.created.get(0).labels().get(SessionLabels.EXPIRES)))
                .isEqualTo(standard.expires()).isBetween(before.plus(Duration.ofHours(24)),
                        after.plus(Duration.ofHours(24)));
        assertThat(Duration.between(longTtl.created(), longTtl.expires())).isBetween(Duration.ofHours(47),
                Duration.ofHours(48));
        assertThat(Instant.parse(engine.created.get(2).labels().get(SessionLabels.EXPIRES)))
                .isEqualTo(shortLife.expires()).isBefore(after.plus(Duration.ofMinutes(5)).plusMillis(1));
        assertThat(service.sessions()).extracting(SessionInfo::expires)
                .containsExactlyInAnyOrder(standard.expires(), longTtl.expires(), shortLife.expires());
        assertThatThrownBy(() -> request().maxLifetime(Duration.ofSeconds(1)).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("session max lifetime must be at least 2s, got PT1S");
        service.close();
    }

    @Test
    void aTimedOutCommandWhoseKillIsNotConfirmedStopsTheSession() throws Exception {
        SandboxService service = service();
        SessionInfo info = service.startSession(request().detached(true).build());
        engine.execExit = OptionalInt.empty(); // the command passes its timeout
        engine.laterExecExit = OptionalInt.of(3); // and the kill script cannot confirm its processes are gone

        RunResult result = service.execInSession(SessionExecRequest.builder().sessionId(info.id())
                .command(List.of("sleep", "30")).limits(ResourceLimits.builder().timeout(Duration.ofMillis(100))
                        .build()).build(), chunk -> {});

        assertThat(result.timedOut()).isTrue();
        assertThat(String.join(" ", engine.execs.get(1).command())).contains("ironbox-exec-killer");
        assertThat(engine.alive).doesNotContain(info.container());
        service.close();
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(SessionBackstop.human(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(SessionBackstop.human(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(SessionBackstop.human(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(SessionBackstop.human(Duration.ZERO)).isEqualTo("0s");
    }
}
