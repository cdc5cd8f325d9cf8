package org.ersreferral.process;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ersreferral.ers.ErsDomain;
import org.springframework.stereotype.Component;

/** e-RS shortlist rules, checked on the server whatever the form did: 1–20 services found by the search, a triage service only alone. */
@Component("shortlistCheck")
public class ShortlistCheck implements TaskListener {

    public static final int MAX_SHORTLIST = 20;

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        List<String> shortlist = variables.stringList(ReferralVariables.SHORTLIST);
        // What the search found, as the process stored it: never a value given with the completion.
        List<Map<String, Object>> services = ReferralVariables.of(task.getExecution()).objectList(ReferralVariables.SERVICES);
        String problem = problem(shortlist, services, variables.string(ReferralVariables.BOOK_SERVICE_ID));
        if (problem != null) {
            throw new TaskCompletionRefused(problem);
        }
        boolean triage = shortlist.size() == 1 && find(services, shortlist.get(0)).map(ShortlistCheck::isTriage).orElse(false);
        variables.set(ReferralVariables.TRIAGE_SERVICE, triage);
        variables.setJson(ReferralVariables.SHORTLIST, shortlist);
        if (variables.string(ReferralVariables.BOOK_SERVICE_ID) == null) {
            variables.setNull(ReferralVariables.BOOK_SERVICE_ID);
        }
    }

    /** What is wrong with the choice, or null when e-RS will accept it. */
    public static String problem(List<String> shortlist, List<Map<String, Object>> services, String bookServiceId) {
        if (shortlist.isEmpty()) {
            return "Choose at least one service for the shortlist";
        }
        if (shortlist.size() > MAX_SHORTLIST) {
            return "A shortlist holds at most " + MAX_SHORTLIST + " services; " + shortlist.size() + " were chosen";
        }
        if (new HashSet<>(shortlist).size() != shortlist.size()) {
            return "A service was chosen twice";
        }
        for (String id : shortlist) {
            if (find(services, id).isEmpty()) {
                return "Service " + id + " was not among the services found for this patient";
            }
        }
        if (shortlist.size() > 1 && shortlist.stream().anyMatch(id -> find(services, id).map(ShortlistCheck::isTriage).orElse(false))) {
            return "A triage (RAS) service must be the only service on the shortlist";
        }
        if (bookServiceId != null) {
            if (!shortlist.contains(bookServiceId)) {
                return "The service to book now must be on the shortlist";
            }
            Map<String, Object> service = find(services, bookServiceId).orElseThrow();
            if (isTriage(service) || !ErsDomain.DIRECTLY_BOOKABLE.equals(service.get("bookableType"))) {
                return "Only a directly bookable service can be booked now; " + service.get("name") + " is not";
            }
        }
        return null;
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> services, String id) {
        return services.stream().filter(s -> Objects.equals(id, String.valueOf(s.get("value")))).findFirst();
    }

    private static boolean isTriage(Map<String, Object> service) {
        return Boolean.TRUE.equals(service.get("triage"));
    }
}
