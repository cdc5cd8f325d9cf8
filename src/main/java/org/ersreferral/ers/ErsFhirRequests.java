package org.ersreferral.ers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.BooleanType;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.DocumentReference;
import org.hl7.fhir.dstu3.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.InstantType;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.UnsignedIntType;

/**
 * Builds the FHIR request bodies of the referrer flow, shaped like e-RS's official examples
 * (parameter order included: the e-RS sandbox compares bodies exactly).
 */
final class ErsFhirRequests {

    static final String STRUCTURE = "https://fhir.nhs.uk/STU3/StructureDefinition/";
    static final String CODE_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/";
    static final String NHS_NUMBER = "http://fhir.nhs.net/Id/nhs-number";
    static final String SDS_USER_ID = "http://fhir.nhs.net/Id/sds-user-id";
    static final String ERS_SERVICE = "http://fhir.nhs.net/Id/ers-service";
    static final String ODS_ORGANISATION = "https://directory.spineservices.nhs.uk/STU3/Organization";
    /** e-RS's examples name a commissioning organisation by this system, not the directory's. */
    static final String ODS_ORGANIZATION_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String SNOMED = "http://snomed.info/sct";
    /** Priority and clinic type use fixed NHS code systems; only SPECIALTY is e-RS owned (see A004). */
    static final String PRIORITY = CODE_SYSTEM + "eRS-Priority-1";
    static final String CLINIC_TYPE = CODE_SYSTEM + "eRS-ClinicType-1";
    /** e-RS uses the value set url as the system of the consultant (CON) participant type. */
    static final String ENCOUNTER_PARTICIPANT_TYPE = "http://hl7.org/fhir/ValueSet/encounter-participant-type";
    static final String CRITERIA_ID = "ServiceSearchCriteria-1";

    /** e-RS writes instants with milliseconds and 'Z' (eReferralPathwayStart). */
    private static final DateTimeFormatter MILLIS_Z = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX");
    /** e-RS document times carry microseconds and a numeric offset. */
    private static final DateTimeFormatter MICROS_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter SECONDS_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MILLIS_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private ErsFhirRequests() {
    }

    /**
     * A010.
     *
     * @param specialtySystem   url of the SPECIALTY code system from A004; null when no specialty is searched
     * @param referringClinician SDS user id the admin role acts for, or null
     */
    static Parameters serviceSearch(ServiceSearch search, String specialtySystem, String referringClinician) {
        Parameters body = parameters("eRS-PatientServiceSearch-Parameters-1");
        body.addParameter().setName("requestType").setValue(coding(CODE_SYSTEM + "eRS-RequestType-1",
                search.requestType() == null ? ServiceSearch.APPOINTMENT_REQUEST : search.requestType()));
        body.addParameter().setName("sortBy").setValue(coding(CODE_SYSTEM + "eRS-SortBy-1",
                search.sortBy() == null ? "DISTANCE" : search.sortBy()));
        body.addParameter().setName("patient").setValue(identifier(NHS_NUMBER, search.nhsNumber()));
        if (referringClinician != null) {
            body.addParameter().setName("referringClinician").setValue(identifier(SDS_USER_ID, referringClinician));
        }
        body.addParameter().setName("searchCriteria").setResource(searchCriteria(search, specialtySystem, false));
        if (search.commissioningRuleOrganisation() != null) {
            body.addParameter().setName("commissioningRuleOrganisation")
                    .setValue(identifier(ODS_ORGANIZATION_CODE, search.commissioningRuleOrganisation()));
        }
        return body;
    }

    /**
     * The criteria that found the services; A011/A021 repeat them in the shortlist. e-RS's own
     * examples order the criteria per operation, and the sandbox compares order too: A011 puts
     * {@code namedClinician} after {@code clinicalTerm} and {@code organisation} last, A010 and A021
     * put the clinician straight after the priority and the organisation before
     * {@code ageAndGenderAppropriate}.
     */
    static Parameters searchCriteria(ServiceSearch search, String specialtySystem, boolean createReferralOrder) {
        return searchCriteria(search, specialtySystem, createReferralOrder, null);
    }

