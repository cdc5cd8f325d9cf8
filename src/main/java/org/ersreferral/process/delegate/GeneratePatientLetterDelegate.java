package org.ersreferral.process.delegate;

import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.PatientLetter;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A019: the patient letter for the referral as it now stands, kept as a PDF file variable to
 * download. Its file name says which letter it is and for which referral (the UBRN), never whose.
 */
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
        variables.set(ReferralVariables.PATIENT_LETTER, Variables.fileValue(fileName(variables.string(ReferralVariables.OUTCOME),
                variables.ubrn())).file(letter.pdf()).mimeType(PDF).create());
    }

    /** E.g. {@code patient-letter-appointment-booked-000000070001.pdf}. */
    static String fileName(String outcome, String ubrn) {
        String kind = outcome == null ? null : switch (outcome) {
            case "BOOKED" -> "appointment-booked";
            case "DEFERRED_TO_PROVIDER" -> "booking-deferred-to-provider";
            case "SENT_FOR_TRIAGE" -> "sent-for-triage";
            case "AWAITING_PATIENT_BOOKING" -> "shortlist-to-book";
            default -> null;
        };
        String reference = ubrn == null ? "" : ubrn.replaceAll("[^A-Za-z0-9]", "");
        return "patient-letter" + (kind == null ? "" : "-" + kind) + (reference.isEmpty() ? "" : "-" + reference) + ".pdf";
    }
}
