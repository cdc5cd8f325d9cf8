package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The small task checks: {@link RejectionResolutionCheck}, {@link SearchRefinementCheck} and {@link PatientLetterHandoverCheck}. */
class ResolutionAndRefinementChecksTest {

    @Test
    void aRejectionIsResolvedOnlyByRetryOrGiveUp() {
        new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION.name(), "RETRY").task());
        new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION.name(), "GIVE_UP").task());

        for (String other : new String[] {null, "retry", "CANCEL"}) {
            assertThatThrownBy(() -> new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION.name(), other).task()))
                    .as(other).isInstanceOf(TaskCompletionRefused.class)
                    .hasMessage("Choose whether to try again (RETRY) or give up (GIVE_UP)");
        }
    }

    @Test
    void aRequestErsFoundMalformedOrAboutNothingItKnowsCanOnlyBeGivenUp() {
        for (int status : new int[] {400, 404}) {
            FakeScope retry = new FakeScope().with(ReferralVariables.RESOLUTION.name(), "RETRY").with(ReferralVariables.ERS_ERROR_STATUS.name(), status);
            assertThatThrownBy(() -> new RejectionResolutionCheck().notify(retry.task())).as("status %d", status)
                    .isInstanceOf(TaskCompletionRefused.class)
                    .hasMessage("e-RS answered " + status + ": the same request would be refused again, so it cannot be retried;"
                            + " give up (GIVE_UP)");
            new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION.name(), "GIVE_UP")
                    .with(ReferralVariables.ERS_ERROR_STATUS.name(), status).task());
        }
        for (int status : new int[] {403, 409, 422}) {
            new RejectionResolutionCheck().notify(new FakeScope().with(ReferralVariables.RESOLUTION.name(), "RETRY")
                    .with(ReferralVariables.ERS_ERROR_STATUS.name(), status).task());
        }
    }

    @Test
    void theLetterTaskNeedsToKnowHowThePatientGotTheLetter() {
        new PatientLetterHandoverCheck().notify(new FakeScope().with(ReferralVariables.PATIENT_LETTER_HANDOVER.name(), "HANDED_OVER").task());
        new PatientLetterHandoverCheck().notify(new FakeScope().with(ReferralVariables.PATIENT_LETTER_HANDOVER.name(), "POSTED").task());
        for (String other : new String[] {null, "", "EMAILED"}) {
            assertThatThrownBy(() -> new PatientLetterHandoverCheck().notify(
                    new FakeScope().with(ReferralVariables.PATIENT_LETTER_HANDOVER.name(), other).task()))
                    .as(other).isInstanceOf(TaskCompletionRefused.class)
                    .hasMessage("Confirm that the letter was handed to the patient (HANDED_OVER) or posted (POSTED)");
        }
    }

    @Test
    void searchingAgainNeedsASpecialtyAndDefinesTheOptionalCriteria() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SPECIALTY.name(), "DERMATOLOGY").with(ReferralVariables.POSTCODE.name(), "LS1 4HR");

        new SearchRefinementCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.ABANDON_SEARCH.name())).isEqualTo(false);
        assertThat(scope.value(ReferralVariables.POSTCODE.name())).isEqualTo("LS1 4HR");
        assertThat(scope.variables).containsKeys(ReferralVariables.CLINIC_TYPE.name(), ReferralVariables.CLINICAL_TERM.name());
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE.name())).isNull();
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM.name())).isNull();
    }

    @Test
    void searchingAgainWithoutASpecialtyIsRefusedButAbandoningIsNot() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SPECIALTY.name(), "");
        assertThatThrownBy(() -> new SearchRefinementCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Choose a specialty to search again, or abandon the search");

        FakeScope abandon = new FakeScope().with(ReferralVariables.ABANDON_SEARCH.name(), true);
        new SearchRefinementCheck().notify(abandon.task());
        assertThat(abandon.value(ReferralVariables.ABANDON_SEARCH.name())).isEqualTo(true);
    }
}