    /** As above; A031's example puts {@code commissioningProvisioning} just before {@code ageAndGenderAppropriate}. */
    static Parameters searchCriteria(ServiceSearch search, String specialtySystem, boolean createReferralOrder,
                                     String commissioningProvisioning) {
        Parameters criteria = parameters("eRS-ServiceSearchCriteria-Parameters-1");
        criteria.setId(CRITERIA_ID);
        criteria.addParameter().setName("priority").setValue(coding(PRIORITY, search.priority()));
        if (search.namedClinician() != null && !createReferralOrder) {
            criteria.addParameter().setName("namedClinician").setValue(identifier(SDS_USER_ID, search.namedClinician()));
        }
        if (search.specialty() != null) {
            criteria.addParameter().setName("specialty").setValue(coding(specialtySystem, search.specialty()));
        }
        if (search.clinicType() != null) {
            criteria.addParameter().setName("clinicType").setValue(coding(CLINIC_TYPE, search.clinicType()));
        }
        if (search.waitTimeLimitDays() != null) {
            criteria.addParameter().setName("indicativeAppointmentWaitTimeLimit")
                    .setValue(new UnsignedIntType(search.waitTimeLimitDays()));
        }
        if (search.postcode() != null) {
            criteria.addParameter().setName("postcode").setValue(new StringType(search.postcode()));
        }
        if (search.distanceLimitMiles() != null) {
            criteria.addParameter().setName("distanceLimit").setValue(new UnsignedIntType(search.distanceLimitMiles()));
        }
        if (search.clinicalTerm() != null) {
            criteria.addParameter().setName("clinicalTerm").setValue(coding(SNOMED, search.clinicalTerm()));
        }
        if (search.namedClinician() != null && createReferralOrder) {
            criteria.addParameter().setName("namedClinician").setValue(identifier(SDS_USER_ID, search.namedClinician()));
        }
        if (search.organisation() != null && !createReferralOrder) {
            criteria.addParameter().setName("organisation").setValue(identifier(ODS_ORGANISATION, search.organisation()));
        }
        if (commissioningProvisioning != null) {
            criteria.addParameter().setName("commissioningProvisioning")
                    .setValue(coding(CODE_SYSTEM + "eRS-CommissioningProvisioning-1", commissioningProvisioning));
        }
        criteria.addParameter().setName("ageAndGenderAppropriate")
                .setValue(new BooleanType(search.ageAndGenderAppropriate()));
        if (search.organisation() != null && createReferralOrder) {
            criteria.addParameter().setName("organisation").setValue(identifier(ODS_ORGANISATION, search.organisation()));
        }
        return criteria;
    }

    /** A011 ({@code triage=false}) or A021 ({@code triage=true}). */
    static Parameters createReferral(NewReferral referral, boolean triage, String specialtySystem,
                                     String referringClinician) {
        Parameters body = parameters(triage ? "eRS-CreateReferralAndSendForTriage-Parameters-1"
                : "eRS-CreateReferral-Parameters-1");
        body.addParameter().setName("patient").setValue(identifier(NHS_NUMBER, referral.nhsNumber()));
        if (referringClinician != null) {
            body.addParameter().setName("referringClinician").setValue(identifier(SDS_USER_ID, referringClinician));
        }
        body.addParameter().setName("intentionToAddReferralLetter").setValue(coding(
                CODE_SYSTEM + "eRS-ReferralLetterIntention-1",
                referral.letterToFollow() ? "NEED_TO_ADD_LATER" : "NOT_INTENDING_TO_ADD"));
        body.addParameter().setName("firstReminderLetterFollowUpDays")
                .setValue(new UnsignedIntType(referral.firstReminderLetterFollowUpDays()));
        if (referral.pathwayStart() != null) {
            body.addParameter().setName("eReferralPathwayStart")
                    .setValue(instant(MILLIS_Z.format(referral.pathwayStart().atOffset(ZoneOffset.UTC))));
        }
        body.addParameter().setName("shortlist").setResource(shortlist(
                searchCriteria(referral.searchCriteria(), specialtySystem, !triage), referral.shortlist()));
        return body;
    }

