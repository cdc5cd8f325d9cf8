package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_PROVIDER_UNAVAILABLE;
import static org.ersreferral.process.ReferralProcess.ERROR_SLOT_GONE;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A016: books the chosen slot. A slot taken meanwhile (409/423) or a provider system that failed
 * (502/504) leads to deferral; a request that got no answer is reconciled with A005 before
 * anything is sent again, so a booking is never made twice.
 */
@Component("bookAppointmentDelegate")
class BookAppointmentDelegate extends ErsTaskDelegate {

    static final String BOOKED_STATE = "BOOKED";

    private final ErsClient ers;

    BookAppointmentDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String slotId = variables.string(ReferralVariables.SLOT_ID);
        Map<String, Object> slot = variables.objectList(ReferralVariables.SLOTS).stream()
                .filter(s -> slotId.equals(s.get("value"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Slot " + slotId + " is not among the slots offered"));
        // A slot with a named clinician is booked with that clinician as a participant, as e-RS requires.
        AppointmentRequest booking = new AppointmentRequest(AppointmentRequest.Kind.BOOK, variables.ubrn(),
                knownOrCurrentVersion(variables, ers, call), variables.string(ReferralVariables.BOOK_SERVICE_ID),
                variables.nhsNumber(), slotId, OffsetDateTime.parse((String) slot.get("start")),
                OffsetDateTime.parse((String) slot.get("end")), null, (String) slot.get("clinician"));
        try {
            AppointmentResult result = ers.bookOrDefer(call, booking);
            variables.set(ReferralVariables.APPOINTMENT_ID, result.appointmentId());
            variables.setOutcome(Outcome.BOOKED);
        } catch (ErsException.Conflict slotGone) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE);
            throw new BpmnError(ERROR_SLOT_GONE, slotGone.getMessage());
        } catch (ErsException.ProviderUnavailable providerDown) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM);
            throw new BpmnError(ERROR_PROVIDER_UNAVAILABLE, providerDown.getMessage());
        }
    }

    @Override
    void onOutcomeUnknown(ReferralVariables variables, DelegateExecution execution, ErsException.OutcomeUnknown e) {
        if (alreadyApplied(variables, execution, ers, Set.of(BOOKED_STATE))) {
            variables.setOutcome(Outcome.BOOKED);
            return;
        }
        // Not booked: the request never took effect, so the job may safely send it again.
        throw new ErsCallFailed(new ErsException.Unavailable(e.operationId(), 0,
                "Booking got no answer and e-RS shows it was not made; booking will be tried again", e));
    }
}
