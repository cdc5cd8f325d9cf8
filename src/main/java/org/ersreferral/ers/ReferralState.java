package org.ersreferral.ers;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A005 result: e-RS referral state code (e.g. NOT_BOOKED, BOOKED, DEFERRED_TO_PROVIDER, ...), version and what it points at.
 *
 * @param appointmentId the referral's current appointment (A038, A034), or null when it has none
 * @param reason        why the referral is in this state (Extension-eRS-ReferralState-1 {@code reason}), or null
 * @param comments      the comments that go with the state and reason (the provider's words), or null
 * @param lastUpdated   when e-RS last changed the referral ({@code meta.lastUpdated}), or null: A005 need not say
 * @param unavailableAttachments the referral letter's files e-RS could not take (threats found, validation failed)
 */
public record ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId,
                            String appointmentId, StateReason reason, String comments, OffsetDateTime lastUpdated,
                            List<UnavailableAttachment> unavailableAttachments) {

    public ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId,
                         String appointmentId, StateReason reason, String comments, OffsetDateTime lastUpdated) {
        this(ubrn, version, status, shortlist, appointmentServiceId, appointmentId, reason, comments, lastUpdated, List.of());
    }

    public ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId) {
        this(ubrn, version, status, shortlist, appointmentServiceId, null);
    }

    public ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId,
                         String appointmentId) {
        this(ubrn, version, status, shortlist, appointmentServiceId, appointmentId, null, null, null);
    }

    /** The state as a value, either spelling of e-RS's code. */
    public ReferralStatus referralStatus() {
        return ReferralStatus.fromCode(status);
    }

    /** The same state pointing at another appointment. */
    public ReferralState withAppointmentId(String otherAppointmentId) {
        return new ReferralState(ubrn, version, status, shortlist, appointmentServiceId, otherAppointmentId, reason, comments,
                lastUpdated, unavailableAttachments);
    }

    /**
     * A state's reason as e-RS codes it. Reasons from reference data that e-RS owns (cancellation and
     * non-attendance reasons) have the A004 code system's url as {@code system}; static ones (review
     * reasons and outcomes) a fixed {@code https://fhir.nhs.uk/STU3/CodeSystem/...} one.
     *
     * @param display e-RS's own display of the code, or null (static codes often come without)
     */
    /**
     * A file of the referral letter that e-RS holds but will not make available (Extension-eRS-AvailabilityStatus-1):
     * its description (the file name as uploaded) and why, {@code THREATS_FOUND} or {@code VALIDATION_FAILED}.
     */
    public record UnavailableAttachment(String description, String status) {

        /** The availability codes that mean the file must be sent again; {@code PENDING} is still being checked. */
        public static boolean failed(String status) {
            return "THREATS_FOUND".equals(status) || "VALIDATION_FAILED".equals(status);
        }
    }

    public record StateReason(String system, String code, String display) {

        /** The A004 code system type the reason is from (e.g. {@code APPOINTMENT-CANCELLATION-REASON}), or null. */
        public String referenceDataType() {
            if (system == null) {
                return null;
            }
            int at = system.lastIndexOf("/CodeSystem/");
            String type = at < 0 ? null : system.substring(at + "/CodeSystem/".length());
            return type != null && type.matches("[A-Z]+(-[A-Z]+)*") ? type : null;
        }
    }
}
