package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.DateTimeType;
import org.hl7.fhir.dstu3.model.DocumentReference;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.InstantType;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.ReferralRequest;
import org.hl7.fhir.dstu3.model.Resource;
import org.hl7.fhir.dstu3.model.Schedule;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.Task;
import org.hl7.fhir.dstu3.model.UnsignedIntType;

/** Reads e-RS answers into the domain records. */
final class ErsFhirResponses {

    private static final String STRUCTURE = ErsFhirRequests.STRUCTURE;
    private static final String REFERRAL_STATE = STRUCTURE + "Extension-eRS-ReferralState-1";
    private static final String SERVICE_LIST_ITEM = STRUCTURE + "Extension-eRS-ServiceSearch-ListItem-1";
    private static final String SERVICE_SUMMARY = STRUCTURE + "Extension-eRS-ServiceSummaryView-1";
    private static final String APPOINTMENT_REFERENCE = STRUCTURE + "Extension-eRS-Appointment-Reference-1";
    private static final String AVAILABILITY_STATUS = STRUCTURE + "Extension-eRS-AvailabilityStatus-1";
    private static final String WORKLIST_ITEM_SUFFIX = "-WorkListItem-1";

    private ErsFhirResponses() {
    }

    /** A011/A021: the UBRN is the resource id, the version its meta.versionId. */
    static ReferralCreated created(ReferralRequest referral) {
        return new ReferralCreated(referral.getIdElement().getIdPart(), version(referral));
    }

    /** A005, and the referral inside the A036 answer. */
    static ReferralState state(ReferralRequest referral) {
        String status = null;
        ReferralState.StateReason reason = null;
        String comments = null;
        Extension state = referral.getExtensionByUrl(REFERRAL_STATE);
        if (state != null) {
            Extension code = state.getExtensionByUrl("state");
            if (code != null && code.getValue() instanceof Coding coding) {
                status = coding.getCode();
            }
            Extension why = state.getExtensionByUrl("reason");
            if (why != null && why.getValue() instanceof Coding coding && coding.hasCode()) {
                reason = new ReferralState.StateReason(coding.getSystem(), coding.getCode(),
                        coding.hasDisplay() ? coding.getDisplay() : null);
            }
            Extension said = state.getExtensionByUrl("comments");
            if (said != null && said.getValue() instanceof StringType text && text.getValue() != null && !text.getValue().isBlank()) {
                comments = text.getValue();
            }
        }
        OffsetDateTime lastUpdated = referral.getMeta().hasLastUpdated()
                ? referral.getMeta().getLastUpdated().toInstant().atOffset(java.time.ZoneOffset.UTC) : null;
        List<String> shortlist = new ArrayList<>();
        List<ReferralState.UnavailableAttachment> unavailable = new ArrayList<>();
        String appointmentServiceId = null;
        for (Resource contained : referral.getContained()) {
            if (contained instanceof DocumentReference document) {
                for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
                    Extension availability = content.getAttachment().getExtensionByUrl(AVAILABILITY_STATUS);
                    if (availability != null && availability.getValue() instanceof Coding coding
                            && ReferralState.UnavailableAttachment.failed(coding.getCode())) {
                        unavailable.add(new ReferralState.UnavailableAttachment(document.getDescription(), coding.getCode()));
                    }
                }
            }
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
        String appointmentId = null;
        Extension appointmentReference = referral.getExtensionByUrl(APPOINTMENT_REFERENCE);
        if (appointmentReference != null && appointmentReference.getValue() instanceof Reference reference
                && reference.getReferenceElement().getIdPart() != null) {
            appointmentId = reference.getReferenceElement().getIdPart();
        }
        return new ReferralState(referral.getIdElement().getIdPart(), version(referral), status, List.copyOf(shortlist),
                appointmentServiceId, appointmentId, reason, comments, lastUpdated, List.copyOf(unavailable));
    }

    /**
     * A032 answers Parameters with the updated referral and the appointment that sent it into triage;
     * the referral's current appointment is that one.
     */
    static ReferralState sentForTriage(Parameters answer) {
        ReferralState referral = answer.getParameter().stream()
                .filter(p -> "updatedReferralRequest".equals(p.getName()) && p.getResource() instanceof ReferralRequest)
                .map(p -> state((ReferralRequest) p.getResource()))
                .findFirst()
                .orElseThrow(() -> new ErsException.OutcomeUnknown(ErsOperation.A032.name(),
                        "e-RS answered the shortlist change without the updated referral", null));
        if (referral.appointmentId() != null) {
            return referral;
        }
        String created = answer.getParameter().stream()
                .filter(p -> "createdAppointment".equals(p.getName()) && p.getResource() instanceof Appointment)
                .map(p -> p.getResource().getIdElement().getIdPart()).findFirst().orElse(null);
        return referral.withAppointmentId(created);
    }

