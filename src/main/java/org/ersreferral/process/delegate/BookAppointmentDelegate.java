package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_PROVIDER_UNAVAILABLE;
import static org.ersreferral.process.ReferralProcess.ERROR_SLOT_GONE;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsException;
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
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        try {
            AppointmentRequests.record(variables, steps.bookOrDefer(call, AppointmentRequests.booking(variables)), Outcome.BOOKED);
        } catch (ErsException.Conflict slotGone) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE);
            throw new BpmnError(ERROR_SLOT_GONE, slotGone.getMessage());
        } catch (ErsException.ProviderUnavailable providerDown) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM);
            throw new BpmnError(ERROR_PROVIDER_UNAVAILABLE, providerDown.getMessage());
        }
    }
}
