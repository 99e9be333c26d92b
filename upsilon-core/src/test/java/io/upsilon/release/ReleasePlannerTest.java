package io.upsilon.release;

import static io.upsilon.release.ChainAssertions.assertCode;
import static io.upsilon.release.ChainAssertions.stops;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasePlannerTest {

    private final ReleasePlanner planner = new ReleasePlanner(SeedReleases.set());

    private static Version v(String s) {
        return Version.parse(s);
    }

    @Test
    void theSeedChainIsExactlyItsFourSteps() {
        PlannedChain chain = planner.plan(v("1.0.0"), v("2.0.1"));
        assertThat(chain.direction()).isEqualTo(PlannedChain.Direction.UPGRADE);
        assertThat(stops(chain)).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");
        assertThat(chain.steps()).extracting(ChainStep::number).containsExactly(1, 2, 3, 4);
        assertThat(chain.breakingSteps()).isEmpty();
        assertThat(chain.steps()).allSatisfy(s -> assertThat(s.allowed()).isEmpty());
    }

    @Test
    void eachSeedStepSaysWhatChangesAndWhatClientsMustDo() {
        List<ChainStep> steps = planner.plan(v("1.0.0"), v("2.0.1")).steps();
        ChainStep schema = steps.get(0);
        assertThat(schema.dataBefore()).isEqualTo(v("1.0.0"));
        assertThat(schema.dataAfter()).isEqualTo(v("1.0.1"));
        assertThat(schema.apiAdded()).isEmpty();
        assertThat(schema.clientAction()).isEqualTo("nothing");
        ChainStep expand = steps.get(1);
        assertThat(expand.apiAdded()).containsExactly("v2");
        assertThat(expand.changesData()).isFalse();
        assertThat(expand.clientAction()).isEqualTo("nothing; v2 becomes available");
        ChainStep contract = steps.get(2);
        assertThat(contract.apiDropped()).containsExactly("v1");
        assertThat(contract.clientAction()).isEqualTo("move off v1 (to v2) before this step");
        ChainStep last = steps.get(3);
        assertThat(last.dataBefore()).isEqualTo(v("1.0.1"));
        assertThat(last.dataAfter()).isEqualTo(v("2.0.0"));
    }

    @Test
    void theDirectJumpFrom100To200IsRefusedForTheApiRule() {
        StepCheck direct = planner.check(v("1.0.0"), v("2.0.0"));
        assertThat(direct.safe()).isFalse();
        assertThat(direct.violations().get(0).rule()).isEqualTo(StepRule.SHARED_API);
        assertThat(direct.violations().get(0).reason()).contains("[v2]", "[v1]", "no API version in common");
        assertThat(direct.toString()).startsWith("1.0.0 -> 2.0.0: SHARED_API: ");
    }

    @Test
    void aReleaseThatCannotRunOnThePreviousDataVersionForcesAnIntermediateStep() {
        StepCheck direct = planner.check(v("1.0.0"), v("1.0.2"));
        assertThat(direct.violations()).extracting(StepViolation::rule).containsExactly(StepRule.NEW_CODE_ON_OLD_DATA);
        assertThat(direct.violations().get(0).reason()).contains("release 1.0.2", "not on data version 1.0.0");
        assertThat(stops(planner.plan(v("1.0.0"), v("1.0.2")))).containsExactly("1.0.0", "1.0.1", "1.0.2");

        ReleaseSet set = ReleaseSet.of("t", List.of(
                Release.of("1.0", List.of("v1"), "1", "1", "2"),
                Release.of("2.0", List.of("v1"), "2", "1", "2"),
                Release.of("3.0", List.of("v1"), "2", "2")));
        assertThat(stops(new ReleasePlanner(set).plan(v("1.0"), v("3.0")))).containsExactly("1.0", "2.0", "3.0");
    }

    @Test
    void oldCodeThatCannotRunOnTheNewDataAlsoForcesAnIntermediateStep() {
        StepCheck direct = planner.check(v("1.0.2"), v("2.0.1"));
        assertThat(direct.violations()).extracting(StepViolation::rule).containsExactly(StepRule.OLD_CODE_ON_NEW_DATA);
        assertThat(stops(planner.plan(v("1.0.2"), v("2.0.1")))).containsExactly("1.0.2", "2.0.0", "2.0.1");
    }

    @Test
    void withoutAnExpandReleaseThereIsNoChainAndTheMissingStepIsNamed() {
        ReleaseSet set = ReleaseSet.of("releases.yaml", SeedReleases.list().stream()
                .filter(r -> !r.version().equals(v("1.0.2"))).toList());
        assertCode(() -> new ReleasePlanner(set).plan(v("1.0.0"), v("2.0.1")), ErrorCode.NO_SAFE_CHAIN,
                "no safe upgrade chain from 1.0.0 to 2.0.1 in releases.yaml", "safe steps reach as far as 1.0.1",
                "the missing step is 1.0.1 -> 2.0.0", "SHARED_API", "--allow-breaking-api");
        assertThat(ErrorCode.NO_SAFE_CHAIN.exitCode()).isEqualTo(1);
    }

    @Test
    void allowingBreakingApiUsesABreakingStepOnlyWhenThereIsNoOtherWay() {
        ReleaseSet noExpand = ReleaseSet.of("releases.yaml", SeedReleases.list().stream()
                .filter(r -> !r.version().equals(v("1.0.2"))).toList());
        PlannedChain forced = new ReleasePlanner(noExpand, true).plan(v("1.0.0"), v("2.0.1"));
        assertThat(stops(forced)).containsExactly("1.0.0", "1.0.1", "2.0.0", "2.0.1");
        assertThat(forced.breakingSteps()).singleElement().satisfies(s -> {
            assertThat(s.number()).isEqualTo(2);
            assertThat(s.allowed()).extracting(StepViolation::rule).containsExactly(StepRule.SHARED_API);
            assertThat(s.clientAction()).isEqualTo("BREAKING: v1 stops working with no overlap; every client must"
                    + " switch to v2 at this step");
        });

        // the seed has a safe four-step chain; the breaking three-step one (via 1.0.1 -> 2.0.0) is not preferred
        PlannedChain seed = new ReleasePlanner(SeedReleases.set(), true).plan(v("1.0.0"), v("2.0.1"));
        assertThat(stops(seed)).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");
        assertThat(seed.breakingSteps()).isEmpty();
    }

    @Test
    void allowingBreakingApiNeverAllowsTheDataRules() {
        ReleaseSet noMiddle = ReleaseSet.of("releases.yaml", SeedReleases.list().stream()
                .filter(r -> !r.version().equals(v("1.0.1"))).toList());
        assertCode(() -> new ReleasePlanner(noMiddle, true).plan(v("1.0.0"), v("1.0.2")), ErrorCode.NO_SAFE_CHAIN,
                "no safe step leaves 1.0.0", "the missing step is 1.0.0 -> 1.0.2", "NEW_CODE_ON_OLD_DATA",
                "add an intermediate release");
    }

    @Test
    void amongEquallyShortChainsTheSmallerVersionsWin() {
        ReleaseSet set = ReleaseSet.of("t", List.of(
                Release.of("1", List.of("a"), "1", "1"),
                Release.of("2", List.of("a", "b"), "1", "1"),
                Release.of("3", List.of("a", "b"), "1", "1"),
                Release.of("4", List.of("b"), "1", "1")));
        assertThat(stops(new ReleasePlanner(set).plan(v("1"), v("4")))).containsExactly("1", "2", "4");
    }

    @Test
    void theSameReleaseIsAnEmptyChainAndBackwardsOrUnknownIsBadInput() {
        assertThat(planner.plan(v("1.0.1"), v("1.0.1")).isEmpty()).isTrue();
        assertCode(() -> planner.plan(v("2.0.0"), v("1.0.0")), ErrorCode.BAD_INPUT, "--rollback");
        assertCode(() -> planner.plan(v("1.0.0"), v("3.0")), ErrorCode.UNKNOWN_VERSION,
                "release 3.0 is not in releases.yaml", "[1.0.0, 1.0.1, 1.0.2, 2.0.0, 2.0.1]");
    }

    @Test
    void twoHundredReleasesPlanWithEveryStepSafe() {
        ReleaseSet set = GeneratedReleases.generate(200);
        PlannedChain chain = new ReleasePlanner(set).plan(set.releases().get(0).version(),
                set.releases().get(199).version());
        assertThat(chain.steps()).isNotEmpty().allSatisfy(s -> assertThat(StepCheck.of(s.from(), s.to()).safe()).isTrue());
    }
}
