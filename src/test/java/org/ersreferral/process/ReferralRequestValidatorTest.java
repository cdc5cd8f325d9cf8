package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.Test;

class ReferralRequestValidatorTest {

    static final String PRIORITIES = "ROUTINE, URGENT, TWO_WEEK_WAIT";

    @Test
    void validInputHasNoProblems() {
        assertThat(ReferralRequestValidator.problems("9912003888", "ROUTINE", "CARDIOLOGY")).isEmpty();
        assertThat(ReferralRequestValidator.problems("991 200 3888", "TWO_WEEK_WAIT", "CARDIOLOGY")).isEmpty();
    }

    @Test
    void missingInputNamesEveryProblemInOrder() {
        assertThat(ReferralRequestValidator.problems(null, null, null)).containsExactly(
                "NHS number is required",
                "priority is required (one of " + PRIORITIES + ")",
                "specialty is required");
        assertThat(ReferralRequestValidator.problems(" ", " ", " ")).containsExactly(
                "NHS number is required",
                "priority is required (one of " + PRIORITIES + ")",
                "specialty is required");
    }

    @Test
    void badValuesAreNamed() {
        assertThat(ReferralRequestValidator.problems("12345", "SOON", "CARDIOLOGY")).containsExactly(
                "NHS number must be 10 digits",
                "priority 'SOON' is unknown (use one of " + PRIORITIES + ")");
        assertThat(ReferralRequestValidator.problems("9912003887", "urgent", "CARDIOLOGY")).containsExactly(
                NhsNumberTest.WRONG_CHECK_DIGIT,
                "priority 'urgent' is unknown (use one of " + PRIORITIES + ")");
    }

    @Test
    void refusesTheStartWithAllProblemsInOneMessage() {
        FakeScope scope = new FakeScope().with(ReferralVariables.NHS_NUMBER.name(), "9912003887");

        assertThatThrownBy(() -> new ReferralRequestValidator(false).notify(scope.execution()))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessage("Referral not started: " + NhsNumberTest.WRONG_CHECK_DIGIT
                        + "; priority is required (one of " + PRIORITIES + ")");
        assertThat(scope.variables).containsOnlyKeys(ReferralVariables.NHS_NUMBER.name());
    }

    @Test
    void aStartWithoutSpecialtyGoesAheadForACoordinatorToDescribeTheNeedButAGpSystemMustNameIt() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE")
                .with(ReferralVariables.PATIENT_LETTER_TASK.name(), "true");

        new ReferralRequestValidator(false).notify(scope.execution());

