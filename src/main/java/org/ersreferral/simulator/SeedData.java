package org.ersreferral.simulator;

import static org.ersreferral.ers.ErsDomain.DIRECTLY_BOOKABLE;
import static org.ersreferral.ers.ErsDomain.INDIRECTLY_BOOKABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator starts with: reference data (A004) and the service directory (A010). Ids
 * 11000, 11002, 11004, 11008, 11021, 50001, 51002 and 12000-12019 are the ones the official e-RS
 * examples use, so the official example requests work against the simulator.
 */
final class SeedData {

    /** The NHS number the official examples use. */
    static final String EXAMPLE_NHS_NUMBER = "9912003888";
    static final String NAMED_CLINICIAN = "021600556514";
    /** How the simulated e-RS displays its one named clinician. */
    static final String NAMED_CLINICIAN_NAME = "Dr Amelia Forthright";

    /** The display name of a seeded clinician's SDS user id; null for one not seeded. */
    static String clinicianName(String sdsUserId) {
        return NAMED_CLINICIAN.equals(sdsUserId) ? NAMED_CLINICIAN_NAME : null;
    }

    record Seed(SimService service, int freeSlots) {
    }

    record Concept(String code, String display, String specialty) {
    }

    static final Map<String, String> SPECIALTIES = ordered(
            "ALLERGY", "Allergy",
            "CARDIOLOGY", "Cardiology",
            "DERMATOLOGY", "Dermatology",
            "GASTROENTEROLOGY", "Gastroenterology",
            "ORTHOPAEDICS", "Orthopaedics");

    static final List<Concept> CLINIC_TYPES = List.of(
            new Concept("ALLERGY_1", "Allergy", "ALLERGY"),
            new Concept("HEART_FAILURE", "Heart Failure", "CARDIOLOGY"),
            new Concept("LIPID_MANAGEMENT", "Lipid Management", "CARDIOLOGY"),
            new Concept("CHEST_PAIN", "Chest Pain", "CARDIOLOGY"),
            new Concept("SKIN_LESION", "Skin Lesion", "DERMATOLOGY"),
            new Concept("ECZEMA_DERMATITIS", "Eczema/Dermatitis", "DERMATOLOGY"),
            new Concept("LOWER_GI", "Lower GI", "GASTROENTEROLOGY"),
            new Concept("UPPER_GI", "Upper GI", "GASTROENTEROLOGY"),
            new Concept("KNEE", "Knee", "ORTHOPAEDICS"),
            new Concept("HIP", "Hip", "ORTHOPAEDICS"),
            new Concept("SPINE", "Spine", "ORTHOPAEDICS"));

    static final Map<String, String> PRIORITIES = ordered(
            "ROUTINE", "Routine",
            "URGENT", "Urgent",
            "TWO_WEEK_WAIT", "Two Week Wait");

    /** Referrer cancellation reasons; those in {@link #COMMENT_REQUIRED} need a comment (A036). */
    static final Map<String, String> CANCELLATION_REASONS = ordered(
            "BOOKED_CLINICAL_NEED", "Booked more urgently due to clinical need",
            "BOOKED_OUTSIDE_CAB", "Patient booked outside NHS e-Referral Service",
            "COMMUNITY_SERVICE_NA", "Sent to community service not available in this system",
            "COMPLEX_PATHWAY", "Complex pathway, multiple appointments needed",
            "INTEND_PRIVATE", "Patient will go to a private clinic",
            "NO_LONGER_REQUIRED", "Referral is no longer required",
            "OTHER_OTHER", "Other reason",
            "OUTPATIENT_CLINICIAN_NA", "Sent to outpatient service as named clinician is not available in this system",
            "OUTPATIENT_SERVICE_NA", "Sent to outpatient service not available in this system",
            "PATIENT_DIED", "Patient died",
            "PATIENT_REQUEST_CANCELLATION_OTHER", "Other",
            "RAISED_IN_ERROR", "Referral created by mistake",
            "REFERRER_CANCELLATION", "Other - Referrer request cancellation",
            "STRAIGHT_TO_TEST", "Sent straight to test / procedure",
            "TREATMENT_NO_LONGER_REQUIRED", "Referral no longer needed");

