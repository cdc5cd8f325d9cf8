package org.ersreferral.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks codes a caller gives against e-RS's own code systems (A004, cached by the client), so a
 * specialty e-RS does not know is refused at the start instead of becoming a referral stuck at
 * "Resolve e-RS rejection". When e-RS cannot be asked, the codes are let through: the referral's
 * own reference data step then meets the same e-RS and handles it as any e-RS problem.
 */
@Component
public class ReferralCodes {

    public static final String SPECIALTY = "SPECIALTY";
    public static final String CLINIC_TYPE = "CLINIC-TYPE";
    public static final String PRIORITY = "PRIORITY";
    public static final String CANCELLATION_REASON = "REFERRAL-CANCELLATION-REASON";
    public static final String APPOINTMENT_CANCELLATION_REASON = "APPOINTMENT-CANCELLATION-REASON";

    private static final Logger LOG = LoggerFactory.getLogger(ReferralCodes.class);
    private static final ErsCall CALL = new ErsCall("input-check", ReferralProcess.START_REFERRAL_REQUESTED);

    private final ErsClient ers;

    public ReferralCodes(ErsClient ers) {
        this.ers = ers;
    }

    /** Problems with the specialty and clinic type codes (each may be absent). */
    public List<String> startProblems(String specialty, String clinicType) {
        List<String> problems = new ArrayList<>();
        if (isBlank(specialty) && isBlank(clinicType)) {
            return problems;
        }
        Optional<CodeSystemView> specialties = codeSystem(SPECIALTY);
        if (!isBlank(specialty) && specialties.isPresent() && !specialties.get().contains(specialty.trim())) {
            problems.add("specialty is not an e-RS specialty code (code system " + SPECIALTY + example(specialties.get()) + ")");
        }
        if (!isBlank(clinicType)) {
            Optional<CodeSystemView> clinicTypes = codeSystem(CLINIC_TYPE);
            if (clinicTypes.isPresent()) {
                Optional<CodeSystemView.Concept> concept = clinicTypes.get().concepts().stream()
                        .filter(c -> c.code().equals(clinicType.trim())).findFirst();
                if (concept.isEmpty()) {
                    problems.add("clinicType is not an e-RS clinic type code (code system " + CLINIC_TYPE + example(clinicTypes.get()) + ")");
                } else if (!isBlank(specialty) && concept.get().specialty() != null && !concept.get().specialty().equals(specialty.trim())) {
                    problems.add("clinicType " + concept.get().code() + " is not a clinic type of specialty " + specialty.trim());
                }
            }
        }
        return problems;
    }

    /** e-RS's display name of a code, or null when the code is absent or unknown or e-RS cannot be asked now. */
    public String display(String type, String code) {
        if (isBlank(code)) {
            return null;
        }
        return codeSystem(type).filter(view -> view.contains(code.trim())).map(view -> view.display(code.trim())).orElse(null);
    }

    /** The problem with a cancellation reason, or null (absent means e-RS's default reason). */
    public String cancellationReasonProblem(String reason) {
        if (isBlank(reason)) {
            return null;
        }
        if (reason.length() > FormFields.MAX_CODE) {
            return "reason is longer than " + FormFields.MAX_CODE + " characters";
        }
        Optional<CodeSystemView> reasons = codeSystem(CANCELLATION_REASON);
        if (reasons.isPresent() && !reasons.get().contains(reason.trim())) {
            return "reason must be an e-RS cancellation reason code (code system " + CANCELLATION_REASON + ": "
                    + reasons.get().concepts().stream().map(CodeSystemView.Concept::code).toList() + ")";
        }
        return null;
    }

    /**
     * The problem with the reason a patient's appointment is cancelled for, or null. Required: e-RS needs one.
     * Whether a referrer may give it (the code's usage) is e-RS's to say; a refusal goes to "Resolve e-RS rejection".
     */
    public String appointmentCancellationReasonProblem(String reason) {
        if (isBlank(reason)) {
            return "reason is required: an e-RS appointment cancellation reason code (code system " + APPOINTMENT_CANCELLATION_REASON + ")";
        }
        if (reason.length() > FormFields.MAX_CODE) {
            return "reason is longer than " + FormFields.MAX_CODE + " characters";
        }
        Optional<CodeSystemView> reasons = codeSystem(APPOINTMENT_CANCELLATION_REASON);
        if (reasons.isPresent() && !reasons.get().contains(reason.trim())) {
            return "reason must be an e-RS appointment cancellation reason code (code system " + APPOINTMENT_CANCELLATION_REASON
                    + example(reasons.get()) + ")";
        }
        return null;
    }

    private Optional<CodeSystemView> codeSystem(String type) {
        try {
            return Optional.of(ers.retrieveCodeSystem(CALL, type));
        } catch (RuntimeException e) {
            LOG.warn("e-RS reference data {} unavailable, codes not checked at the start: {}", type, e.getMessage());
            return Optional.empty();
        }
    }

    private static String example(CodeSystemView view) {
        return view.concepts().isEmpty() ? "" : ", e.g. " + view.concepts().get(0).code();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
