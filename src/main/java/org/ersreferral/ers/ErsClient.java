package org.ersreferral.ers;

import java.util.List;
import java.util.Optional;

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
}
