package org.ersreferral.ers;

import ca.uhn.fhir.context.FhirContext;
import feign.Response;
import feign.Util;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link ErsClient} over the e-RS FHIR API with Feign. FHIR bodies are HAPI DSTU3 resources; code
 * systems e-RS owns come from {@link ReferenceDataService}; every failure is an {@link ErsException}.
 */
@Component
public class FeignErsClient implements ErsClient {

    static final String REFERRING_CLINICIAN_ADMIN = "REFERRING_CLINICIAN_ADMIN";
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"?([^\";]+)\"?");
    /** A FHIR logical id: nothing else may go into a request path or query as one. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9.-]{1,64}");

    private final ErsHttp http;
    private final ReferenceDataService referenceData;
    private final ErsProperties properties;
    private final Clock clock;
    /** The embedded simulator's GP, when it is the e-RS called; null otherwise. */
    private final String simulatorClinician;

    /** Uses the application's {@link Clock} bean when there is one, else the system clock (UTC). */
    @Autowired
    FeignErsClient(ErsHttp http, ReferenceDataService referenceData, ErsProperties properties,
                   ObjectProvider<Clock> clock, ObjectProvider<EmbeddedErsCredentials> embedded) {
        this(http, referenceData, properties, clock.getIfAvailable(Clock::systemUTC),
                properties.embeddedSimulator() ? embedded.getIfAvailable() : null);
    }

    FeignErsClient(ErsHttp http, ReferenceDataService referenceData, ErsProperties properties, Clock clock) {
        this(http, referenceData, properties, clock, null);
    }

    FeignErsClient(ErsHttp http, ReferenceDataService referenceData, ErsProperties properties, Clock clock,
                   EmbeddedErsCredentials embedded) {
        this.http = http;
        this.referenceData = referenceData;
        this.properties = properties;
        this.clock = clock;
        this.simulatorClinician = embedded == null ? null : embedded.referringClinician();
    }

    /** For use without Spring (tests, tools): the same wiring the Spring context does. */
    public static FeignErsClient create(ErsProperties properties, FhirContext fhirContext,
                                        ErsAccessTokenProvider tokens, Clock clock) {
        return create(properties, fhirContext, ErsAuthentication.bearer(tokens), clock);
    }

    /** As {@link #create(ErsProperties, FhirContext, ErsAccessTokenProvider, Clock)}, for any access mode. */
    public static FeignErsClient create(ErsProperties properties, FhirContext fhirContext,
                                        ErsAuthentication authentication, Clock clock) {
        ErsHttp http = new ErsHttp(properties, fhirContext, authentication);
        return new FeignErsClient(http, new ReferenceDataService(http, properties, clock), properties, clock);
    }

    /** The reference data cache this client takes its code system urls from. */
    public ReferenceDataService referenceData() {
        return referenceData;
    }

    @Override
    public Optional<ErsRole> chosenRole(ErsCall call) {
        return http.chosenRole(call);
    }

    @Override
    public List<ErsRole> retrieveRoles(ErsCall call) {
        return ErsFhirResponses.roles(http.r4(ErsOperation.A030, call, (api, headers) -> api.retrieveRoles(headers)));
    }

    @Override
    public CodeSystemView retrieveCodeSystem(ErsCall call, String type) {
        return referenceData.codeSystem(call, type);
    }

    @Override
    public List<ServiceOption> searchServices(ErsCall call, ServiceSearch search) {
        var body = ErsFhirRequests.serviceSearch(search, specialtySystem(call, search), referringClinician(call));
        return ErsFhirResponses.services(http.stu3(ErsOperation.A010, call, Map.of(),
                (api, headers) -> api.searchServices(headers, body)));
    }

    @Override
    public ReferralCreated createReferral(ErsCall call, NewReferral referral) {
        var body = ErsFhirRequests.createReferral(referral, false, specialtySystem(call, referral.searchCriteria()),
                referringClinician(call));
        return ErsFhirResponses.created(http.stu3(ErsOperation.A011, call, Map.of(),
                (api, headers) -> api.createReferral(headers, body)));
    }

    @Override
    public ReferralCreated createReferralAndSendForTriage(ErsCall call, NewReferral referral) {
        var body = ErsFhirRequests.createReferral(referral, true, specialtySystem(call, referral.searchCriteria()),
                referringClinician(call));
        return ErsFhirResponses.created(http.stu3(ErsOperation.A021, call, Map.of(),
                (api, headers) -> api.createReferralAndSendForTriage(headers, body)));
    }

    @Override
    public String uploadFile(ErsCall call, String ubrn, LetterFile file) {
        Map<String, Object> fileHeaders = new LinkedHashMap<>();
        fileHeaders.put("Content-Type", file.contentType());
        fileHeaders.put("NHSD-eRS-File-Name", file.fileName());
        if (ubrn != null) {
            fileHeaders.put("NHSD-eRS-Referral-ID", ubrn);
        }
        return http.stu3(ErsOperation.A020, call, fileHeaders, (api, headers) -> {
            try (Response response = api.uploadFile(headers, file.content())) {
                http.throwIfError(response);
                String location = firstHeader(response, "Location");
                if (location == null || !location.contains("Binary/")) {
                    // uploaded, but we cannot tell which file it became: do not upload blindly again
                    throw new ErsException.OutcomeUnknown(ErsOperation.A020.name(),
                            "e-RS accepted the file but sent no Binary location", null);
                }
                return location.substring(location.lastIndexOf("Binary/"));
            }
        });
    }

    @Override
    public String maintainReferralLetter(ErsCall call, String ubrn, String version, List<LetterAttachment> attachments) {
        var body = ErsFhirRequests.referralLetter(attachments, clock.instant());
        return ErsFhirResponses.version(http.stu3(ErsOperation.A012, call, ifMatch(version),
                (api, headers) -> api.maintainReferralLetter(headers, ubrn, body)));
    }

    @Override
    public ReferralState retrieveReferral(ErsCall call, String ubrn) {
        return ErsFhirResponses.state(http.stu3(ErsOperation.A005, call, Map.of(),
                (api, headers) -> api.retrieveReferral(headers, ubrn)));
    }

    @Override
    public PatientLetter generatePatientLetter(ErsCall call, String ubrn) {
        return http.stu3(ErsOperation.A019, call, Map.of(), (api, headers) -> {
            try (Response response = api.generatePatientLetter(headers, ubrn)) {
                http.throwIfError(response);
                byte[] pdf;
                try (InputStream in = response.body().asInputStream()) {
                    pdf = Util.toByteArray(in);
                } catch (IOException e) {
                    throw new ErsException.Unavailable(ErsOperation.A019.name(), response.status(),
                            "Patient letter download broke off", e);
                }
                return new PatientLetter(letterFileName(ubrn, firstHeader(response, "Content-Disposition")), pdf);
            }
        });
    }

    @Override
    public SlotPage retrieveSlots(ErsCall call, SlotQuery query) {
        int pageSize = query.pageSize() > 0 ? query.pageSize() : properties.slotPageSize();
        int page = Math.max(1, query.page());
        return ErsFhirResponses.slots(http.stu3(ErsOperation.A015, call, Map.of(),
                (api, headers) -> api.retrieveSlots(headers, query.clinician(), query.serviceId(), query.priority(), pageSize, page)));
    }

    @Override
    public AppointmentResult bookOrDefer(ErsCall call, AppointmentRequest request) {
        var body = ErsFhirRequests.appointment(request);
        return ErsFhirResponses.appointment(http.stu3(ErsOperation.A016, call, Map.of(),
                (api, headers) -> api.bookOrDefer(headers, body)));
    }

    @Override
    public ReferralState cancelReferral(ErsCall call, Cancellation cancellation) {
        String reasonSystem = referenceData.systemUrl(call, "REFERRAL-CANCELLATION-REASON");
        var body = ErsFhirRequests.cancellation(cancellation, reasonSystem);
        return ErsFhirResponses.cancelled(http.stu3(ErsOperation.A036, call, ifMatch(cancellation.version()),
                (api, headers) -> api.cancelReferral(headers, cancellation.ubrn(), body)));
    }

    @Override
    public List<WorklistItem> fetchWorklist(ErsCall call, WorklistType type) {
        var body = ErsFhirRequests.worklist(type);
        return ErsFhirResponses.worklist(http.stu3(ErsOperation.A008, call, Map.of(),
                (api, headers) -> api.fetchWorklist(headers, body)));
    }

    @Override
    public Set<AvailableAction> availableActions(ErsCall call, String ubrn, String version) {
        String bare = bareVersion(version);
        requireId("UBRN", ubrn);
        requireId("referral version", bare);
        return ErsFhirResponses.actions(http.stu3(ErsOperation.A029, call, Map.of(),
                (api, headers) -> api.availableActions(headers, ubrn, bare)));
    }

    @Override
    public ReferralState changeShortlist(ErsCall call, ShortlistChange change) {
        requireId("UBRN", change.ubrn());
        var body = ErsFhirRequests.shortlistChange(change, false, specialtySystem(call, change.searchCriteria()));
        return ErsFhirResponses.state(http.stu3(ErsOperation.A031, call, ifMatch(change.version()),
                (api, headers) -> api.changeShortlist(headers, change.ubrn(), body)));
    }

    @Override
    public ReferralState changeShortlistAndSendForTriage(ErsCall call, ShortlistChange change) {
        requireId("UBRN", change.ubrn());
        var body = ErsFhirRequests.shortlistChange(change, true, specialtySystem(call, change.searchCriteria()));
        return ErsFhirResponses.sentForTriage(http.stu3(ErsOperation.A032, call, ifMatch(change.version()),
                (api, headers) -> api.changeShortlistAndSendForTriage(headers, change.ubrn(), body)));
    }

    @Override
    public AppointmentView retrieveAppointment(ErsCall call, String appointmentId) {
        requireId("appointment id", appointmentId);
        return ErsFhirResponses.appointmentView(http.stu3(ErsOperation.A038, call, Map.of(),
                (api, headers) -> api.retrieveAppointment(headers, appointmentId)));
    }

    @Override
    public AppointmentView cancelAppointment(ErsCall call, AppointmentCancellation cancellation) {
        AppointmentView appointment = cancellation.appointment();
        requireId("appointment id", appointment.id());
        Map<String, Object> ifMatch = ifMatch(appointment.version());
        String reasonSystem = referenceData.systemUrl(call, "APPOINTMENT-CANCELLATION-REASON");
        var body = ErsFhirRequests.appointmentCancellation(cancellation, reasonSystem);
        return ErsFhirResponses.appointmentView(http.stu3(ErsOperation.A034, call, ifMatch,
                (api, headers) -> api.updateAppointment(headers, appointment.id(), body)));
    }

    /** Only fetched when a specialty is searched: the system of an e-RS owned code differs per environment. */
    private String specialtySystem(ErsCall call, ServiceSearch search) {
        return search.specialty() == null ? null : referenceData.systemUrl(call, "SPECIALTY");
    }

    /**
     * The admin role acts for a named referring clinician ({@code ers.referring-clinician}, else the
     * embedded simulator's GP); other roles must not send one.
     */
    private String referringClinician(ErsCall call) {
        String configured = properties.referringClinician();
        String clinician = configured != null && !configured.isBlank() ? configured : simulatorClinician;
        String businessFunction = http.chosenRole(call).map(ErsRole::businessFunction).orElse(properties.businessFunction());
        return REFERRING_CLINICIAN_ADMIN.equals(businessFunction) && clinician != null
                && !clinician.isBlank() ? clinician : null;
    }

    /**
     * Ids e-RS handed out go into paths and queries; anything else (a slash, dot segments, an
     * ampersand) is refused before sending, so it can never address another resource.
     */
    static void requireId(String what, String id) {
        if (id == null || !FHIR_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("Not an e-RS " + what + ": it must be 1-64 letters, digits, '-' or '.'");
        }
    }

    /** A029 names the version in the query: the bare number, whichever form the caller holds. */
    static String bareVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("The referral version is required (A029 asks about one version)");
        }
        return version.trim().replaceFirst("^W/", "").replace("\"", "");
    }

    /** e-RS wants the weak ETag form, {@code W/"4"}; callers hold the bare version. */
    static Map<String, Object> ifMatch(String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("The version is required (If-Match)");
        }
        return Map.of("If-Match", version.startsWith("W/") ? version : "W/\"" + version + "\"");
    }

    /** e-RS names the letter by UBRN, kind and time; keep that when it is a plain file name. */
    static String letterFileName(String ubrn, String contentDisposition) {
        if (contentDisposition != null) {
            Matcher matcher = FILE_NAME.matcher(contentDisposition);
            if (matcher.find() && matcher.group(1).matches("[A-Za-z0-9._-]+\\.pdf")) {
                return "patient-letter-" + matcher.group(1);
            }
        }
        return "patient-letter-" + ubrn + ".pdf";
    }

    private static String firstHeader(Response response, String name) {
        Collection<String> values = response.headers().get(name);
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }
}
