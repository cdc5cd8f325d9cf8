package org.ersreferral.ers;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referrer side of the e-RS FHIR API in domain terms. One method per e-RS operation; the
 * implementation speaks FHIR over HTTP and maps every failure to an {@link ErsException}.
 */
public interface ErsClient {

    /** The role the call acts in when its person chose it ({@code cis2} mode); empty: the configured role. */
    default Optional<ErsRole> chosenRole(ErsCall call) {
        return Optional.empty();
    }

    /** A030: the signed-in user's business functions per organisation. */
    List<ErsRole> retrieveRoles(ErsCall call);

    /** A004: one code system, e.g. {@code SPECIALTY}, {@code CLINIC-TYPE}, {@code PRIORITY}. */
    CodeSystemView retrieveCodeSystem(ErsCall call, String type);

    /** A010: services the patient may be referred to under the commissioning rules. */
    List<ServiceOption> searchServices(ErsCall call, ServiceSearch search);

    /** A011: create a referral with a shortlist. */
    ReferralCreated createReferral(ErsCall call, NewReferral referral);

    /** A021: create a referral and send it to one triage (RAS) service. */
    ReferralCreated createReferralAndSendForTriage(ErsCall call, NewReferral referral);

    /** A020: upload one file; returns the attachment url, e.g. {@code Binary/<id>}. */
    String uploadFile(ErsCall call, String ubrn, LetterFile file);

    /** A012: attach uploaded files to the referral letter; returns the referral's new version. */
    String maintainReferralLetter(ErsCall call, String ubrn, String version, List<LetterAttachment> attachments);

    /** A005: the referral's current state and version. */
    ReferralState retrieveReferral(ErsCall call, String ubrn);

    /** A019: the patient letter for the referral's current state. */
    PatientLetter generatePatientLetter(ErsCall call, String ubrn);

    /** A015: one page of free slots of a directly bookable service. */
    SlotPage retrieveSlots(ErsCall call, SlotQuery query);

    /** A016: book, defer to the provider, or send into triage. */
    AppointmentResult bookOrDefer(ErsCall call, AppointmentRequest request);

    /** A036: cancel the referral. */
    ReferralState cancelReferral(ErsCall call, Cancellation cancellation);

    /** A008: one of the referring organisation's worklists. */
    List<WorklistItem> fetchWorklist(ErsCall call, WorklistType type);

    /** A029: what the acting user may do now with this (current) version of the referral; never cache it. */
    Set<AvailableAction> availableActions(ErsCall call, String ubrn, String version);

    /** A031: replace the shortlist (it neither books nor sends); returns the referral's new state and version. */
    ReferralState changeShortlist(ErsCall call, ShortlistChange change);

    /**
     * A032, deprecated upstream (use A031 then A016): replace the shortlist with one triage service and
     * send the referral there.
     */
    ReferralState changeShortlistAndSendForTriage(ErsCall call, ShortlistChange change);

    /** A038: the appointment (A005's appointment reference) with its own version. */
    AppointmentView retrieveAppointment(ErsCall call, String appointmentId);

    /** A034: cancel a directly booked appointment; returns it as e-RS now has it. */
    AppointmentView cancelAppointment(ErsCall call, AppointmentCancellation cancellation);
}
