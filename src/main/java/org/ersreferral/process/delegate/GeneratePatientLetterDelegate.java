package org.ersreferral.process.delegate;

import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.PatientLetter;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A019: the patient letter for the referral as it now stands, kept as a PDF file variable to download. */
@Component("generatePatientLetterDelegate")
class GeneratePatientLetterDelegate extends ErsTaskDelegate {

    static final String PDF = "application/pdf";

    private final ErsClient ers;

    GeneratePatientLetterDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        PatientLetter letter = ers.generatePatientLetter(call, variables.ubrn());
        String fileName = TaskLabels.patientLetterFileName(variables.outcomeSoFar(), variables.ubrn());
        variables.set(ReferralVariables.PATIENT_LETTER, Variables.fileValue(fileName).file(letter.pdf()).mimeType(PDF).create());
    }
}
