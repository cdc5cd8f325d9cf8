package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A010: offers the services found as the Json lists the shortlist form binds to ({@link TaskLabels}). */
@Component("searchServicesDelegate")
class SearchServicesDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    SearchServicesDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        List<ServiceOption> found = ers.searchServices(call, variables.serviceSearch());
        variables.set(ReferralVariables.SERVICES, found.stream().map(TaskLabels::service).toList());
        variables.set(ReferralVariables.BOOKABLE_SERVICES, TaskLabels.bookableServices(found));
        variables.set(ReferralVariables.SERVICE_COUNT, found.size());
    }
}
