package org.ersreferral.process.delegate;

import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A016 deferral: the provider will arrange the appointment, for the reason the path recorded. */
@Component("deferToProviderDelegate")
class DeferToProviderDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    DeferToProviderDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String reason = variables.string(ReferralVariables.DEFERRAL_REASON);
        AppointmentRequest.Kind kind = switch (reason == null ? ReferralVariables.DEFERRAL_NO_SLOTS : reason) {
            case ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE -> AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE;
            case ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM -> AppointmentRequest.Kind.DEFER_BOOKING_ATTEMPT_PROBLEM;
            default -> AppointmentRequest.Kind.DEFER_NO_SLOTS;
        };
        String slotId = kind == AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE ? variables.string(ReferralVariables.SLOT_ID) : null;
        AppointmentResult result = ers.bookOrDefer(call, new AppointmentRequest(kind, variables.ubrn(),
                knownOrCurrentVersion(variables, ers, call), variables.string(ReferralVariables.BOOK_SERVICE_ID), variables.nhsNumber(),
                slotId, null, null, variables.string(ReferralVariables.DEFERRAL_COMMENT)));
        variables.set(ReferralVariables.APPOINTMENT_ID, result.appointmentId());
        variables.setOutcome(Outcome.DEFERRED_TO_PROVIDER);
    }

    /** A deferral that got no answer is checked (A005) before it is sent again. */
    @Override
    void onOutcomeUnknown(ReferralVariables variables, org.camunda.bpm.engine.delegate.DelegateExecution execution,
                          org.ersreferral.ers.ErsException.OutcomeUnknown e) {
        settleUnknownOutcome(variables, execution, ers, e, DEFERRED_STATE, Outcome.DEFERRED_TO_PROVIDER);
    }

    /** e-RS referral state once a booking is deferred to the provider. */
    static final String DEFERRED_STATE = "DEFERRED_TO_PROVIDER";
}
