package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A016: books the chosen slot. A slot taken meanwhile (409/423) or a provider system that failed
 * (502/504) leads to deferral; the step service never books twice ({@link ErsSteps#bookOrDefer}).
 */
@Component("bookAppointmentDelegate")
class BookAppointmentDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    BookAppointmentDelegate(ErsSteps steps) {
        super(FailureRoute.DEFERRAL_WHEN_SLOT_OR_PROVIDER_FAILS);
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        AppointmentRequests.record(variables, steps.bookOrDefer(call, AppointmentRequests.booking(variables)), Outcome.BOOKED);
    }
}
