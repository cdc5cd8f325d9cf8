package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The two small task checks: {@link RejectionResolutionCheck} and {@link SearchRefinementCheck}. */
class ResolutionAndRefinementChecksTest {

    @Test
    void aRejectionIsResolvedOnlyByRetryOrGiveUp() {
        new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION, "RETRY").task());
        new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION, "GIVE_UP").task());

        for (String other : new String[] {null, "retry", "CANCEL"}) {
            assertThatThrownBy(() -> new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION, other).task()))
                    .as(other).isInstanceOf(TaskCompletionRefused.class)
                    .hasMessage("Choose whether to try again (RETRY) or give up (GIVE_UP)");
        }
    }

    @Test
    void searchingAgainNeedsASpecialtyAndDefinesTheOptionalCriteria() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SPECIALTY, "DERMATOLOGY").with(ReferralVariables.POSTCODE, "LS1 4HR");

        new SearchRefinementCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.ABANDON_SEARCH)).isEqualTo(false);
        assertThat(scope.value(ReferralVariables.POSTCODE)).isEqualTo("LS1 4HR");
        assertThat(scope.variables).containsKeys(ReferralVariables.CLINIC_TYPE, ReferralVariables.CLINICAL_TERM);
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE)).isNull();
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM)).isNull();
    }

    @Test
    void searchingAgainWithoutASpecialtyIsRefusedButAbandoningIsNot() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SPECIALTY, "");
        assertThatThrownBy(() -> new SearchRefinementCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Choose a specialty to search again, or abandon the search");

        FakeScope abandon = new FakeScope().with(ReferralVariables.ABANDON_SEARCH, true);
        new SearchRefinementCheck().notify(abandon.task());
        assertThat(abandon.value(ReferralVariables.ABANDON_SEARCH)).isEqualTo(true);
    }
}
