package org.ersreferral.process.delegate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsDomain;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A010: offers the services found as Json lists the shortlist form binds to ({@code value} =
 * service id, {@code label}), with the bookable type and triage flag the rules need.
 */
@Component("searchServicesDelegate")
class SearchServicesDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    SearchServicesDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        List<ServiceOption> found = ers.searchServices(call, variables.serviceSearch());
        variables.setJson(ReferralVariables.SERVICES, found.stream().map(SearchServicesDelegate::option).toList());
        variables.setJson(ReferralVariables.BOOKABLE_SERVICES, found.stream()
                .filter(s -> !s.triage() && ErsDomain.DIRECTLY_BOOKABLE.equals(s.bookableType()))
                .map(s -> Map.of("value", s.id(), "label", s.name())).toList());
        variables.set(ReferralVariables.SERVICE_COUNT, found.size());
    }

    static Map<String, Object> option(ServiceOption service) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("value", service.id());
        option.put("label", label(service));
        option.put("name", service.name());
        option.put("bookableType", service.bookableType());
        option.put("triage", service.triage());
        option.put("indicativeWaitDays", service.indicativeWaitDays());
        option.put("distanceMiles", service.distanceMiles());
        option.put("location", service.location());
        return option;
    }

    /**
     * Everything a coordinator weighs, short enough for one line of Tasklist's checklist: how it is
     * booked, triage or not, indicative wait, distance from the patient's postcode.
     */
    static String label(ServiceOption service) {
        StringBuilder label = new StringBuilder(service.name()).append(" · ");
        if (service.triage()) {
            label.append("triage (RAS)");
        } else {
            label.append(ErsDomain.DIRECTLY_BOOKABLE.equals(service.bookableType()) ? "directly bookable" : "indirectly bookable")
                    .append(" · no triage");
        }
        label.append(service.indicativeWaitDays() != null ? " · ~" + service.indicativeWaitDays() + " days' wait" : " · wait unknown");
        label.append(service.distanceMiles() != null ? String.format(java.util.Locale.UK, " · %.1f miles", service.distanceMiles())
                : " · distance unknown");
        return label.toString();
    }
}
