package org.ersreferral.simulator;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Resource;

/**
 * The {@code shortlist} parameter of a create (A011) or a shortlist change (A031, A032): a List of
 * services holding, contained, the search criteria that found them. Each part is checked as it is
 * read, so a caller keeps its own order of refusals.
 */
record ShortlistParameter(ListResource shortlist, Parameters criteria) {

    /** The shortlist and its contained criteria, both required. */
    static ShortlistParameter of(Parameters parameters) {
        if (!(Params.resource(parameters, "shortlist") instanceof ListResource shortlist)) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'shortlist' (a List of services) is required.");
        }
        Parameters criteria = null;
        for (Resource contained : shortlist.getContained()) {
            if (contained instanceof Parameters p) {
                criteria = p;
            }
        }
        if (criteria == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "The shortlist must contain the search criteria (Parameters) "
                    + "that found its services.");
        }
        return new ShortlistParameter(shortlist, criteria);
    }

    /** The services' identifiers, in the shortlist's order; every entry must name one. */
    List<String> serviceIds() {
        List<String> serviceIds = new ArrayList<>();
        for (ListResource.ListEntryComponent entry : shortlist.getEntry()) {
            String id = entry.getItem().getIdentifier().getValue();
            if (id == null || id.isBlank()) {
                throw ErsError.unprocessable("MISSING_VALUE", "Every shortlist entry needs a service identifier.");
            }
            serviceIds.add(id.trim());
        }
        return serviceIds;
    }

    /** The criteria's specialty, null when none, refused when not in the SPECIALTY code system. */
    String specialty() {
        String specialty = Params.code(criteria, "specialty");
        if (specialty != null && !SeedData.SPECIALTIES.containsKey(specialty)) {
            throw ErsError.unprocessable("INVALID_CODE", "Specialty '" + specialty + "' is not in the SPECIALTY code system.");
        }
        return specialty;
    }
}
