package org.ersreferral.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ersreferral.ers.ErsProperties;
import org.springframework.boot.convert.DurationStyle;

/**
 * The conformance command's settings: {@code --ers.*} arguments first, then the environment
 * variables application.yaml reads, then application.yaml's defaults. No Spring context is made.
 *
 * @param fixedIds use the official examples' UBRNs, versions and slot ids instead of those the
 *                 server hands out: for the stateless NHS sandbox, which knows only its examples
 */
record ConformanceOptions(ErsProperties ers, String adminReferringClinician, boolean fixedIds) {

    static final String SANDBOX_HOST = "sandbox.api.service.nhs.uk";
    /** The referring clinician the official admin (REFERRING_CLINICIAN_ADMIN) examples act for. */
    static final String EXAMPLE_REFERRING_CLINICIAN = "021600556514";

    /** option → environment variable and default, as in application.yaml. */
    private static final Map<String, String[]> SETTINGS = settings(
            "ers.base-url", "ERS_BASE_URL", null,
            "ers.auth.token", "ERS_ACCESS_TOKEN", null,
            "ers.ods-code", "ERS_ODS_CODE", "R69",
            "ers.business-function", "ERS_BUSINESS_FUNCTION", "REFERRING_CLINICIAN",
            "ers.referring-clinician", "ERS_REFERRING_CLINICIAN", "",
            "ers.connect-timeout", "ERS_CONNECT_TIMEOUT", "5s",
            "ers.read-timeout", "ERS_READ_TIMEOUT", "30s",
            "conformance.fixed-ids", null, null);

    static final Set<String> NAMES = SETTINGS.keySet();

    /** Refused input: the message says what is wrong. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    static ConformanceOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new UsageException("Unexpected argument '" + arg + "': options are --name=value");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!SETTINGS.containsKey(name)) {
                throw new UsageException("Unknown option --" + name + "; known: --" + String.join(", --", NAMES));
            }
            given.put(name, arg.substring(arg.indexOf('=') + 1).trim());
        }
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((name, envAndDefault) -> {
            String value = given.get(name);
            if (value == null && envAndDefault[0] != null) {
                value = env.get(envAndDefault[0]);
            }
            values.put(name, value == null ? envAndDefault[1] : value);
        });
        String baseUrl = values.get("ers.base-url");
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new UsageException("--ers.base-url is required, e.g. --ers.base-url=http://localhost:8080/ers-sim/FHIR "
                    + "or --ers.base-url=https://" + SANDBOX_HOST + "/referrals/FHIR");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ers.base-url '" + baseUrl + "' is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageException("--ers.base-url '" + baseUrl + "' is not an http(s) URL");
        }
        String token = blankToNull(values.get("ers.auth.token"));
        if (token == null) {
            if (!SANDBOX_HOST.equalsIgnoreCase(uri.getHost())) {
                throw new UsageException("ERS_ACCESS_TOKEN (or --ers.auth.token) is required: a user-restricted access token"
                        + " of a person signed in through NHS CIS2 who holds the roles the run acts in; for the embedded"
                        + " simulator also the ERS_SIMULATOR_ACCESS_TOKEN the application was started with, when it was"
                        + " started with ERS_SIMULATOR_USER_RESTRICTED_ACCESS=false");
            }
            token = "sandbox"; // the sandbox checks no token, but the client sends one
        }
        String fixed = values.get("conformance.fixed-ids");
        boolean fixedIds = fixed == null ? SANDBOX_HOST.equalsIgnoreCase(uri.getHost()) : Boolean.parseBoolean(fixed);
        String clinician = blankToNull(values.get("ers.referring-clinician"));
        String businessFunction = values.get("ers.business-function");
        if ("REFERRING_CLINICIAN_ADMIN".equals(businessFunction) && clinician == null) {
            clinician = EXAMPLE_REFERRING_CLINICIAN;
        }
        ErsProperties ers = new ErsProperties(baseUrl.trim(), values.get("ers.ods-code"), businessFunction, clinician,
                ErsProperties.TRIAGE_CREATE_THEN_SEND, duration(values, "ers.connect-timeout"),
                duration(values, "ers.read-timeout"), Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth("static", token));
        String adminClinician = clinician == null ? EXAMPLE_REFERRING_CLINICIAN : clinician;
        return new ConformanceOptions(ers, adminClinician, fixedIds);
    }

    /** The same settings acting as REFERRING_CLINICIAN_ADMIN for a named clinician (the admin examples). */
    ErsProperties admin() {
        return new ErsProperties(ers.baseUrl(), ers.odsCode(), "REFERRING_CLINICIAN_ADMIN", adminReferringClinician,
                ers.triageMode(), ers.connectTimeout(), ers.readTimeout(), ers.referenceDataTtl(), ers.slotPageSize(),
                ers.maxSlotPages(), ers.auth());
    }

    private static Duration duration(Map<String, String> values, String name) {
        try {
            return DurationStyle.detectAndParse(values.get(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + " '" + values.get(name) + "' is not a duration such as 5s");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, String[]> settings(String... triples) {
        Map<String, String[]> map = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            map.put(triples[i], new String[] {triples[i + 1], triples[i + 2]});
        }
        return map;
    }
}
