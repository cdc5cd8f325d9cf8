package org.ersreferral.simulator;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.Schedule;
import org.hl7.fhir.dstu3.model.Slot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A015: one page of free slots of a directly bookable service. */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH + "/STU3/Slot")
class SlotController {

    private final FhirIo fhir;
    private final SimServiceRepository services;
    private final SimSlotRepository slots;

    SlotController(FhirIo fhir, SimServiceRepository services, SimSlotRepository slots) {
        this.fhir = fhir;
        this.services = services;
        this.slots = slots;
    }

    @ErsOperation("A015")
    @GetMapping
    ResponseEntity<String> freeSlots(@RequestParam(name = "schedule.actor:HealthcareService", required = false) String serviceId,
                                     @RequestParam(name = "appointmentType", required = false) String priority,
                                     @RequestParam(name = "status", required = false) String status,
                                     @RequestParam(name = "_count", required = false) String count,
                                     @RequestParam(name = "page", required = false) String page,
                                     @RequestParam(name = "_include", required = false) List<String> include,
                                     @RequestParam(name = "schedule.actor:Practitioner", required = false) String clinician) {
        if (serviceId == null || serviceId.isBlank()) {
            throw ErsError.badRequest("MISSING_VALUE", "Query parameter 'schedule.actor:HealthcareService' (the service id) is required.");
        }
        if (priority == null || !SeedData.PRIORITIES.containsKey(priority)) {
            throw ErsError.badRequest(priority == null ? "MISSING_VALUE" : "INVALID_CODE", "Query parameter 'appointmentType' "
                    + "must be a priority: " + String.join(", ", SeedData.PRIORITIES.keySet()) + ".");
        }
        if (!"free".equals(status)) {
            throw ErsError.badRequest("INVALID_VALUE", "Query parameter 'status' must be 'free'.");
        }
        int size = number(count, 20, "_count", "Count");
        int pageNumber = number(page, 1, "page", "Page Number");
        SimService service = services.findById(serviceId).orElseThrow(() -> ErsError.badRequest("REFERENCE_NOT_FOUND",
                "Service " + serviceId + " does not exist."));
        if (!service.directlyBookable()) {
            throw ErsError.badRequest("INAPPROPRIATE_VALUE", "Service " + serviceId + " (" + service.name()
                    + ") is not directly bookable, so it has no slots to search.");
        }
        List<SimSlot> free = !service.accepts(priority) ? List.of() : slots.findFree(serviceId, Instant.now()).stream()
                .filter(s -> clinician == null || clinician.equals(s.clinician())).toList();
        int from = (pageNumber - 1) * size;
        if (from > 0 && from >= free.size()) {
            throw ErsError.badRequest("INVALID_VALUE", "'Page Number' (" + pageNumber + ") is invalid.");
        }
        List<SimSlot> pageSlots = free.subList(Math.min(from, free.size()), Math.min(from + size, free.size()));
        String base = FhirIo.baseUrl();
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date()).addProfile("http://hl7.org/fhir/STU3/StructureDefinition/Bundle");
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(free.size());
        boolean withSchedules = include != null && include.stream().anyMatch(i -> i.equalsIgnoreCase("Slot:schedule"));
        // Paging links as e-RS writes them: callers follow "next" until it is absent.
        String query = base + "/STU3/Slot?" + (clinician == null ? "" : "schedule.actor%3APractitioner=" + clinician + "&")
                + "schedule.actor%3AHealthcareService=" + serviceId + "&appointmentType=" + priority + "&_count=" + size
                + "&status=free" + (withSchedules ? "&_include=Slot%3Aschedule" : "") + "&page=";
        bundle.addLink().setRelation("self").setUrl(query + pageNumber);
        if (pageNumber > 1) {
            bundle.addLink().setRelation("previous").setUrl(query + (pageNumber - 1));
        }
        if (from + size < free.size()) {
            bundle.addLink().setRelation("next").setUrl(query + (pageNumber + 1));
        }
        Map<String, SimSlot> schedules = new LinkedHashMap<>();
        for (SimSlot s : pageSlots) {
            Slot slot = new Slot();
            slot.setId(s.id());
            slot.getMeta().addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1");
            slot.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/alternative-slot").setValue("USRN-" + s.id()));
            slot.setSchedule(new Reference("Schedule/" + s.scheduleId()));
            slot.setStatus(Slot.SlotStatus.FREE);
            slot.setStart(Date.from(s.start()));
            slot.setEnd(Date.from(s.end()));
            bundle.addEntry().setFullUrl(base + "/STU3/Slot/" + s.id()).setResource(slot)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            schedules.putIfAbsent(s.scheduleId(), s);
        }
        if (withSchedules) {
            schedules.forEach((id, s) -> {
                Schedule schedule = new Schedule();
                schedule.setId(id);
                schedule.getMeta().addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Schedule-1");
                schedule.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ers-schedule").setValue(id));
                schedule.addActor(new Reference().setIdentifier(new Identifier().setSystem(FhirIo.ERS_SERVICE).setValue(serviceId))
                        .setDisplay(service.name()));
                if (s.clinician() != null) {
                    // e-RS shows people the clinician's name; the SDS user id is what a booking names.
                    schedule.addActor(new Reference().setIdentifier(new Identifier().setSystem(FhirIo.SDS_USER)
                            .setValue(s.clinician())).setDisplay(SeedData.clinicianName(s.clinician())));
                }
                bundle.addEntry().setFullUrl(base + "/STU3/Schedule/" + id).setResource(schedule)
                        .getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
            });
        }
        return fhir.respond(HttpStatus.OK, bundle);
    }

    private static int number(String value, int fallback, String name, String label) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ErsError.badRequest("INVALID_VALUE", "'" + label + "' (" + value + ") is invalid: query parameter '" + name
                + "' must be a whole number from 1.");
    }
}
