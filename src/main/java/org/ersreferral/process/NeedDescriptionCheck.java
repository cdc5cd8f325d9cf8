package org.ersreferral.process;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Describe the need" completes with a specialty e-RS knows and, optionally, one of its clinic
 * types: checked against the e-RS reference data the form offered, whatever the client sent.
 */
@Component("needDescriptionCheck")
public class NeedDescriptionCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        // e-RS's codes as the process stored them: never a value given with the completion.
        ReferralVariables stored = ReferralVariables.of(task.getExecution());
        List<CodeOption> specialties = stored.get(ReferralVariables.SPECIALTY_OPTIONS);
        List<CodeOption> clinicTypes = stored.get(ReferralVariables.CLINIC_TYPE_OPTIONS);
        String specialty = variables.get(ReferralVariables.SPECIALTY);
        String clinicType = variables.get(ReferralVariables.CLINIC_TYPE);
        String problem = problem(specialty, clinicType, specialties, clinicTypes);
        if (problem != null) {
            throw new TaskCompletionRefused(problem);
        }
        variables.set(ReferralVariables.SPECIALTY, specialty);
        variables.set(ReferralVariables.SPECIALTY_DISPLAY, label(specialties, specialty));
        if (clinicType == null) {
            variables.clear(ReferralVariables.CLINIC_TYPE);
        } else {
            variables.set(ReferralVariables.CLINIC_TYPE, clinicType);
            variables.set(ReferralVariables.CLINIC_TYPE_DISPLAY, label(clinicTypes, clinicType));
        }
        if (variables.get(ReferralVariables.CLINICAL_TERM) == null) {
            variables.clear(ReferralVariables.CLINICAL_TERM);
        }
    }

    /** What is wrong with the description, or null when e-RS can search with it. */
    public static String problem(String specialty, String clinicType, List<CodeOption> specialties,
                                 List<CodeOption> clinicTypes) {
        if (specialty == null) {
            return "Choose the specialty the patient needs";
        }
        if (find(specialties, specialty).isEmpty()) {
            return "Specialty " + specialty + " is not one e-RS knows; choose one from the list";
        }
        if (clinicType == null) {
            return null;
        }
        Optional<CodeOption> type = find(clinicTypes, clinicType);
        if (type.isEmpty()) {
            return "Clinic type " + clinicType + " is not one e-RS knows; choose one from the list or leave it empty";
        }
        String ofSpecialty = type.get().specialty();
        if (ofSpecialty != null && !ofSpecialty.equals(specialty)) {
            return "Clinic type " + type.get().label() + " is not a clinic type of " + label(specialties, specialty)
                    + "; choose one of its clinic types or leave it empty";
        }
        return null;
    }

    private static Optional<CodeOption> find(List<CodeOption> options, String code) {
        return options.stream().filter(o -> Objects.equals(code, o.value())).findFirst();
    }

    private static String label(List<CodeOption> options, String code) {
        return find(options, code).map(CodeOption::label).orElse(code);
    }
}
