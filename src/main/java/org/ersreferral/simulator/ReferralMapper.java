package org.ersreferral.simulator;

import java.util.Date;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.Attachment;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.DateTimeType;
import org.hl7.fhir.dstu3.model.DocumentReference;
import org.hl7.fhir.dstu3.model.Enumerations;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.InstantType;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.ReferralRequest;
import org.hl7.fhir.dstu3.model.StringType;
import org.springframework.stereotype.Component;

/** Writes a simulator referral as the eRS-ReferralRequest-1 (and eRS-Appointment-1) shapes of the official examples. */
@Component
@ConditionalOnSimulator
class ReferralMapper {

    static final String STATE = FhirIo.ERS_SD + "Extension-eRS-ReferralState-1";
    private static final String REVIEW_REASON = FhirIo.ERS_CS + "eRS-ReviewReason-1";
    private static final String REVIEW_OUTCOME = FhirIo.ERS_CS + "eRS-ReviewOutcome-1";

    private final FhirIo fhir;
    private final SimServiceRepository services;
    private final SimBinaryRepository binaries;

    ReferralMapper(FhirIo fhir, SimServiceRepository services, SimBinaryRepository binaries) {
        this.fhir = fhir;
        this.services = services;
        this.binaries = binaries;
    }

    ReferralRequest referral(SimReferral r) {
        String base = FhirIo.baseUrl();
        ReferralRequest rr = new ReferralRequest();
        rr.setId(r.ubrn());
        rr.getMeta().setVersionId(String.valueOf(r.version())).addProfile(FhirIo.ERS_SD + "eRS-ReferralRequest-1");
        if (r.hasAppointment()) {
            rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-Appointment-1", new Reference("#appointment")));
            rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-Appointment-Reference-1",
                    new Reference("Appointment/" + r.appointmentId())));
            rr.addContained(appointment(r, "appointment"));
        }
        if (r.clinicalInfoFirstSubmitted() != null) {
            rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-ClinicalInfoFirstSubmitted-1",
                    new DateTimeType(Date.from(r.clinicalInfoFirstSubmitted()))));
        }
        if (r.clinicalInfoLastUpdated() != null) {
            rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-ClinicalInfoLastUpdated-1",
                    new DateTimeType(Date.from(r.clinicalInfoLastUpdated()))));
        }
        if (r.pathwayStart() != null) {
            rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-eReferralPathwayStart-1",
                    new InstantType(Date.from(r.pathwayStart()))));
        }
        rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-ReferralPriority-1",
                FhirIo.concept(FhirIo.ERS_CS + "eRS-Priority-1", r.priority(), SeedData.PRIORITIES.get(r.priority()))));
        rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-ReferralShortlist-1", new Reference("#shortlist")));
        rr.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-Commissioning-Rule-Org-1",
                new Identifier().setSystem(FhirIo.ODS_CODE).setValue(r.commissioningOrg())));
        rr.addExtension(state(r, base));

        rr.getContained().add(0, criteria(r));
        rr.getContained().add(1, shortlist(r));
        for (String binaryId : r.attachments()) {
            binaries.findById(binaryId).ifPresent(b -> {
                rr.addContained(document(b, r));
                rr.addSupportingInfo(new Reference("#DocumentReference-" + b.id()));
            });
        }
        rr.setStatus(SimReferral.CANCELLED.equals(r.status()) ? ReferralRequest.ReferralRequestStatus.CANCELLED
                : ReferralRequest.ReferralRequestStatus.ACTIVE);
        if (r.specialty() != null) {
            rr.setSpecialty(FhirIo.concept(base + "/STU3/CodeSystem/SPECIALTY", r.specialty(),
                    SeedData.SPECIALTIES.get(r.specialty())));
        }
        rr.setSubject(new Reference().setIdentifier(new Identifier().setSystem(FhirIo.NHS_NUMBER).setValue(r.nhsNumber())));
        rr.setIntent(ReferralRequest.ReferralCategory.PLAN);
        rr.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ers-request-id").setValue(r.requestId()));
        return rr;
    }

    private Extension state(SimReferral r, String base) {
        Extension state = new Extension(STATE);
        state.addExtension("state", FhirIo.coding(FhirIo.ERS_CS + "eRS-ReferralState-1", r.status(), stateDisplay(r.status())));
        if (SimReferral.CANCELLED.equals(r.status())) {
            state.addExtension("reason", FhirIo.coding(base + "/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON",
                    r.stateReason(), SeedData.CANCELLATION_REASONS.get(r.stateReason())));
        } else if (r.stateReason() != null) {
            state.addExtension("reason", FhirIo.coding(appointmentReasonSystem(r, base), r.stateReason(), reasonDisplay(r.stateReason())));
        }
        if (r.stateComment() != null) {
            state.addExtension("comments", new StringType(r.stateComment()));
        }
        return state;
    }

    /** The code system of the appointment's reason, which depends on how the appointment stands. */
    static String appointmentReasonSystem(SimReferral r, String base) {
        String reason = r.appointmentReason() != null ? r.appointmentReason() : r.stateReason();
        if ("cancelled".equals(r.appointmentStatus()) && SeedData.APPOINTMENT_CANCELLATION_REASONS.containsKey(reason)) {
            return base + "/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON";
        }
        if ("noshow".equals(r.appointmentStatus())) {
            return base + "/STU3/CodeSystem/APPOINTMENT-NON-ATTENDANCE-REASON";
        }
        return SimReferral.RETURN_WITH_ADVICE.equals(reason) ? REVIEW_OUTCOME : REVIEW_REASON;
    }

    /** The display of an appointment cancellation or non-attendance reason; none for review reasons. */
    static String reasonDisplay(String code) {
        SeedData.AppointmentCancellationReason cancellation = SeedData.APPOINTMENT_CANCELLATION_REASONS.get(code);
        if (cancellation != null) {
            return cancellation.display();
        }
        if (SimReferral.RETURN_WITH_ADVICE.equals(code)) {
            return "Return to Referrer With Advice";
        }
        return SeedData.NON_ATTENDANCE_REASONS.get(code);
    }

    static String stateDisplay(String status) {
        return switch (status) {
            case SimReferral.NOT_BOOKED -> "Not Booked";
            case SimReferral.BOOKED -> "Booked";
            case SimReferral.DEFERRED_TO_PROVIDER -> "Deferred To Provider";
            case SimReferral.AWAITING_TRIAGE -> "Awaiting Triage";
            case SimReferral.CANCELLED -> "Cancelled Referral";
            case SimReferral.REJECTED -> "Rejected";
            case SimReferral.TRIAGE_RESPONSE -> "Triage Response";
            case SimReferral.CANCELLED_BY_PATIENT -> "Appointment Cancelled By Patient";
            case SimReferral.CANCELLED_BY_PROVIDER -> "Appointment Cancelled By Provider";
            case SimReferral.DID_NOT_ATTEND -> "Did Not Attend";
            default -> status;
        };
    }

    private Parameters criteria(SimReferral r) {
        Parameters criteria = r.criteriaJson() == null ? new Parameters() : fhir.parse(Parameters.class, r.criteriaJson());
        criteria.setId("serviceSearchCriteria");
        criteria.setMeta(null);
        criteria.getMeta().addProfile(FhirIo.ERS_SD + "eRS-ServiceSearchCriteria-Parameters-1");
        if (Params.find(criteria, "commissioningProvisioning") == null) {
            criteria.addParameter().setName("commissioningProvisioning").setValue(FhirIo.coding(
                    FhirIo.ERS_CS + "eRS-CommissioningProvisioning-1", "ALL_AVAILABLE_FOR_BOOKING", null));
        }
        return criteria;
    }

    private ListResource shortlist(SimReferral r) {
        ListResource list = new ListResource();
        list.setId("shortlist");
        list.getMeta().addProfile(FhirIo.ERS_SD + "eRS-Shortlist-List-1");
        list.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-Shortlist-SearchCriteria-1",
                new Reference("#serviceSearchCriteria")));
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        for (String id : r.shortlist()) {
            list.addEntry().setItem(serviceReference(id));
        }
        return list;
    }

    private DocumentReference document(SimBinary b, SimReferral r) {
        DocumentReference doc = new DocumentReference();
        doc.setId("DocumentReference-" + b.id());
        doc.getMeta().addProfile(FhirIo.ERS_SD + "eRS-DocumentReference-1");
        doc.setType(FhirIo.concept(FhirIo.ERS_CS + "eRS-AttachmentType-1", "REFERRER", "Referrer"));
        doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        doc.setIndexed(Date.from(b.uploaded()));
        doc.setDescription(b.fileName());
        Attachment attachment = new Attachment();
        attachment.setId(b.id());
        attachment.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-AvailabilityStatus-1",
                FhirIo.coding(FhirIo.ERS_CS + "eRS-AvailabilityStatus-1", b.availability(), null)));
        if (r.referringClinician() != null) {
            attachment.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-AttachedBy-1",
                    new Reference().setIdentifier(new Identifier().setSystem(FhirIo.SDS_USER).setValue(r.referringClinician()))));
        }
        attachment.addExtension(new Extension(FhirIo.ERS_SD + "Extension-eRS-AttachedByOrganisation-1",
                new Reference().setIdentifier(new Identifier().setSystem(FhirIo.ODS_CODE).setValue(r.commissioningOrg()))));
        attachment.setContentType(b.contentType());
        attachment.setUrl("Binary/" + b.id());
        attachment.setSize((int) b.size());
        attachment.setTitle(b.fileName());
        attachment.setCreation(Date.from(b.uploaded()));
        doc.addContent().setAttachment(attachment);
        return doc;
    }

    /** The referral's appointment; {@code id} is "appointment" when contained, the appointment id when answered alone (A016). */
    Appointment appointment(SimReferral r, String id) {
        Appointment a = new Appointment();
        a.setId(id);
        a.getMeta().setVersionId(String.valueOf(r.appointmentVersion()))
                .addProfile(FhirIo.ERS_SD + "eRS-Appointment-1")
                .addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1");
        a.setLanguage("en");
        a.setStatus(Appointment.AppointmentStatus.fromCode(r.appointmentStatus()));
        if (r.appointmentReason() != null) {
            Coding reason = new Coding(appointmentReasonSystem(r, FhirIo.baseUrl()), r.appointmentReason(), null);
            if (SimReferral.RETURN_WITH_ADVICE.equals(r.appointmentReason())) {
                reason.setDisplay(reasonDisplay(r.appointmentReason()));
            }
            a.addReason(new CodeableConcept().addCoding(reason));
        }
        a.setDescription("e-Referral Appointment");
        // e-RS shows a cancelled appointment without its time and slot
        boolean cancelled = "cancelled".equals(r.appointmentStatus());
        if (r.appointmentStart() != null && !cancelled) {
            a.setStart(Date.from(r.appointmentStart()));
            a.setEnd(Date.from(r.appointmentEnd()));
        }
        if (r.appointmentSlotId() != null && !cancelled) {
            a.addSlot(new Reference("Slot/" + r.appointmentSlotId()));
        }
        a.setCreated(Date.from(r.appointmentCreated()));
        if (r.appointmentComment() != null) {
            a.setComment(r.appointmentComment());
        }
        a.addIncomingReferral(new Reference("ReferralRequest/" + r.ubrn() + "/_history/" + r.version()));
        a.addParticipant().setActor(serviceReference(r.appointmentServiceId()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(new Reference().setIdentifier(
                new Identifier().setSystem(FhirIo.NHS_NUMBER).setValue(r.nhsNumber())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (r.appointmentClinician() != null) {
            a.addParticipant()
                    .addType(FhirIo.concept("http://hl7.org/fhir/ValueSet/encounter-participant-type", "CON", null))
                    .setActor(new Reference().setIdentifier(new Identifier().setSystem(FhirIo.SDS_USER)
                            .setValue(r.appointmentClinician())))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return a;
    }

    private Reference serviceReference(String serviceId) {
        Reference ref = new Reference().setIdentifier(new Identifier().setSystem(FhirIo.ERS_SERVICE).setValue(serviceId));
        services.findById(serviceId).ifPresent(s -> ref.setDisplay(s.name()));
        return ref;
    }
}
