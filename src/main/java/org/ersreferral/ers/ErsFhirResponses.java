package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.InstantType;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.ReferralRequest;
import org.hl7.fhir.dstu3.model.Resource;
import org.hl7.fhir.dstu3.model.Schedule;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.UnsignedIntType;

/** Reads e-RS answers into the domain records. */
final class ErsFhirResponses {

    private static final String STRUCTURE = ErsFhirRequests.STRUCTURE;
    private static final String REFERRAL_STATE = STRUCTURE + "Extension-eRS-ReferralState-1";
    private static final String SERVICE_LIST_ITEM = STRUCTURE + "Extension-eRS-ServiceSearch-ListItem-1";
    private static final String SERVICE_SUMMARY = STRUCTURE + "Extension-eRS-ServiceSummaryView-1";

    private ErsFhirResponses() {
    }

    /** A011/A021: the UBRN is the resource id, the version its meta.versionId. */
    static ReferralCreated created(ReferralRequest referral) {
        return new ReferralCreated(referral.getIdElement().getIdPart(), version(referral));
    }

    /** A005, and the referral inside the A036 answer. */
    static ReferralState state(ReferralRequest referral) {
        String status = null;
        Extension state = referral.getExtensionByUrl(REFERRAL_STATE);
        if (state != null) {
            Extension code = state.getExtensionByUrl("state");
            if (code != null && code.getValue() instanceof Coding coding) {
                status = coding.getCode();
            }
        }
        List<String> shortlist = new ArrayList<>();
        String appointmentServiceId = null;
        for (Resource contained : referral.getContained()) {
            if (contained instanceof ListResource list) {
                list.getEntry().stream().map(e -> e.getItem().getIdentifier().getValue())
                        .filter(Objects::nonNull).forEach(shortlist::add);
            } else if (contained instanceof Appointment appointment) {
                appointmentServiceId = appointment.getParticipant().stream()
                        .map(p -> p.getActor().getIdentifier())
                        .filter(i -> ErsFhirRequests.ERS_SERVICE.equals(i.getSystem()))
                        .map(i -> i.getValue()).findFirst().orElse(null);
            }
        }
        return new ReferralState(referral.getIdElement().getIdPart(), version(referral), status, List.copyOf(shortlist),
                appointmentServiceId);
    }

    /** A036 answers Parameters with the updated referral (and the cancelled appointment, if any). */
    static ReferralState cancelled(Parameters answer) {
        return answer.getParameter().stream()
                .filter(p -> "updatedReferralRequest".equals(p.getName()) && p.getResource() instanceof ReferralRequest)
                .map(p -> state((ReferralRequest) p.getResource()))
                .findFirst()
                // e-RS said yes, but we cannot see the referral's new state or version
                .orElseThrow(() -> new ErsException.OutcomeUnknown(ErsOperation.A036.name(),
                        "e-RS answered the cancellation without the updated referral", null));
    }

    /** A012: the referral's new version. */
    static String version(ReferralRequest referral) {
        if (referral.getMeta().hasVersionId()) {
            return referral.getMeta().getVersionId();
        }
        return referral.getIdElement().getVersionIdPart();
    }

    /** A010: one option per list entry. */
    static List<ServiceOption> services(ListResource list) {
        List<ServiceOption> options = new ArrayList<>();
        for (ListResource.ListEntryComponent entry : list.getEntry()) {
            Reference item = entry.getItem();
            Extension summary = item.getExtensionByUrl(SERVICE_SUMMARY);
            Extension listItem = entry.getExtensionByUrl(SERVICE_LIST_ITEM);
            String name = null;
            String bookableType = null;
            String location = null;
            boolean triage = false;
            if (summary != null) {
                for (Extension field : summary.getExtension()) {
                    switch (field.getUrl()) {
                        case "serviceName" -> name = text(field);
                        case "bookableType" -> bookableType = code(field);
                        case "supportedRequestFlowType" -> triage |= "TRIAGE_REQUEST".equals(code(field));
                        case "location" -> location = location(field);
                        default -> { /* not needed by the process */ }
                    }
                }
            }
            Integer waitDays = null;
            Double distance = null;
            if (listItem != null) {
                Extension wait = listItem.getExtensionByUrl("indicativeAppointmentWaitTime");
                // a number of days, or a code (LIMITED_AVAILABILITY, NOT_APPLICABLE) when there is none
                if (wait != null && wait.getValue() instanceof UnsignedIntType days) {
                    waitDays = days.getValue();
                }
                Extension miles = listItem.getExtensionByUrl("distance");
                if (miles != null && miles.getValue() instanceof UnsignedIntType d) {
                    distance = d.getValue().doubleValue();
                }
            }
            options.add(new ServiceOption(item.getIdentifier().getValue(), name, bookableType, triage, waitDays, distance,
                    location));
        }
        return options;
    }