    /**
     * A031 ({@code triage=false}) or A032 ({@code triage=true}): the new shortlist, the letter intention
     * and the reminder. The criteria keep A011's order. e-RS's examples put the shortlist first, except
     * the one whose search used {@code commissioningProvisioning}, which puts it last as A011 does; the
     * sandbox compares order, so each is followed.
     */
    static Parameters shortlistChange(ShortlistChange change, boolean triage, String specialtySystem) {
        Parameters body = parameters(triage ? "eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1"
                : "eRS-ChangeShortlist-Parameters-1");
        boolean shortlistLast = change.commissioningProvisioning() != null;
        ListResource shortlist = shortlist(searchCriteria(change.searchCriteria(), specialtySystem, true,
                change.commissioningProvisioning()), change.shortlist());
        if (!shortlistLast) {
            body.addParameter().setName("shortlist").setResource(shortlist);
        }
        body.addParameter().setName("intentionToAddReferralLetter").setValue(coding(
                CODE_SYSTEM + "eRS-ReferralLetterIntention-1",
                change.letterToFollow() ? "NEED_TO_ADD_LATER" : "NOT_INTENDING_TO_ADD"));
        body.addParameter().setName("firstReminderLetterFollowUpDays")
                .setValue(new UnsignedIntType(change.firstReminderLetterFollowUpDays()));
        if (shortlistLast) {
            body.addParameter().setName("shortlist").setResource(shortlist);
        }
        return body;
    }

    private static ListResource shortlist(Parameters criteria, List<String> serviceIds) {
        ListResource list = new ListResource();
        list.getMeta().addProfile(STRUCTURE + "eRS-Shortlist-List-1");
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        list.addContained(criteria);
        for (String serviceId : serviceIds) {
            list.addEntry().setItem(new Reference().setIdentifier(identifier(ERS_SERVICE, serviceId)));
        }
        list.addExtension(new Extension(STRUCTURE + "Extension-eRS-Shortlist-SearchCriteria-1",
                new Reference("#" + CRITERIA_ID)));
        return list;
    }

    /** A012: the complete set of referral letter files (e-RS replaces the previous set). */
    static Parameters referralLetter(List<LetterAttachment> attachments, Instant now) {
        Parameters body = parameters("eRS-MaintainReferralLetter-Parameters-1");
        for (LetterAttachment attachment : attachments) {
            DocumentReference document = new DocumentReference();
            document.getMeta().addProfile(STRUCTURE + "eRS-DocumentReference-1");
            document.setType(new CodeableConcept().addCoding(coding(CODE_SYSTEM + "eRS-AttachmentType-1", "REFERRER")));
            document.setStatus(DocumentReferenceStatus.CURRENT);
            Instant indexed = attachment.indexed() == null ? now : attachment.indexed();
            document.setIndexedElement(instant(MICROS_OFFSET.format(indexed.atOffset(ZoneOffset.UTC))));
            if (attachment.description() != null) {
                document.setDescription(attachment.description());
            }
            document.addContent().getAttachment().setUrl(attachment.url());
            body.addParameter().setName("referralLetterFile").setResource(document);
        }
        return body;
    }