    static final List<String> COMMENT_REQUIRED = List.of("OTHER_OTHER", "PATIENT_REQUEST_CANCELLATION_OTHER", "REFERRER_CANCELLATION");

    /**
     * An APPOINTMENT-CANCELLATION-REASON: {@code type} is who cancels (PATIENT, PROVIDER, PROVIDER_REJECT);
     * {@code usage} CANCEL marks the reasons a referrer may give (A034), REJECT a provider's rejection.
     */
    record AppointmentCancellationReason(String code, String display, String type, boolean commentMandatory, String usage) {
        boolean referrerMayCancelWith() {
            return "CANCEL".equals(usage);
        }

        boolean providerRejects() {
            return "REJECT".equals(usage);
        }

        boolean providerCancels() {
            return "PROVIDER".equals(type);
        }
    }

    /** The current reasons of e-RS's APPOINTMENT-CANCELLATION-REASON, as its official example lists them. */
    static final Map<String, AppointmentCancellationReason> APPOINTMENT_CANCELLATION_REASONS = byCode(List.of(
            new AppointmentCancellationReason("CLINIC_CANCELLED", "Clinic cancelled", "PROVIDER", false, null),
            new AppointmentCancellationReason("CLINIC_OVERRUN", "Clinic overrun", "PROVIDER", false, null),
            new AppointmentCancellationReason("FURTHER_INFORMATION_REQUIRED", "Further information required", "PROVIDER_REJECT", false, "REJECT"),
            new AppointmentCancellationReason("OTHER", "Other reason", "PROVIDER_REJECT", false, "REJECT"),
            new AppointmentCancellationReason("OUTPATIENT_APPT_NOT_REQUIRED", "Outpatient appointment not required", "PROVIDER_REJECT", false, "REJECT"),
            new AppointmentCancellationReason("PATIENT_APPOINTMENT_CANCELLATION_OTHER", "Other", "PATIENT", true, "CANCEL"),
            new AppointmentCancellationReason("PATIENT_HOLIDAY", "Patient on holiday", "PATIENT", false, "CANCEL"),
            new AppointmentCancellationReason("PATIENT_ILL", "Patient is sick", "PATIENT", false, "CANCEL"),
            new AppointmentCancellationReason("PATIENT_OTHER_ENGAGEMENT", "Patient - Other more pressing engagement", "PATIENT", true, "CANCEL"),
            new AppointmentCancellationReason("PROVIDER_CANCELLATION", "Other - Provider cancellation", "PROVIDER", true, null),
            new AppointmentCancellationReason("SERVICE_INAPPROPRIATE", "Inappropriate service", "PROVIDER_REJECT", false, "REJECT"),
            new AppointmentCancellationReason("SERVICE_PREREQUISITES_NOT_COMPLETE", "Pre-requisites for service not complete", "PROVIDER_REJECT", false, "REJECT"),
            new AppointmentCancellationReason("SLOT_CANCELLED", "Slot cancelled", "PROVIDER", false, null)));

    /** APPOINTMENT-NON-ATTENDANCE-REASON: why a patient did not attend. */
    static final Map<String, String> NON_ATTENDANCE_REASONS = ordered(
            "CANCELLED_TOO_LATE", "Cancelled too late",
            "ARRIVED_TOO_LATE", "Patient arrived too late to be seen",
            "PATIENT_FORGOT", "Patient forgot about appointment",
            "PATIENT_DIED", "Patient died",
            "PATIENT_ILL", "Patient ill",
            "UNKNOWN", "Reason not known",
            "NOT_SPECIFIED", "Not specified");

    private SeedData() {
    }

