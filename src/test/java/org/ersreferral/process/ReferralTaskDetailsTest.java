package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class ReferralTaskDetailsTest {

    @Test
    void theNameSaysSpecialtyAndPriorityByTheirDisplayNames() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY").with(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology")
                .with(ReferralVariables.PRIORITY.name(), "URGENT").with(ReferralVariables.PRIORITY_DISPLAY.name(), "Urgent");
        scope.taskName = "Choose a slot";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Choose a slot — Cardiology, urgent");
    }

    @Test
    void withoutDisplayNamesTheCodesAreReadAsWords() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY").with(ReferralVariables.PRIORITY.name(), "TWO_WEEK_WAIT");
        scope.taskName = "Choose the shortlist";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Choose the shortlist — Cardiology, two-week wait");
    }

    @Test
    void withoutASpecialtyTheNameSaysThePriority() {
        FakeScope scope = new FakeScope().with(ReferralVariables.PRIORITY.name(), "URGENT");
        scope.taskName = "Describe the need";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Describe the need — urgent");
        assertThat(scope.taskPriority).isEqualTo(70);
    }

    @Test
    void withNeitherSpecialtyNorPriorityTheNameIsLeftAlone() {
        FakeScope scope = new FakeScope();
        scope.taskName = "Sign in to e-RS again";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Sign in to e-RS again");
    }

    @Test
    void theLetterTaskSaysTheOutcomeInsteadOfThePriority() {
        FakeScope scope = new FakeScope().activity(ReferralProcess.TASK_GIVE_PATIENT_LETTER)
                .with(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology").with(ReferralVariables.PRIORITY.name(), "URGENT")
                .with(ReferralVariables.OUTCOME.name(), "BOOKED");
        scope.taskName = "Give the patient their letter";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Give the patient their letter — Cardiology, booked");
        assertThat(scope.taskPriority).isEqualTo(70);
        assertThat(Outcome.DEFERRED_TO_PROVIDER.words()).isEqualTo("provider to book");
        assertThat(Outcome.SENT_FOR_TRIAGE.words()).isEqualTo("sent for triage");
        assertThat(Outcome.AWAITING_PATIENT_BOOKING.words()).isEqualTo("patient to book");
    }

    @Test
    void aSpecialtyWithoutPriorityHasNoPriorityInTheName() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology");
        scope.taskName = "Attach the referral letter";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskName).isEqualTo("Attach the referral letter — Cardiology");
        assertThat(scope.taskPriority).isEqualTo(50);
    }

    @Test
    void twoWeekWaitWorkSortsFirstAndIsDueWithinADay() {
        assertDetails("TWO_WEEK_WAIT", 90, Duration.ofHours(24));
    }

    @Test
    void urgentWorkIsDueWithinTwoDays() {
        assertDetails("URGENT", 70, Duration.ofDays(2));
    }

    @Test
    void routineOrUnknownWorkIsDueWithinFiveDays() {
        assertDetails("ROUTINE", 50, Duration.ofDays(5));
        assertDetails(null, 50, Duration.ofDays(5));
    }

    @Test
    void referralOutcomesRecordsTheOutcomeByName() {
        FakeScope scope = new FakeScope();
        new ReferralOutcomes().record(scope.activity(ReferralProcess.EVENT_PATIENT_TO_BOOK).execution());
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("AWAITING_PATIENT_BOOKING");

        assertThatThrownBy(() -> new ReferralOutcomes().record(scope.activity(ReferralProcess.TASK_CHOOSE_SLOT).execution()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("AWAITING_PATIENT_BOOKING");
    }

    private static void assertDetails(String priority, int taskPriority, Duration due) {
        FakeScope scope = new FakeScope().with(ReferralVariables.PRIORITY.name(), priority);
        Instant before = Instant.now();

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.taskPriority).as(priority).isEqualTo(taskPriority);
        if (priority != null) {
            assertThat(Priority.valueOf(priority).taskPriority()).isEqualTo(taskPriority);
            assertThat(Priority.valueOf(priority).taskDueWithin()).isEqualTo(due);
        }
        assertThat(scope.taskDueDate.toInstant()).as(priority).isCloseTo(before.plus(due), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void theTaskCarriesWhoseReferralItIsWhileItsNameHoldsNoIdentifier() {
        FakeScope scope = new FakeScope().with(ReferralVariables.PRIORITY.name(), "TWO_WEEK_WAIT")
                .with(ReferralVariables.NHS_NUMBER.name(), "9912003888").with(ReferralVariables.PATIENT_NAME.name(), "Jane Smith")
                .with(ReferralVariables.REQUEST_ID.name(), "req-1").with(ReferralVariables.UBRN.name(), "000000070001")
                .with(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology");
        scope.taskName = "Choose a slot";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.value(ReferralVariables.PATIENT_DISPLAY.name())).isEqualTo("Jane Smith, NHS number 991 200 3888");
        assertThat(scope.value(ReferralVariables.UBRN_DISPLAY.name())).isEqualTo("0000 0007 0001");
        assertThat(scope.value(ReferralVariables.PRIORITY_DISPLAY.name())).isEqualTo("Two-week wait");
        assertThat(scope.value(ReferralVariables.REQUEST_ID.name())).isEqualTo("req-1");
        assertThat(scope.taskName).isEqualTo("Choose a slot — Cardiology, two-week wait")
                .doesNotContain("Jane").doesNotContain("3888").doesNotContain("0001").doesNotContain("req-1");
    }

    @Test
    void whatIsNotKnownYetIsLeftOutNotSetEmpty() {
        FakeScope scope = new FakeScope().with(ReferralVariables.PRIORITY.name(), "ROUTINE")
                .with(ReferralVariables.NHS_NUMBER.name(), "9912003888").with(ReferralVariables.UBRN.name(), null);
        scope.taskName = "Choose shortlist";

        new ReferralTaskDetails().notify(scope.task());

        assertThat(scope.value(ReferralVariables.PATIENT_DISPLAY.name())).isEqualTo("NHS number 991 200 3888");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.UBRN_DISPLAY.name());
    }
}