    /** A016: book a slot, defer to the provider or send into triage. */
    static Appointment appointment(AppointmentRequest request) {
        Appointment appointment = new Appointment();
        appointment.setId("appointment");
        appointment.getMeta().addProfile(STRUCTURE + "eRS-Appointment-1")
                .addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1");
        appointment.setLanguage("en");
        appointment.setDescription("e-Referral Appointment");
        String reviewReason = reviewReason(request.kind());
        if (reviewReason == null) {
            appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
            appointment.setStartElement(instant(dateTime(request.start())));
            appointment.setEndElement(instant(dateTime(request.end())));
        } else {
            appointment.setStatus(Appointment.AppointmentStatus.PROPOSED);
            appointment.addReason(new CodeableConcept().addCoding(coding(CODE_SYSTEM + "eRS-ReviewReason-1", reviewReason)));
        }
        if (request.slotId() != null && (request.kind() == AppointmentRequest.Kind.BOOK
                || request.kind() == AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE)) {
            appointment.addSlot(new Reference("Slot/" + request.slotId()));
        }
        if (request.comment() != null && !request.comment().isBlank()) {
            appointment.setComment(request.comment());
        }
        appointment.addIncomingReferral(new Reference(
                "ReferralRequest/" + request.ubrn() + "/_history/" + request.referralVersion()));
        appointment.addParticipant().setActor(new Reference().setIdentifier(identifier(ERS_SERVICE, request.serviceId())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference().setIdentifier(identifier(NHS_NUMBER, request.nhsNumber())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (request.clinician() != null && request.kind() == AppointmentRequest.Kind.BOOK) {
            appointment.addParticipant()
                    .addType(new CodeableConcept().addCoding(coding(ENCOUNTER_PARTICIPANT_TYPE, "CON")))
                    .setActor(new Reference().setIdentifier(identifier(SDS_USER_ID, request.clinician())))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return appointment;
    }

    private static String reviewReason(AppointmentRequest.Kind kind) {
        return switch (kind) {
            case BOOK -> null;
            case TRIAGE -> "TRIAGE";
            case DEFER_NO_SLOTS -> "NO_SLOTS_AT_SERVICE";
            case DEFER_SLOT_NOT_AVAILABLE -> "SLOT_NOT_AVAILABLE";
            case DEFER_BOOKING_ATTEMPT_PROBLEM -> "BOOKING_ATTEMPT_PROBLEM";
        };
    }

    /**
     * A036.
     *
     * @param reasonSystem url of the REFERRAL-CANCELLATION-REASON code system from A004
     */
    static Parameters cancellation(Cancellation cancellation, String reasonSystem) {
        Parameters body = parameters("eRS-CancelReferral-Request-Parameters-1");
        body.addParameter().setName("cancellationReason").setValue(coding(reasonSystem, cancellation.reasonCode()));
        if (cancellation.comment() != null && !cancellation.comment().isBlank()) {
            body.addParameter().setName("cancellationComments").setValue(new StringType(cancellation.comment()));
        }
        return body;
    }

    /** A008: one referrer worklist; e-RS allows referrers no filters. */
    static Parameters worklist(WorklistType type) {
        Parameters body = parameters("eRS-FetchWorklist-Parameters-1");
        body.addParameter().setName("listType").setValue(new CodeableConcept().addCoding(
                coding(CODE_SYSTEM + "eRS-ReferralListSelector-1", type.name())));
        return body;
    }

    /**
     * A034: the appointment as A038 read it, sent back cancelled with the reason, shaped like e-RS's
     * examples (no start, end, slot or creation time: e-RS keeps those).
     *
     * @param reasonSystem url of the APPOINTMENT-CANCELLATION-REASON code system from A004
     */
    static Appointment appointmentCancellation(AppointmentCancellation cancellation, String reasonSystem) {
        AppointmentView read = cancellation.appointment();
        Appointment appointment = new Appointment();
        appointment.setId(read.id());
        appointment.getMeta().setVersionId(read.version()).addProfile(STRUCTURE + "eRS-Appointment-1")
                .addProfile("https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1");
        appointment.setLanguage("en");
        appointment.setStatus(Appointment.AppointmentStatus.CANCELLED);
        appointment.addReason(new CodeableConcept().addCoding(coding(reasonSystem, cancellation.reasonCode())));
        if (cancellation.comment() != null && !cancellation.comment().isBlank()) {
            appointment.setComment(cancellation.comment());
        }
        appointment.setDescription("e-Referral Appointment");
        appointment.addIncomingReferral(new Reference(
                "ReferralRequest/" + read.ubrn() + "/_history/" + read.referralVersion()));
        Reference service = new Reference().setIdentifier(identifier(ERS_SERVICE, read.serviceId()));
        if (read.serviceName() != null) {
            service.setDisplay(read.serviceName());
        }
        appointment.addParticipant().setActor(service).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference().setIdentifier(identifier(NHS_NUMBER, read.nhsNumber())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (read.clinician() != null) {
            appointment.addParticipant()
                    .addType(new CodeableConcept().addCoding(coding(ENCOUNTER_PARTICIPANT_TYPE, "CON")))
                    .setActor(new Reference().setIdentifier(identifier(SDS_USER_ID, read.clinician())))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return appointment;
    }

    private static Parameters parameters(String profile) {
        Parameters parameters = new Parameters();
        parameters.getMeta().addProfile(STRUCTURE + profile);
        return parameters;
    }

    private static Coding coding(String system, String code) {
        return new Coding().setSystem(system).setCode(code);
    }

    private static Identifier identifier(String system, String value) {
        return new Identifier().setSystem(system).setValue(value);
    }

    /** The text is set as is: HAPI would otherwise re-render it in its own precision and zone. */
    private static InstantType instant(String text) {
        InstantType instant = new InstantType();
        instant.setValueAsString(text);
        return instant;
    }

    /** Slot times as e-RS sends them back: seconds (or milliseconds when present) and a numeric offset. */
    private static String dateTime(OffsetDateTime time) {
        if (time == null) {
            throw new IllegalArgumentException("A booking needs the slot's start and end");
        }
        return (time.getNano() == 0 ? SECONDS_OFFSET : MILLIS_OFFSET).format(time);
    }
}