        assertThat(scope.variables).containsKey(ReferralVariables.SPECIALTY.name());
        assertThat(scope.value(ReferralVariables.SPECIALTY.name())).isNull();
        assertThat(scope.value(ReferralVariables.PATIENT_LETTER_TASK.name())).isEqualTo(true);
        assertThat(ReferralRequestValidator.problems("9912003888", "ROUTINE", null)).containsExactly("specialty is required");
    }

    @Test
    void normalisesTheNhsNumberAndDefinesEveryVariableTheGatewaysRead() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.NHS_NUMBER.name(), "991 200 3888")
                .with(ReferralVariables.PRIORITY.name(), "URGENT")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.POSTCODE.name(), "LS1 4HR")
                .with(ReferralVariables.TRIAGE_SERVICE.name(), true);
        scope.businessKey = "request-42";

        new ReferralRequestValidator(true).notify(scope.execution());

        assertThat(scope.value(ReferralVariables.NHS_NUMBER.name())).isEqualTo("9912003888");
        assertThat(scope.value(ReferralVariables.REQUEST_ID.name())).isEqualTo("request-42");
        assertThat(scope.value(ReferralVariables.CREATE_AND_SEND_FOR_TRIAGE.name())).isEqualTo(true);
        assertThat(scope.value(ReferralVariables.POSTCODE.name())).isEqualTo("LS1 4HR");
        for (String optional : new String[] {ReferralVariables.CLINIC_TYPE.name(), ReferralVariables.CLINICAL_TERM.name(),
                ReferralVariables.NAMED_CLINICIAN.name(), ReferralVariables.UBRN.name(), ReferralVariables.BOOK_SERVICE_ID.name(), ReferralVariables.OUTCOME.name()}) {
            assertThat(scope.variables).as(optional).containsKey(optional);
            assertThat(scope.stored(optional)).as(optional).isInstanceOf(TypedValue.class);
            assertThat(scope.value(optional)).as(optional).isNull();
        }
        for (String flag : new String[] {ReferralVariables.TRIAGE_SERVICE.name(), ReferralVariables.ATTACH_LATER.name(),
                ReferralVariables.DEFER_TO_PROVIDER.name(), ReferralVariables.ABANDON_SEARCH.name(), ReferralVariables.PATIENT_LETTER_TASK.name()}) {
            assertThat(scope.value(flag)).as(flag).isEqualTo(false);
        }
    }

    @Test
    void withoutABusinessKeyTheRequestIdIsTheProcessInstanceId() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY");
        scope.processInstanceId = "pi-7";

        new ReferralRequestValidator(false).notify(scope.execution());

        assertThat(scope.value(ReferralVariables.REQUEST_ID.name())).isEqualTo("pi-7");
        assertThat(scope.value(ReferralVariables.CREATE_AND_SEND_FOR_TRIAGE.name())).isEqualTo(false);
    }

    @Test
    void theTriageModeComesFromTheErsProperties() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY");

        new ReferralRequestValidator(properties("create-and-send"), null).notify(scope.execution());
        assertThat(scope.value(ReferralVariables.CREATE_AND_SEND_FOR_TRIAGE.name())).isEqualTo(true);

        new ReferralRequestValidator(properties("create-then-send"), null).notify(scope.execution());
        assertThat(scope.value(ReferralVariables.CREATE_AND_SEND_FOR_TRIAGE.name())).isEqualTo(false);
    }

    @Test
    void refusesASpecialtyOrClinicTypeThatIsNotAnErsCode() {
        org.ersreferral.ers.ErsClient ers = org.mockito.Mockito.mock(org.ersreferral.ers.ErsClient.class);
        org.mockito.Mockito.when(ers.retrieveCodeSystem(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq("SPECIALTY")))
                .thenReturn(new org.ersreferral.ers.CodeSystemView("SPECIALTY", "urn:s", java.util.List.of(
                        new org.ersreferral.ers.CodeSystemView.Concept("CARDIOLOGY", "Cardiology"))));
        org.mockito.Mockito.when(ers.retrieveCodeSystem(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq("CLINIC-TYPE")))
                .thenReturn(new org.ersreferral.ers.CodeSystemView("CLINIC-TYPE", "urn:c", java.util.List.of(
                        new org.ersreferral.ers.CodeSystemView.Concept("HEART_FAILURE", "Heart failure", "CARDIOLOGY"),
                        new org.ersreferral.ers.CodeSystemView.Concept("SKIN_LESION", "Skin lesion", "DERMATOLOGY"))));
        ReferralRequestValidator validator = new ReferralRequestValidator(properties("create-then-send"), new ReferralCodes(ers));

        FakeScope unknown = new FakeScope().with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE").with(ReferralVariables.SPECIALTY.name(), "NOT_A_SPECIALTY");
        assertThatThrownBy(() -> validator.notify(unknown.execution())).isInstanceOf(ReferralInputRefused.class)
                .hasMessage("Referral not started: specialty is not an e-RS specialty code (code system SPECIALTY, e.g. CARDIOLOGY)");

        FakeScope wrongClinic = new FakeScope().with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE").with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.CLINIC_TYPE.name(), "SKIN_LESION");
        assertThatThrownBy(() -> validator.notify(wrongClinic.execution())).isInstanceOf(ReferralInputRefused.class)
                .hasMessage("Referral not started: clinicType SKIN_LESION is not a clinic type of specialty CARDIOLOGY");

        FakeScope good = new FakeScope().with(ReferralVariables.NHS_NUMBER.name(), "9912003888")
                .with(ReferralVariables.PRIORITY.name(), "ROUTINE").with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE");
        validator.notify(good.execution());
        assertThat(good.value(ReferralVariables.CLINIC_TYPE.name())).isEqualTo("HEART_FAILURE");
    }

    private static ErsProperties properties(String triageMode) {
        return new ErsProperties("http://localhost", "R69", "REFERRING_CLINICIAN", null, triageMode,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), 10, 3, null);
    }
}
