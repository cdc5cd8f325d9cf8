package org.ersreferral.ers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and as whom the application talks to e-RS. Bound from {@code ers.*}.
 *
 * @param baseUrl          e-RS FHIR base URL, without the trailing {@code /STU3} or {@code /R4}
 * @param odsCode          ODS code of the organisation the user acts for
 * @param businessFunction {@code REFERRING_CLINICIAN} or {@code REFERRING_CLINICIAN_ADMIN}
 * @param referringClinician SDS user id of the clinician an admin acts for (admin role only)
 * @param triageMode       how a triage (RAS) referral is sent: {@code create-then-send} (A011 + A016) or
 *                         {@code create-and-send} (A021, deprecated upstream)
 */
@ConfigurationProperties("ers")
public record ErsProperties(
        String baseUrl,
        String odsCode,
        String businessFunction,
        String referringClinician,
        String triageMode,
        Duration connectTimeout,
        Duration readTimeout,
        Duration referenceDataTtl,
        int slotPageSize,
        int maxSlotPages,
        Auth auth) {

    public static final String TRIAGE_CREATE_THEN_SEND = "create-then-send";
    public static final String TRIAGE_CREATE_AND_SEND = "create-and-send";

    /**
     * @param mode  {@code static}, {@code signed-jwt} or {@code professional-session}
     * @param token bearer token used in {@code static} mode
     */
    public record Auth(String mode, String token) {
    }

    public boolean createAndSendForTriage() {
        return TRIAGE_CREATE_AND_SEND.equalsIgnoreCase(triageMode);
    }
}
