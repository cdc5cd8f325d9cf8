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
                .with(ReferralVariables.SPECIALTY_OPTIONS, SpinValues.jsonValue(SPECIALTIES).create())
                .with(ReferralVariables.CLINIC_TYPE_OPTIONS, SpinValues.jsonValue(CLINIC_TYPES).create());
    }

    @Test
    void aKnownSpecialtyAndOneOfItsClinicTypesAreKeptWithTheirDisplayNames() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY, " CARDIOLOGY ").with(ReferralVariables.CLINIC_TYPE, "HEART_FAILURE");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.SPECIALTY)).isEqualTo("CARDIOLOGY");
        assertThat(scope.value(ReferralVariables.SPECIALTY_DISPLAY)).isEqualTo("Cardiology");
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE)).isEqualTo("HEART_FAILURE");
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE_DISPLAY)).isEqualTo("Cardiology: Heart Failure");
        assertThat(scope.variables).containsKey(ReferralVariables.CLINICAL_TERM);
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM)).isNull();
    }

    @Test
    void theClinicTypeIsOptionalAndAnEmptyOneBecomesNull() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY, "DERMATOLOGY").with(ReferralVariables.CLINIC_TYPE, "")
                .with(ReferralVariables.CLINICAL_TERM, "mole");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.variables).containsKey(ReferralVariables.CLINIC_TYPE);
        assertThat(scope.value(ReferralVariables.CLINIC_TYPE)).isNull();
        assertThat(scope.value(ReferralVariables.CLINICAL_TERM)).isEqualTo("mole");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.CLINIC_TYPE_DISPLAY);
    }

    @Test
    void aClinicTypeWithoutSpecialtyGoesWithAnySpecialty() {
        FakeScope scope = offered().with(ReferralVariables.SPECIALTY, "DERMATOLOGY").with(ReferralVariables.CLINIC_TYPE, "GENERAL");

        new NeedDescriptionCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.CLINIC_TYPE_DISPLAY)).isEqualTo("General");
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
            FakeScope scope = offered().with(ReferralVariables.SPECIALTY, parts[0]);
            if (parts.length > 1) {
                scope.with(ReferralVariables.CLINIC_TYPE, parts[1]);
            }
            assertThatThrownBy(() -> new NeedDescriptionCheck().notify(scope.task())).as(input)
                    .isInstanceOf(TaskCompletionRefused.class).hasMessage(message);
            assertThat(scope.variables).as(input).doesNotContainKeys(ReferralVariables.SPECIALTY_DISPLAY, ReferralVariables.CLINIC_TYPE_DISPLAY);
        });
    }

    @Test
    void withoutOfferedOptionsNothingCanBeChecked() {
        assertThat(NeedDescriptionCheck.problem("CARDIOLOGY", null, List.of(), List.of()))
                .isEqualTo("Specialty CARDIOLOGY is not one e-RS knows; choose one from the list");
    }
}
