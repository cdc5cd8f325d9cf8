package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

/** {@link NeedDescriptionCheck}: the specialty and clinic type must be among the e-RS reference data the form offered. */
class NeedDescriptionCheckTest {

    static final String SPECIALTIES = "[{\"label\":\"Cardiology\",\"value\":\"CARDIOLOGY\"},{\"label\":\"Dermatology\",\"value\":\"DERMATOLOGY\"}]";
    static final String CLINIC_TYPES = "[{\"label\":\"Cardiology: Heart Failure\",\"value\":\"HEART_FAILURE\",\"specialty\":\"CARDIOLOGY\"},"
            + "{\"label\":\"Dermatology: Skin Lesion\",\"value\":\"SKIN_LESION\",\"specialty\":\"DERMATOLOGY\"},"
            + "{\"label\":\"General\",\"value\":\"GENERAL\"}]";

    private static FakeScope offered() {
        return new FakeScope()
                .with(ReferralVariables.SPECIALTY_OPTIONS.name(), SpinValues.jsonValue(SPECIALTIES).create())
                .with(ReferralVariables.CLINIC_TYPE_OPTIONS.name(), SpinValues.jsonValue(CLINIC_TYPES).create());
    }

    @Test
    void aKnownSpecialtyAndOneOfItsClinicTypesAreKeptWithTheirDisplayNames() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY.name(), " CARDIOLOGY ").with(ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.SPECIALTY.name())).isEqualTo("CARDIOLOGY");
        assertThat(scope.value(ReferralVariables.SPECIALTY_DISPLAY.name())).isEqualTo("Cardiology");
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE.name())).isEqualTo("HEART_FAILURE");
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE_DISPLAY.name())).isEqualTo("Cardiology: Heart Failure");
        assertThat(scope.variables).containsKey(ReferralVariables.CLINICAL_TERM.name());
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM.name())).isNull();
    }

    @Test
    void theClinicTypeIsOptionalAndAnEmptyOneBecomesNull() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY.name(), "DERMATOLOGY").with(ReferralVariables.CLINIC_TYPE.name(), "")
                .with(ReferralVariables.CLINICAL_TERM.name(), "mole");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.variables).containsKey(ReferralVariables.CLINIC_TYPE.name());
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE.name())).isNull();
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM.name())).isEqualTo("mole");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.CLINIC_TYPE_DISPLAY.name());
    }

    @Test
    void aClinicTypeWithoutSpecialtyGoesWithAnySpecialty() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY.name(), "DERMATOLOGY").with(ReferralVariables.CLINIC_TYPE.name(), "GENERAL");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.CLINIC_TYPE_DISPLAY.name())).isEqualTo("General");
    }

    @Test
    void refusalsSayWhatToDoAndChangeNothing() {
        Map<String, String> refusals = Map.of(
                "", "Choose the specialty the patient needs",
                "ASTROLOGY", "Specialty ASTROLOGY is not one e-RS knows; choose one from the list",
                "CARDIOLOGY|NEUROSURGERY", "Clinic type NEUROSURGERY is not one e-RS knows; choose one from the list or leave it empty",
                "CARDIOLOGY|SKIN_LESION", "Clinic type Dermatology: Skin Lesion is not a clinic type of Cardiology;"
                        + " choose one of its clinic types or leave it empty");
        refusals.forEach((input, message) -> {
            String[] parts = input.split("\\|");
            FakeScope scope = offered().with(ReferralVariables.SPECIALTY.name(), parts[0]);
            if (parts.length > 1) {
                scope.with(ReferralVariables.CLINIC_TYPE.name(), parts[1]);
            }
            assertThatThrownBy(() -> new NeedDescriptionCheck().notify(scope.task())).as(input)
                    .isInstanceOf(TaskCompletionRefused.class).hasMessage(message);
            assertThat(scope.variables).as(input).doesNotContainKeys(ReferralVariables.SPECIALTY_DISPLAY.name(), ReferralVariables.CLINIC_TYPE_DISPLAY.name());
        });
    }

    @Test
    void withoutOfferedOptionsNothingCanBeChecked() {
        assertThat(NeedDescriptionCheck.problem("CARDIOLOGY", null, List.of(), List.of()))
                .isEqualTo("Specialty CARDIOLOGY is not one e-RS knows; choose one from the list");
    }
}
