package org.ersreferral.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.ersreferral.ers.AvailableAction;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.process.FollowUp.Choice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The choices of the follow-up's own tasks: on create, what the task offers now (task-local
 * {@link FollowUp#FOLLOW_UP_CHOICES}, the form's options); on complete, that the choice is one of them.
 * On "Act on the returned referral" e-RS decides (A029, read just before the task): a choice e-RS would
 * refuse is never offered.
 */
@Component("followUpChoices")
public class FollowUpChoices implements TaskListener {

    /** Task-local on "Contact the patient": the shortlist's services a slot can be booked at here. */
    public static final ProcessVariable<List<BookableService>> BOOKABLE_ON_SHORTLIST =
            ProcessVariable.jsonList("bookableOnShortlist", BookableService.class);
    /** Task-local on the tasks that offer cancelling: e-RS's referral cancellation reasons (A004), {@code {label, value}}. */
    public static final ProcessVariable<List<CodeOption>> CANCELLATION_REASON_OPTIONS =
            ProcessVariable.jsonList("cancellationReasonOptions", CodeOption.class);

    /** e-RS's REFERRAL-CANCELLATION-REASON codes as options; empty when e-RS cannot be asked (its default reason is used). */
    public interface CancellationReasons {
        List<CodeOption> options();
    }

    private final CancellationReasons cancellationReasons;

    @Autowired
    FollowUpChoices(ErsClient ers) {
        this(() -> {
            try {
                // Reference data: read as the application, cached by the client.
                return ers.retrieveCodeSystem(new ErsCall("follow-up", "cancellation-reasons"), ReferralCodes.CANCELLATION_REASON)
                        .concepts().stream().map(c -> new CodeOption(c.display() == null ? c.code() : c.display(), c.code(), null))
                        .sorted(Comparator.comparing(CodeOption::label, String.CASE_INSENSITIVE_ORDER)).toList();
            } catch (RuntimeException unavailable) {
                return List.of();
            }
        });
    }

    public FollowUpChoices(CancellationReasons cancellationReasons) {
        this.cancellationReasons = cancellationReasons;
    }

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            List<Choice> offered = offered(task.getTaskDefinitionKey(), variables);
            FollowUp.FOLLOW_UP_CHOICES.setLocal(task, offered.stream().map(Choice::option).toList());
            if (FollowUp.TASK_CONTACT_PATIENT.equals(task.getTaskDefinitionKey())) {
                BOOKABLE_ON_SHORTLIST.setLocal(task, bookableOnShortlist(variables));
            }
            if (offered.contains(Choice.CANCEL)) {
                CANCELLATION_REASON_OPTIONS.setLocal(task, cancellationReasons.options());
            }
            ReferralStatus status = variables.get(FollowUp.ERS_STATUS);
            FollowUp.ERS_STATUS_DISPLAY.setLocal(task, ErsReferralStatus.words(status == null ? null : status.name()));
        } else {
            check(task.getTaskDefinitionKey(), task, variables);
        }
    }

    /** What the task offers, in the order the form lists it. */
    static List<Choice> offered(String taskDefinitionKey, ReferralVariables variables) {
        List<Choice> choices = new ArrayList<>();
        switch (taskDefinitionKey) {
            case FollowUp.TASK_TAKE_ON_ERS_REFERRAL -> {
                choices.add(Choice.TAKE_ON);
                choices.add(Choice.LEAVE);
            }
            case FollowUp.TASK_ACT_ON_RETURNED_REFERRAL -> {
                Set<String> allowed = Set.copyOf(variables.get(FollowUp.AVAILABLE_ACTIONS));
                boolean searchable = variables.get(ReferralVariables.SPECIALTY) != null;
                if (allowed.contains(AvailableAction.CREATE_APPOINTMENT.name()) && variables.get(ReferralVariables.BOOK_SERVICE_ID) != null) {
                    choices.add(Choice.BOOK);
                }
                if (allowed.contains(AvailableAction.CHANGE_SHORTLIST.name()) && searchable) {
                    choices.add(Choice.CHANGE_SHORTLIST);
                }
                if (allowed.contains(AvailableAction.CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE.name()) && searchable) {
                    choices.add(Choice.SEND_TO_TRIAGE);
                }
                if (!allowed.isEmpty()) {
                    // Letters can be added while e-RS lets anything be done with the referral.
                    choices.add(Choice.ADD_LETTER);
                }
                if (allowed.contains(AvailableAction.CANCEL_REFERRAL.name())) {
                    choices.add(Choice.CANCEL);
                }
                choices.add(Choice.DEALT_WITH);
            }
            case FollowUp.TASK_CONTACT_PATIENT -> {
                if (!bookableOnShortlist(variables).isEmpty()) {
                    choices.add(Choice.BOOK);
                }
                choices.add(Choice.NEW_LETTER);
                choices.add(Choice.CANCEL);
                choices.add(Choice.KEEP_WAITING);
            }
            case FollowUp.TASK_CHASE_PROVIDER -> {
                choices.add(Choice.KEEP_WAITING);
                choices.add(Choice.NEW_LETTER);
                choices.add(Choice.CANCEL);
            }
            default -> throw new IllegalStateException("No follow-up choices on task " + taskDefinitionKey);
        }
        return choices;
    }

    private static void check(String taskDefinitionKey, VariableScope task, ReferralVariables variables) {
        String text = FollowUp.FOLLOW_UP_CHOICE.text(task);
        List<Choice> offered = offered(taskDefinitionKey, variables);
        Choice chosen = offered.stream().filter(choice -> choice.name().equals(text)).findFirst().orElse(null);
        if (chosen == null) {
            throw new TaskCompletionRefused(text == null ? "Choose what to do next (followUpChoice)."
                    : "followUpChoice: that is not one of the choices this task offers now ("
                    + offered.stream().map(Choice::label).collect(Collectors.joining("; ")) + ").");
        }
        if (FollowUp.TASK_CONTACT_PATIENT.equals(taskDefinitionKey) && chosen == Choice.BOOK) {
            String service = ReferralVariables.BOOK_SERVICE_ID.text(task);
            if (bookableOnShortlist(variables).stream().noneMatch(option -> option.value().equals(service))) {
                throw new TaskCompletionRefused(service == null ? "bookServiceId: choose the service to book the appointment at."
                        : "bookServiceId: that service is not one of the shortlist's services a slot can be booked at here.");
            }
        }
        if (chosen == Choice.DEALT_WITH) {
            // Acted on in e-RS itself: what e-RS shows now is not known here, so the next state the sync finds is news.
            FollowUp.ERS_STATUS.clear(task);
        }
        String reason = ReferralVariables.CANCELLATION_REASON.text(task);
        if (chosen == Choice.CANCEL && reason != null) {
            List<CodeOption> reasons = CANCELLATION_REASON_OPTIONS.from(task);
            if (!reasons.isEmpty() && reasons.stream().noneMatch(option -> option.value().equals(reason))) {
                throw new TaskCompletionRefused("cancellationReason: choose one of e-RS's cancellation reasons.");
            }
        }
        String comment = ReferralVariables.CANCELLATION_COMMENT.text(task);
        if (comment != null && comment.length() > FormFields.MAX_COMMENT) {
            throw new TaskCompletionRefused("cancellationComment: at most " + FormFields.MAX_COMMENT + " characters.");
        }
    }

    /** The shortlisted services a slot can be booked at here (directly bookable, found by the last search). */
    static List<BookableService> bookableOnShortlist(ReferralVariables variables) {
        Set<String> shortlist = Set.copyOf(variables.get(ReferralVariables.SHORTLIST));
        return variables.get(ReferralVariables.BOOKABLE_SERVICES).stream().filter(service -> shortlist.contains(service.value())).toList();
    }
}
