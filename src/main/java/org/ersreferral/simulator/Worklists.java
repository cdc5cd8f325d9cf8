package org.ersreferral.simulator;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.DateTimeType;
import org.hl7.fhir.dstu3.model.DateType;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A008's referrer worklists and A029's available actions, worked out from the referrals the simulator
 * holds. Worklist items spell two states differently from A005 (APP_ for APPT_), as e-RS does.
 */
@Component
@ConditionalOnSimulator
@Transactional(value = SimulatorPersistence.TRANSACTION_MANAGER, readOnly = true)
class Worklists {

    /** The referrer worklists (eRS-ReferralListSelector-1) and which referral states each holds. */
    static final Map<String, Predicate<SimReferral>> REFERRER_LISTS = Map.of(
            "REJECTED_TRIAGE_RESPONSE", r -> Set.of(SimReferral.REJECTED, SimReferral.TRIAGE_RESPONSE).contains(r.status()),
            "ASSESSMENT_RETURNED_CANCELLED_DNA", r -> SimReferral.DID_NOT_ATTEND.equals(r.status()),
            "AWAITING_BOOKING", r -> Set.of(SimReferral.NOT_BOOKED, SimReferral.AWAITING_TRIAGE, SimReferral.DEFERRED_TO_PROVIDER,
                    SimReferral.CANCELLED_BY_PATIENT, SimReferral.CANCELLED_BY_PROVIDER).contains(r.status()),
            "LETTERS_OUTSTANDING", r -> !SimReferral.CANCELLED.equals(r.status()) && (r.attachments().isEmpty() || r.letterOutstanding()));
    /** The service providers' worklists, which referrers may not read. */
    static final Set<String> PROVIDER_LISTS = Set.of("REFERRALS_FOR_REVIEW", "APPOINTMENT_SLOT_ISSUES");

    private static final Map<String, String> ITEM_EXTENSIONS = Map.of(
            "REJECTED_TRIAGE_RESPONSE", "RejectedTriageResponse",
            "ASSESSMENT_RETURNED_CANCELLED_DNA", "AssessmentReturnedCancelledDna",
            "AWAITING_BOOKING", "AwaitingBooking",
            "LETTERS_OUTSTANDING", "LettersOutstanding");
    /** States whose reason is why the appointment ended (APPOINTMENT-CANCELLATION-REASON or -NON-ATTENDANCE-REASON). */
    private static final Set<String> ENDED_APPOINTMENT = Set.of(SimReferral.REJECTED, SimReferral.CANCELLED_BY_PATIENT,
            SimReferral.CANCELLED_BY_PROVIDER, SimReferral.DID_NOT_ATTEND);
    private static final String ACTIONS = "https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-1";

    private final SimReferralRepository referrals;

    Worklists(SimReferralRepository referrals) {
        this.referrals = referrals;
    }

    /** One referrer worklist of the organisation {@code ods}: only the referrals it made. */
    ListResource worklist(String listType, String ods) {
        ListResource list = new ListResource();
        list.getMeta().addProfile(FhirIo.ERS_SD + "eRS-FetchWorklist-List-1");
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        String base = FhirIo.baseUrl();
        for (SimReferral r : referrals.findByCommissioningOrgOrderByUbrnAsc(ods)) {
            if (REFERRER_LISTS.get(listType).test(r)) {
                ListResource.ListEntryComponent entry = list.addEntry();
                entry.addExtension(item(listType, r, base));
                entry.setItem(new Reference("ReferralRequest/" + r.ubrn()));
            }
        }
        return list;
    }

