package org.ersreferral.history;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;
import org.ersreferral.process.ErsReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.FoundService;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * The history of the e-RS states each followed referral was seen in. The follow-up process calls
 * {@code ${ersStatesSeen.record(execution)}} as an execution listener wherever it learns the referral's
 * state: at its start (the state at sending), when a message says e-RS changed it, and after it read the
 * state itself. The row is written in the engine's transaction, so a job or message that rolls back leaves
 * none; a retried job or a repeated message adds no second row.
 */
@Component("ersStatesSeen")
public class ErsStatesSeen {

    /** Where a state is recorded by a listener on the process itself, which has no current element. */
    static final String PROCESS_START = "process start";

    private final ErsStateRecordRepository records;

    ErsStatesSeen(ErsStateRecordRepository records) {
        this.records = records;
    }

    /** Records the state in the execution's {@code ers*} variables, unless this instance has recorded it already. */
    public void record(DelegateExecution execution) {
        ReferralStatus status = FollowUp.ERS_STATUS.from(execution);
        if (status == null) {
            // Nothing seen yet (the state is read later); nothing to record.
            return;
        }
        String instance = execution.getProcessInstanceId();
        String lastUpdated = FollowUp.ERS_LAST_UPDATED.from(execution);
        if (alreadySeen(records.findByProcessInstanceIdOrderBySeenAtAscIdAsc(instance), status.name(), lastUpdated)) {
            return;
        }
        WorklistType worklist = FollowUp.ERS_WORKLIST.from(execution);
        String seenBy = execution.getCurrentActivityId() != null ? execution.getCurrentActivityId() : PROCESS_START;
        String service = serviceOf(execution);
        records.save(new ErsStateRecord(instance, execution.getProcessBusinessKey(), execution.getTenantId(),
                ReferralVariables.UBRN.from(execution), ClockUtil.getCurrentTime().toInstant(), status.name(),
                FollowUp.ERS_STATUS_REASON.from(execution),
                fitting(FollowUp.ERS_STATUS_REASON_DISPLAY.from(execution), ErsStateRecord.MAX_REASON_DISPLAY),
                fitting(FollowUp.ERS_STATUS_COMMENTS.from(execution), ErsStateRecord.MAX_COMMENTS), lastUpdated,
                worklist == null ? null : worklist.name(), service, fitting(serviceName(execution, service),
                ErsStateRecord.MAX_SERVICE_NAME), seenBy));
    }

    /**
     * The same state again: e-RS's {@code referralLastUpdated} names one version of the referral, so a state
     * with one already recorded is a repeat; without one, only the same state as the last recorded is.
     */
    static boolean alreadySeen(List<ErsStateRecord> seen, String status, String lastUpdated) {
        if (lastUpdated != null) {
            return seen.stream().anyMatch(row -> status.equals(row.getStatus()) && lastUpdated.equals(row.getLastUpdated()));
        }
        if (seen.isEmpty()) {
            return false;
        }
        ErsStateRecord last = seen.get(seen.size() - 1);
        return status.equals(last.getStatus()) && last.getLastUpdated() == null;
    }

    /** The service booked or sent to, or the only one shortlisted; null when the referral names none or several. */
    private static String serviceOf(DelegateExecution execution) {
        String booked = ReferralVariables.BOOK_SERVICE_ID.from(execution);
        if (booked != null) {
            return fitting(booked, ErsStateRecord.MAX_SERVICE_ID);
        }
        List<String> shortlist = ReferralVariables.SHORTLIST.from(execution);
        return shortlist.size() == 1 ? fitting(shortlist.get(0), ErsStateRecord.MAX_SERVICE_ID) : null;
    }

    /**
     * The service's name as the referral's service search found it (the services it was shortlisted from), or null:
     * a referral found in e-RS, or one whose search did not list the service, names none.
     */
    private static String serviceName(DelegateExecution execution, String serviceId) {
        if (serviceId == null) {
            return null;
        }
        return ReferralVariables.SERVICES.from(execution).stream().filter(service -> serviceId.equals(service.value()))
                .map(FoundService::name).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Longer text is cut rather than refused: losing the state would be worse than losing its tail. */
    private static String fitting(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** The latest state a referral was seen in, in words and as e-RS's code. */
    public record Latest(String status, String words, Instant seenAt) {
    }

    /**
     * The latest state seen of each referral (request id to its organisation, the follow-up's tenant); a referral
     * never followed has none.
     */
    public Map<String, Latest> latestOf(Map<String, String> organisationByRequestId) {
        Map<String, Latest> latest = new HashMap<>();
        if (organisationByRequestId.isEmpty()) {
            return latest;
        }
        Collection<String> requestIds = organisationByRequestId.keySet();
        for (ErsStateRecord row : records.findByBusinessKeyInOrderBySeenAtAscIdAsc(requestIds)) {
            if (Objects.equals(organisationByRequestId.get(row.getBusinessKey()), row.getOrganisation())) {
                latest.put(row.getBusinessKey(), new Latest(row.getStatus(), ErsReferralStatus.words(row.getStatus()), row.getSeenAt()));
            }
        }
        return latest;
    }
}
