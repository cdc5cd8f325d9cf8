package org.ersreferral.process.delegate;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralCodes;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A004: the display names of the referral's codes, so tasks read "Cardiology, urgent" rather than
 * codes. The client caches code systems, so this costs e-RS a call per TTL, not per referral.
 * When no specialty was given (a Tasklist start), it also lists e-RS's specialties and clinic
 * types for "Describe the need": display names as labels, codes as values.
 */
@Component("loadReferenceDataDelegate")
class LoadReferenceDataDelegate extends ErsTaskDelegate {

    static final String SPECIALTY = ReferralCodes.SPECIALTY;
    static final String PRIORITY = "PRIORITY";
    static final String CLINIC_TYPE = ReferralCodes.CLINIC_TYPE;

    private final ErsClient ers;

    LoadReferenceDataDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        CodeSystemView specialties = ers.retrieveCodeSystem(call, SPECIALTY);
        CodeSystemView priorities = ers.retrieveCodeSystem(call, PRIORITY);
        variables.set(ReferralVariables.PRIORITY_DISPLAY, priorities.display(variables.priority()));
        String specialty = variables.string(ReferralVariables.SPECIALTY);
        if (specialty == null) {
            CodeSystemView clinicTypes = ers.retrieveCodeSystem(call, CLINIC_TYPE);
            variables.setJson(ReferralVariables.SPECIALTY_OPTIONS, specialtyOptions(specialties));
            variables.setJson(ReferralVariables.CLINIC_TYPE_OPTIONS, clinicTypeOptions(clinicTypes, specialties));
            return;
        }
        variables.set(ReferralVariables.SPECIALTY_DISPLAY, specialties.display(specialty));
        String clinicType = variables.string(ReferralVariables.CLINIC_TYPE);
        if (clinicType != null) {
            variables.set(ReferralVariables.CLINIC_TYPE_DISPLAY, ers.retrieveCodeSystem(call, CLINIC_TYPE).display(clinicType));
        }
    }

    /** Specialties by display name. */
    static List<Map<String, Object>> specialtyOptions(CodeSystemView specialties) {
        return specialties.concepts().stream()
                .sorted(Comparator.comparing(CodeSystemView.Concept::display, String.CASE_INSENSITIVE_ORDER))
                .map(c -> option(c.display(), c.code(), null))
                .toList();
    }

    /**
     * Clinic types labelled "Specialty: clinic type" and sorted so, since a clinic type belongs to one
     * specialty; those of a specialty no longer in use are left out.
     */
    static List<Map<String, Object>> clinicTypeOptions(CodeSystemView clinicTypes, CodeSystemView specialties) {
        return clinicTypes.concepts().stream()
                .filter(c -> c.specialty() == null || specialties.contains(c.specialty()))
                .map(c -> option(c.specialty() == null ? c.display() : specialties.display(c.specialty()) + ": " + c.display(),
                        c.code(), c.specialty()))
                .sorted(Comparator.comparing(o -> (String) o.get("label"), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private static Map<String, Object> option(String label, String value, String specialty) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        if (specialty != null) {
            option.put("specialty", specialty);
        }
        return option;
    }
}