    private static Extension item(String listType, SimReferral r, String base) {
        Extension item = new Extension(FhirIo.ERS_SD + "Extension-eRS-" + ITEM_EXTENSIONS.get(listType) + "-WorkListItem-1");
        item.addExtension("patient", new Reference().setIdentifier(new Identifier().setSystem(FhirIo.NHS_NUMBER)
                .setValue(r.nhsNumber())));
        item.addExtension("priority", FhirIo.concept(FhirIo.ERS_CS + "eRS-Priority-1", r.priority(), null));
        item.addExtension("referralCreated", new DateTimeType(Date.from(r.created())));
        if (r.specialty() != null) {
            item.addExtension("clinicalContext", new StringType(r.specialty() + (r.clinicType() == null ? "" : "/" + r.clinicType())));
        }
        if (r.referringClinician() != null) {
            item.addExtension("referrer", new Reference().setIdentifier(new Identifier().setSystem(FhirIo.SDS_USER)
                    .setValue(r.referringClinician())));
        }
        if ("LETTERS_OUTSTANDING".equals(listType)) {
            // The letter is due from the day the referral was made.
            item.addExtension("letterDue", new DateType(Date.from(r.created())));
            return item;
        }
        item.addExtension("referralLastUpdated", new DateTimeType(Date.from(r.lastUpdated())));
        String code = r.status().replaceFirst("^APPT_", "APP_");
        item.addExtension("status", FhirIo.concept(FhirIo.ERS_CS + "eRS-ReferralState-1", code, itemDisplay(code)));
        if (r.stateReason() != null && ENDED_APPOINTMENT.contains(r.status())) {
            item.addExtension("reason", FhirIo.concept(ReferralMapper.appointmentReasonSystem(r, base), r.stateReason(),
                    ReferralMapper.reasonDisplay(r.stateReason())));
        }
        return item;
    }

    /** The worklist's displays, in its own (sentence) case. */
    static String itemDisplay(String code) {
        return switch (code) {
            case "REJECTED" -> "Rejected";
            case "TRIAGE_RESPONSE" -> "Triage Response";
            case "DID_NOT_ATTEND" -> "Did not attend";
            case "NOT_BOOKED" -> "Not booked";
            case "AWAITING_TRIAGE" -> "Awaiting triage";
            case "DEFERRED_TO_PROVIDER" -> "Deferred to provider";
            case "APP_CANCELLED_BY_PATIENT" -> "Appointment cancelled by patient";
            case "APP_CANCELLED_BY_PROVIDER" -> "Appointment cancelled by provider";
            case "CANCELLED_REFERRAL" -> "Cancelled referral";
            case "BOOKED" -> "Booked";
            default -> code;
        };
    }

    /** The actions (eRS-AvailableActionsForUser-1) a referrer may take on the referral now. */
    static List<String> actions(SimReferral r) {
        List<String> actions = new ArrayList<>();
        if (SimReferral.CANCELLED.equals(r.status())) {
            return actions;
        }
        if (ReferralDesk.BOOKABLE.contains(r.status())) {
            actions.add("CREATE_APPOINTMENT");
        }
        if (ReferralDesk.SHORTLIST_CHANGEABLE.contains(r.status())) {
            actions.add("CHANGE_SHORTLIST");
            actions.add("CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE");
        }
        if (SimReferral.BOOKED.equals(r.status()) && r.appointmentSlotId() != null) {
            actions.add("CANCEL_DIRECTLY_BOOKED_APPOINTMENT");
        }
        actions.add("CANCEL_REFERRAL");
        return actions;
    }

    /** A029's answer: one proposed Task per action, on the referral version asked about. */
    static Bundle actionsBundle(SimReferral r, String selfUrl) {
        String base = FhirIo.baseUrl();
        String focus = "ReferralRequest/" + r.ubrn() + "/_history/" + r.version();
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().setLastUpdated(new Date()).addProfile("http://hl7.org/fhir/STU3/StructureDefinition/Bundle");
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation("self").setUrl(selfUrl);
        for (String action : actions(r)) {
            Task task = new Task();
            // The same action on the same version is the same task.
            task.setId(UUID.nameUUIDFromBytes((focus + action).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            task.getMeta().addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Task-1");
            task.setStatus(Task.TaskStatus.READY);
            task.setIntent(Task.TaskIntent.PROPOSAL);
            task.setFocus(new Reference(focus));
            task.setCode(FhirIo.concept(ACTIONS, action, actionDisplay(action)));
            bundle.addEntry().setFullUrl(base + "/STU3/Task/" + task.getIdElement().getIdPart()).setResource(task)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private static String actionDisplay(String action) {
        return switch (action) {
            case "CREATE_APPOINTMENT" -> "Create Appointment";
            case "CHANGE_SHORTLIST" -> "Change Shortlist";
            case "CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE" -> "Change Shortlist and Send for Triage";
            case "CANCEL_DIRECTLY_BOOKED_APPOINTMENT" -> "Cancel Directly Booked Appointment";
            case "CANCEL_REFERRAL" -> "Cancel Referral";
            default -> action;
        };
    }
}