    /** A008: one item per entry; the UBRN is the entry's ReferralRequest reference. */
    static List<WorklistItem> worklist(ListResource list) {
        List<WorklistItem> items = new ArrayList<>();
        for (ListResource.ListEntryComponent entry : list.getEntry()) {
            String ubrn = entry.getItem().getReferenceElement().getIdPart();
            Extension item = entry.getExtension().stream()
                    .filter(e -> e.getUrl() != null && e.getUrl().endsWith(WORKLIST_ITEM_SUFFIX)).findFirst().orElse(null);
            ReferralStatus status = null;
            String reason = null;
            OffsetDateTime lastUpdated = null;
            LocalDate letterDue = null;
            if (item != null) {
                for (Extension field : item.getExtension()) {
                    switch (field.getUrl()) {
                        case "status" -> status = ReferralStatus.fromCode(code(field));
                        case "reason" -> reason = code(field);
                        case "referralLastUpdated" -> lastUpdated = dateTime(field);
                        case "letterDue" -> letterDue = date(field);
                        default -> { /* patient, priority, referrer, ...: not needed to follow the referral */ }
                    }
                }
            }
            items.add(new WorklistItem(ubrn, status, reason, lastUpdated, letterDue));
        }
        return List.copyOf(items);
    }

    /** A029: the actions offered, one Task each; actions this application does not know are left out. */
    static Set<AvailableAction> actions(Bundle bundle) {
        Set<AvailableAction> actions = EnumSet.noneOf(AvailableAction.class);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Task task) {
                task.getCode().getCoding().stream().map(Coding::getCode).map(AvailableAction::fromCode)
                        .flatMap(Optional::stream).forEach(actions::add);
            }
        }
        return Collections.unmodifiableSet(actions);
    }

    /** A038 and A034's answer. */
    static AppointmentView appointmentView(Appointment appointment) {
        String serviceId = null;
        String serviceName = null;
        String nhsNumber = null;
        String clinician = null;
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            String system = actor.getIdentifier().getSystem();
            if (ErsFhirRequests.ERS_SERVICE.equals(system)) {
                serviceId = actor.getIdentifier().getValue();
                serviceName = actor.hasDisplay() ? actor.getDisplay() : null;
            } else if (ErsFhirRequests.NHS_NUMBER.equals(system)) {
                nhsNumber = actor.getIdentifier().getValue();
            } else if (ErsFhirRequests.SDS_USER_ID.equals(system)) {
                clinician = actor.getIdentifier().getValue();
            }
        }
        String ubrn = null;
        String referralVersion = null;
        if (appointment.hasIncomingReferral()) {
            var referral = appointment.getIncomingReferralFirstRep().getReferenceElement();
            ubrn = referral.getIdPart();
            referralVersion = referral.getVersionIdPart();
        }
        String reason = appointment.hasReason() && appointment.getReasonFirstRep().hasCoding()
                ? appointment.getReasonFirstRep().getCodingFirstRep().getCode() : null;
        String slotId = appointment.hasSlot() ? appointment.getSlotFirstRep().getReferenceElement().getIdPart() : null;
        String version = appointment.getMeta().hasVersionId() ? appointment.getMeta().getVersionId()
                : appointment.getIdElement().getVersionIdPart();
        return new AppointmentView(appointment.getIdElement().getIdPart(), version,
                appointment.getStatus() == null ? null : appointment.getStatus().toCode(), slotId,
                offsetDateTime(appointment.getStartElement()), offsetDateTime(appointment.getEndElement()), reason,
                appointment.hasComment() ? appointment.getComment() : null, ubrn, referralVersion, serviceId, serviceName,
                nhsNumber, clinician);
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

    /** e-RS's own text, so its offset is kept; null when absent or not a full date and time. */
    private static OffsetDateTime dateTime(Extension extension) {
        if (extension.getValue() instanceof DateTimeType time && time.getValueAsString() != null) {
            try {
                return OffsetDateTime.parse(time.getValueAsString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static LocalDate date(Extension extension) {
        if (extension.getValue() instanceof org.hl7.fhir.dstu3.model.BaseDateTimeType date && date.getValueAsString() != null) {
            String text = date.getValueAsString();
            try {
                return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Keeps e-RS's own offset ('Z' or '+00:00') instead of the JVM's zone. */
    private static OffsetDateTime offsetDateTime(InstantType instant) {
        return instant.getValueAsString() == null ? null : OffsetDateTime.parse(instant.getValueAsString());
    }

}
