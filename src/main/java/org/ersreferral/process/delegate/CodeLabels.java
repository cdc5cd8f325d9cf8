package org.ersreferral.process.delegate;

import java.util.function.Supplier;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.process.ReferralVariables;

/** What the referral's specialty and clinic type codes leave for people to read, from e-RS's code systems (A004). */
final class CodeLabels {

    private CodeLabels() {
    }

    /**
     * The display names of the specialty and clinic type given; with no specialty given (a Tasklist
     * start), every specialty and clinic type to choose from. Clinic types are read only when needed.
     */
    static void record(ReferralVariables variables, CodeSystemView specialties, Supplier<CodeSystemView> clinicTypes) {
        String specialty = variables.get(ReferralVariables.SPECIALTY);
        String clinicType = variables.get(ReferralVariables.CLINIC_TYPE);
        if (specialty == null) {
            variables.set(ReferralVariables.SPECIALTY_OPTIONS, TaskLabels.specialtyOptions(specialties));
            variables.set(ReferralVariables.CLINIC_TYPE_OPTIONS, TaskLabels.clinicTypeOptions(clinicTypes.get(), specialties));
            return;
        }
        variables.set(ReferralVariables.SPECIALTY_DISPLAY, specialties.display(specialty));
        if (clinicType != null) {
            variables.set(ReferralVariables.CLINIC_TYPE_DISPLAY, clinicTypes.get().display(clinicType));
        }
    }
}
