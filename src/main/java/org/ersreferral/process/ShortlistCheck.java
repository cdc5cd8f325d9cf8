package org.ersreferral.process;

import java.util.HashSet;
import java.util.List;
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
        List<String> shortlist = variables.get(ReferralVariables.SHORTLIST);
        // What the search found, as the process stored it: never a value given with the completion.
        List<FoundService> services = ReferralVariables.of(task.getExecution()).get(ReferralVariables.SERVICES);
        String problem = problem(shortlist, services, variables.get(ReferralVariables.BOOK_SERVICE_ID));
        if (problem != null) {
            throw new TaskCompletionRefused(problem);
        }
        boolean triage = shortlist.size() == 1 && find(services, shortlist.get(0)).map(FoundService::triage).orElse(false);
        variables.set(ReferralVariables.TRIAGE_SERVICE, triage);
        variables.set(ReferralVariables.SHORTLIST, shortlist);
        if (variables.get(ReferralVariables.BOOK_SERVICE_ID) == null) {
            variables.clear(ReferralVariables.BOOK_SERVICE_ID);
        }
    }

    /** What is wrong with the choice, or null when e-RS will accept it. */
    public static String problem(List<String> shortlist, List<FoundService> services, String bookServiceId) {
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
        if (shortlist.size() > 1 && shortlist.stream().anyMatch(id -> find(services, id).map(FoundService::triage).orElse(false))) {
            return "A triage (RAS) service must be the only service on the shortlist";
        }
        if (bookServiceId != null) {
            if (!shortlist.contains(bookServiceId)) {
                return "The service to book now must be on the shortlist";
            }
            FoundService service = find(services, bookServiceId).orElseThrow();
            if (service.triage() || !ErsDomain.DIRECTLY_BOOKABLE.equals(service.bookableType())) {
                return "Only a directly bookable service can be booked now; " + service.name() + " is not";
            }
        }
        return null;
    }

    private static Optional<FoundService> find(List<FoundService> services, String id) {
        return services.stream().filter(s -> Objects.equals(id, s.value())).findFirst();
    }
}
