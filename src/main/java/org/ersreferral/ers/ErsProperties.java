package org.ersreferral.ers;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

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

    public static final String AUTH_STATIC = "static";
    public static final String AUTH_SIGNED_JWT = "signed-jwt";
    public static final String AUTH_PROFESSIONAL_SESSION = "professional-session";
    /** Each call acts as the referral's person, signed in through NHS CIS2 (user-restricted access). */
    public static final String AUTH_CIS2 = "cis2";

    /**
     * @param mode           {@code cis2}, {@code static}, {@code signed-jwt} or {@code professional-session}
     * @param token          bearer token in {@code static} mode; the smartcard token sent to A001 in
     *                       {@code professional-session} mode
     * @param apiKey         signed-jwt, and cis2 for its application-restricted reads: the application's API key ({@code iss} and {@code sub} of the JWT)
     * @param keyId          signed-jwt: {@code kid} of the registered public key
     * @param tokenUrl       signed-jwt: token endpoint; blank = derived from the base URL, see {@link ErsProperties#tokenUrl()}
     * @param privateKeyFile signed-jwt: path of the PKCS#8 PEM private key
     * @param privateKey     signed-jwt: the PKCS#8 PEM private key itself (used when no file is set)
     * @param asid           professional-session: accredited system id sent as {@code XAPI_ASID}
     * @param sessionUrl     professional-session: base of the archived API; blank = derived from the base URL
     */
    public record Auth(String mode, String token, String apiKey, String keyId, String tokenUrl, String privateKeyFile,
                       String privateKey, String asid, String sessionUrl) {

        @ConstructorBinding
        public Auth {
        }

        /** Static mode as before the other modes existed. */
        public Auth(String mode, String token) {
            this(mode, token, null, null, null, null, null, null, null);
        }

        /** Secrets (token, API key, private key) print as {@code ***}. */
        @Override
        public String toString() {
            return "Auth[mode=" + mode + ", token=" + Secrets.mask(token) + ", apiKey=" + Secrets.mask(apiKey)
                    + ", keyId=" + keyId + ", tokenUrl=" + tokenUrl + ", privateKeyFile=" + privateKeyFile
                    + ", privateKey=" + Secrets.mask(privateKey) + ", asid=" + asid + ", sessionUrl=" + sessionUrl + "]";
        }

        /** The configured mode, {@code static} when unset. */
        public String effectiveMode() {
            return mode == null || mode.isBlank() ? AUTH_STATIC : mode.trim().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "ErsProperties[baseUrl=" + baseUrl + ", odsCode=" + odsCode + ", businessFunction=" + businessFunction
                + ", referringClinician=" + referringClinician + ", triageMode=" + triageMode + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", referenceDataTtl=" + referenceDataTtl
                + ", slotPageSize=" + slotPageSize + ", maxSlotPages=" + maxSlotPages + ", auth=" + auth + "]";
    }

    /**
     * {@code ers.base-url} is the simulator embedded in this application: a loopback host and a path
     * below {@code /ers-sim/}. Only then may the client take the simulator's tokens in process.
     */
    public boolean embeddedSimulator() {
        if (baseUrl == null || baseUrl.isBlank()) {
            return false;
        }
        try {
            URI base = URI.create(baseUrl.trim());
            String host = base.getHost();
            String path = base.getPath();
            return host != null && path != null && path.startsWith(SIMULATOR_PATH + "/") && loopback(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return "localhost".equalsIgnoreCase(h) || h.startsWith("127.") || "::1".equals(h) || "0:0:0:0:0:0:0:1".equals(h);
    }

    /** The auth settings, never null. */
    public Auth authOrDefault() {
        return auth == null ? new Auth(AUTH_STATIC, null) : auth;
    }

    /**
     * The NHS API platform token URL: configured, or {@code https://<host>/oauth2/token} of the base
     * URL's host. Behind the embedded simulator ({@code .../ers-sim/FHIR}) the simulator's own endpoint.
     */
    public String tokenUrl() {
        Auth a = authOrDefault();
        if (a.tokenUrl() != null && !a.tokenUrl().isBlank()) {
            return a.tokenUrl().trim();
        }
        URI base = URI.create(baseUrl().trim());
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        String prefix = path.startsWith(SIMULATOR_PATH + "/") ? SIMULATOR_PATH : "";
        return base.getScheme() + "://" + base.getRawAuthority() + prefix + "/oauth2/token";
    }

    /** Base URL of the archived professional-session API: configured, or the FHIR base URL with {@code /FHIR} replaced by {@code /ers-api/v1}. */
    public String sessionUrl() {
        Auth a = authOrDefault();
        String url = a.sessionUrl() != null && !a.sessionUrl().isBlank() ? a.sessionUrl().trim()
                : withoutSuffix(withoutSuffix(baseUrl().trim(), "/"), "/FHIR") + "/ers-api/v1";
        return withoutSuffix(url, "/");
    }

    private static final String SIMULATOR_PATH = "/ers-sim";

    private static String withoutSuffix(String value, String suffix) {
        return value.endsWith(suffix) ? value.substring(0, value.length() - suffix.length()) : value;
    }

    public boolean createAndSendForTriage() {
        return TRIAGE_CREATE_AND_SEND.equalsIgnoreCase(triageMode);
    }
}
