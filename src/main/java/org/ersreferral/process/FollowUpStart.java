package org.ersreferral.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.ersreferral.ers.ReferralStatus;
import org.springframework.stereotype.Component;

/**
 * The message end events of {@code ers-referral}'s outcomes at sending (booked, deferred, sent for
 * triage, patient to book): starts {@code ers-referral-follow-up} for the referral, with its business
 * key, its facts (not its files, nor the working state of steps already done) and the state e-RS last
 * reported. The follow-up belongs to the referral's organisation (the tenant-id provider reads it from
 * this execution).
 */
@Component("followUpStart")
public class FollowUpStart implements JavaDelegate {

    /**
     * Working state of the sending path that would mislead the follow-up's own booking, search and problems. The
     * letter's attachments stay: a letter changed later (A012) lists them with the new files.
     */
    private static final Set<String> LEFT_BEHIND = Set.of(ReferralVariables.SLOTS.name(), ReferralVariables.SLOT_COUNT.name(),
            ReferralVariables.SLOT_ID.name(), ReferralVariables.DEFER_TO_PROVIDER.name(), ReferralVariables.DEFERRAL_REASON.name(),
            ReferralVariables.DEFERRAL_COMMENT.name(), ReferralVariables.RESOLUTION.name(), ReferralVariables.ERS_ERROR_CODE.name(),
            ReferralVariables.ERS_ERROR_MESSAGE.name(), ReferralVariables.ERS_FAILED_STEP.name(),
            ReferralVariables.ERS_ERROR_STATUS.name(), ReferralVariables.ERS_ERROR_DIAGNOSTICS.name(),
            ReferralVariables.PATIENT_LETTER_HANDOVER.name(), ReferralVariables.LETTER_FILE_VARIABLE.name(),
            ReferralVariables.ATTACH_LATER.name(), ReferralVariables.ABANDON_SEARCH.name());

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> variables = new HashMap<>();
        VariableMap referral = execution.getVariablesTyped();
        for (String name : referral.keySet()) {
            TypedValue value = referral.getValueTyped(name);
            if (!(value instanceof FileValue) && !LEFT_BEHIND.contains(name)) {
                variables.put(name, value);
            }
        }
        ReferralStatus status = stateAtSending(execution);
        variables.put(FollowUp.ERS_STATUS.name(), status == null ? null : status.name());
        variables.put(FollowUp.ERS_STATUS_DISPLAY.name(), ErsReferralStatus.words(status == null ? null : status.name()));
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        // The worklist sync may have found it on a list meanwhile and offered it as made elsewhere: this follow-up,
        // which knows it, takes its place.
        String ubrn = ReferralVariables.UBRN.from(execution);
        if (ubrn != null) {
            for (ProcessInstance offered : FollowUp.runningOf(runtime, execution.getTenantId(), ubrn).list()) {
                runtime.deleteProcessInstance(offered.getId(), "Followed by the referral's own follow-up", true, true);
            }
        }
        runtime.createProcessInstanceByKey(FollowUp.PROCESS_KEY)
                .businessKey(execution.getProcessBusinessKey()).setVariables(variables).execute();
    }

    /** What e-RS said last (A005 at the end of sending); the outcome's usual state when it could not be read. */
    static ReferralStatus stateAtSending(DelegateExecution execution) {
        ReferralStatus read = ReferralStatus.fromCode(ReferralVariables.REFERRAL_STATUS.from(execution));
        if (read != null && read != ReferralStatus.OTHER) {
            return read;
        }
        Outcome outcome = ReferralVariables.OUTCOME.from(execution);
        if (outcome == null) {
            return read;
        }
        return switch (outcome) {
            case BOOKED -> ReferralStatus.BOOKED;
            case DEFERRED_TO_PROVIDER -> ReferralStatus.DEFERRED_TO_PROVIDER;
            case SENT_FOR_TRIAGE -> ReferralStatus.AWAITING_TRIAGE;
            case AWAITING_PATIENT_BOOKING -> ReferralStatus.NOT_BOOKED;
            default -> read;
        };
    }
}