    /** A015: the slots of one page, each with its schedule and, when the schedule has one, its clinician. */
    static SlotPage slots(Bundle bundle) {
        Map<String, Schedule> schedules = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Schedule schedule) {
                schedules.put(schedule.getIdElement().getIdPart(), schedule);
            }
        }
        List<Slot> slots = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof org.hl7.fhir.dstu3.model.Slot slot) {
                String scheduleId = slot.getSchedule().getReferenceElement().getIdPart();
                Schedule schedule = schedules.get(scheduleId);
                Reference clinicianActor = schedule == null ? null : schedule.getActor().stream()
                        .filter(actor -> ErsFhirRequests.SDS_USER_ID.equals(actor.getIdentifier().getSystem()))
                        .findFirst().orElse(null);
                String clinician = clinicianActor == null ? null : clinicianActor.getIdentifier().getValue();
                String clinicianName = clinicianActor == null || !clinicianActor.hasDisplay() ? null : clinicianActor.getDisplay();
                slots.add(new Slot(slot.getIdElement().getIdPart(), offsetDateTime(slot.getStartElement()),
                        offsetDateTime(slot.getEndElement()), scheduleId, clinician, clinicianName));
            }
        }
        boolean morePages = bundle.getLink().stream().anyMatch(l -> "next".equals(l.getRelation()));
        return new SlotPage(List.copyOf(slots), morePages);
    }

    /** A016. */
    static AppointmentResult appointment(Appointment appointment) {
        return new AppointmentResult(appointment.getIdElement().getIdPart(),
                appointment.getStatus() == null ? null : appointment.getStatus().toCode());
    }

    /** A030 (R4 PractitionerRole bundle): one role per business function per organisation. */
    static List<ErsRole> roles(JsonNode bundle) {
        List<ErsRole> roles = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode role = entry.path("resource");
            if (!"PractitionerRole".equals(role.path("resourceType").asText())) {
                continue;
            }
            JsonNode organisation = role.path("organization");
            String ods = textOrNull(organisation.path("identifier").path("value"));
            String name = textOrNull(organisation.path("display"));
            for (JsonNode code : role.path("code")) {
                for (JsonNode coding : code.path("coding")) {
                    roles.add(new ErsRole(coding.path("code").asText(), ods, name));
                }
            }
        }
        return roles;
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String text(Extension extension) {
        return extension.getValue() instanceof StringType s ? s.getValue() : null;
    }

    private static String code(Extension extension) {
        if (extension.getValue() instanceof CodeableConcept concept && concept.hasCoding()) {
            return concept.getCodingFirstRep().getCode();
        }
        return extension.getValue() instanceof Coding coding ? coding.getCode() : null;
    }

    private static String location(Extension extension) {
        if (extension.getValue() instanceof Reference reference) {
            return reference.hasDisplay() ? reference.getDisplay() : reference.getIdentifier().getValue();
        }
        return null;
    }

    /** Keeps e-RS's own offset ('Z' or '+00:00') instead of the JVM's zone. */
    private static OffsetDateTime offsetDateTime(InstantType instant) {
        return instant.getValueAsString() == null ? null : OffsetDateTime.parse(instant.getValueAsString());
    }

}
