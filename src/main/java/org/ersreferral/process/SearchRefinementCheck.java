package org.ersreferral.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "Refine the service search" completes with a new search (a specialty is still needed) or with abandon. */
@Component("searchRefinementCheck")
public class SearchRefinementCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        boolean abandon = variables.get(ReferralVariables.ABANDON_SEARCH);
        variables.set(ReferralVariables.ABANDON_SEARCH, abandon);
        if (!abandon && variables.get(ReferralVariables.SPECIALTY) == null) {
            throw new TaskCompletionRefused("Choose a specialty to search again, or abandon the search");
        }
        for (ProcessVariable<String> optional : List.of(ReferralVariables.CLINIC_TYPE, ReferralVariables.POSTCODE,
                ReferralVariables.CLINICAL_TERM)) {
            if (variables.get(optional) == null) {
                variables.clear(optional);
            }
        }
    }
}