    static List<Seed> services() {
        List<Seed> seeds = new ArrayList<>();
        String all = "ROUTINE,URGENT,TWO_WEEK_WAIT";
        String routineUrgent = "ROUTINE,URGENT";
        seeds.add(dbs("11000", "Forthright Cardiology Business Service", "CARDIOLOGY", "HEART_FAILURE", routineUrgent, 14, 2.1, null, 30));
        seeds.add(dbs("11002", "Good Cardiology Business Service", "CARDIOLOGY", "LIPID_MANAGEMENT", all, 10, 3.4, null, 20));
        seeds.add(ras("11004", "Cardiology Referral Assessment Service", "CARDIOLOGY", "HEART_FAILURE", all, 5, 1.2));
        seeds.add(dbs("11008", "FIRST Cardiology Business Service", "CARDIOLOGY", "HEART_FAILURE", routineUrgent, 21, 6.8, NAMED_CLINICIAN, 12));
        seeds.add(dbs("11021", "Cardiology Business Service - No Slots", "CARDIOLOGY", "HEART_FAILURE", routineUrgent, 35, 4.0, null, 0));
        seeds.add(ras("50001", "Cardiology Triage Service", "CARDIOLOGY", "CHEST_PAIN", all, 3, 2.5));
        seeds.add(ibs("51002", "Community Heart Failure Service", "CARDIOLOGY", "HEART_FAILURE", routineUrgent, 28, 8.3));
        for (int i = 0; i < 20; i++) {
            seeds.add(dbs(String.valueOf(12000 + i), "Cardiology Outreach Clinic " + (i + 1), "CARDIOLOGY", "HEART_FAILURE",
                    routineUrgent, 20 + i, 10.0 + i, null, 3));
        }
        seeds.add(dbs("21000", "Skin Lesion Clinic", "DERMATOLOGY", "SKIN_LESION", all, 12, 1.9, null, 15));
        seeds.add(ras("21001", "Dermatology Referral Assessment Service", "DERMATOLOGY", "SKIN_LESION", all, 4, 1.9));
        seeds.add(ibs("21002", "Community Eczema Clinic", "DERMATOLOGY", "ECZEMA_DERMATITIS", "ROUTINE", 42, 5.5));
        seeds.add(dbs("31000", "Lower GI Endoscopy Service", "GASTROENTEROLOGY", "LOWER_GI", all, 9, 3.0, null, 15));
        seeds.add(ibs("31001", "Upper GI Clinic", "GASTROENTEROLOGY", "UPPER_GI", routineUrgent, 30, 7.2));
        seeds.add(ras("31002", "Gastroenterology Referral Assessment Service", "GASTROENTEROLOGY", "LOWER_GI", all, 6, 3.0));
        seeds.add(dbs("41000", "Knee Clinic", "ORTHOPAEDICS", "KNEE", routineUrgent, 18, 4.4, null, 15));
        seeds.add(dbs("41001", "Hip Clinic - No Slots", "ORTHOPAEDICS", "HIP", routineUrgent, 60, 4.4, null, 0));
        seeds.add(ras("41002", "MSK Interface Triage Service", "ORTHOPAEDICS", "KNEE", routineUrgent, 8, 2.2));
        seeds.add(ibs("41003", "Spinal Clinic", "ORTHOPAEDICS", "SPINE", "ROUTINE", 45, 12.0));
        return seeds;
    }

    private static Seed dbs(String id, String name, String specialty, String clinicType, String priorities, int wait,
                            double miles, String clinician, int slots) {
        return new Seed(new SimService(id, name, specialty, clinicType, priorities, DIRECTLY_BOOKABLE, false, wait, miles,
                "R69", "Cicero-Clinic", clinician), slots);
    }

    private static Seed ibs(String id, String name, String specialty, String clinicType, String priorities, int wait, double miles) {
        return new Seed(new SimService(id, name, specialty, clinicType, priorities, INDIRECTLY_BOOKABLE, false, wait, miles,
                "R69", "Cicero-Clinic", null), 0);
    }

    private static Seed ras(String id, String name, String specialty, String clinicType, String priorities, int wait, double miles) {
        // A RAS is not booked through slots: the referral goes to it for triage (A021, or A016 with reason TRIAGE).
        return new Seed(new SimService(id, name, specialty, clinicType, priorities, INDIRECTLY_BOOKABLE, true, wait, miles,
                "R69", "Cicero-Clinic", null), 0);
    }

    private static Map<String, AppointmentCancellationReason> byCode(List<AppointmentCancellationReason> reasons) {
        Map<String, AppointmentCancellationReason> map = new LinkedHashMap<>();
        reasons.forEach(reason -> map.put(reason.code(), reason));
        return map;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
