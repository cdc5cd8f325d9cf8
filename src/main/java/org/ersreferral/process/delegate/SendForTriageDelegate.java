package org.ersreferral.process.delegate;

import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A016 with review reason TRIAGE: sends a referral created by A011 into its triage (RAS) service. */
@Component("sendForTriageDelegate")
class SendForTriageDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    SendForTriageDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String triageServiceId = variables.stringList(ReferralVariables.SHORTLIST).get(0);
        AppointmentResult result = ers.bookOrDefer(call, new AppointmentRequest(AppointmentRequest.Kind.TRIAGE,
                variables.ubrn(), knownOrCurrentVersion(variables, ers, call), triageServiceId, variables.nhsNumber(),
                null, null, null, null));
        variables.set(ReferralVariables.APPOINTMENT_ID, result.appointmentId());
        variables.setOutcome(Outcome.SENT_FOR_TRIAGE);
    }

    /** Sending into triage that got no answer is checked (A005) before it is sent again. */
    @Override
    void onOutcomeUnknown(ReferralVariables variables, org.camunda.bpm.engine.delegate.DelegateExecution execution,
                          org.ersreferral.ers.ErsException.OutcomeUnknown e) {
        settleUnknownOutcome(variables, execution, ers, e, AWAITING_TRIAGE_STATE, Outcome.SENT_FOR_TRIAGE);
    }

    /** e-RS referral state once it is with the triage service. */
    static final String AWAITING_TRIAGE_STATE = "AWAITING_TRIAGE";
}
