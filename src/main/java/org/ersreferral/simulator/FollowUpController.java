package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Following a sent referral: A008 the referrer worklists, A029 the actions allowed now, A031 change
 * the shortlist and A032 (deprecated upstream) change it and send for triage.
 */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH + "/STU3")
class FollowUpController {

    private static final Pattern FOCUS = Pattern.compile("ReferralRequest/(\\d{12})/_history/(\\d+)");

    private final FhirIo fhir;
    private final ReferralDesk desk;
    private final ReferralMapper mapper;
    private final Worklists worklists;

    FollowUpController(FhirIo fhir, ReferralDesk desk, ReferralMapper mapper, Worklists worklists) {
        this.fhir = fhir;
        this.desk = desk;
        this.mapper = mapper;
        this.worklists = worklists;
    }

    /** A008: referrers' lists carry no filters and hold only their own organisation's referrals. */
    @ErsOperation(value = "A008", roles = {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN", "REFERRING_ADMIN"})
    @PostMapping("/ReferralRequest/$ers.fetchworklist")
    ResponseEntity<String> worklist(@RequestBody(required = false) String body, HttpServletRequest request) {
        Parameters parameters = fhir.parse(Parameters.class, body);
        Parameters.ParametersParameterComponent listType = Params.find(parameters, "listType");
        String code = listType != null && listType.getValue() instanceof CodeableConcept concept
                ? Params.blankToNull(concept.getCodingFirstRep().getCode()) : null;
        if (code == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'listType' (eRS-ReferralListSelector-1) is required.");
        }
        if (Worklists.PROVIDER_LISTS.contains(code)) {
            throw ErsError.forbidden("Worklist " + code + " is a service provider's; a referrer may fetch "
                    + String.join(", ", Worklists.REFERRER_LISTS.keySet().stream().sorted().toList()) + ".");
        }
        if (!Worklists.REFERRER_LISTS.containsKey(code)) {
            throw ErsError.unprocessable("INVALID_CODE", "Worklist '" + code + "' is not one of eRS-ReferralListSelector-1.");
        }
        if (parameters.getParameter().size() > 1) {
            throw ErsError.unprocessable("UNEXPECTED_FIELD", "Filters cannot be used on a referring organisation's worklist.");
        }
        return fhir.respond(HttpStatus.OK, worklists.worklist(code, String.valueOf(ErsGatekeeper.actingOds(request))));
    }

    /** A029: only the current version may be asked about (400 HISTORY_NOT_SUPPORTED otherwise). */
    @ErsOperation("A029")
    @GetMapping("/Task")
    ResponseEntity<String> availableActions(@RequestParam(required = false) String focus,
                                            @RequestParam(required = false) String intent,
                                            @RequestParam(required = false) String status, HttpServletRequest request) {
        if (focus == null || intent == null || status == null) {
            throw ErsError.badRequest("MISSING_PARAMETER", "Search parameters focus, intent and status are required.");
        }
        Matcher m = FOCUS.matcher(focus);
        if (!m.matches() || !"proposal".equals(intent) || !"ready".equals(status)) {
            throw ErsError.badRequest("INVALID_VALUE", "focus must be ReferralRequest/<UBRN>/_history/<version>, intent "
                    + "proposal and status ready.");
        }
        SimReferral referral = desk.findOrRefuse(m.group(1), ErsGatekeeper.actingOds(request));
        if (!m.group(2).equals(String.valueOf(referral.version()))) {
            throw ErsError.badRequest("HISTORY_NOT_SUPPORTED", "Only the current version of the UBRN is permissible: "
                    + referral.ubrn() + " is at version " + referral.version() + ".");
        }
        String self = FhirIo.baseUrl() + "/STU3/Task?focus=" + focus + "&intent=proposal&status=ready";
        return fhir.respond(HttpStatus.OK, Worklists.actionsBundle(referral, self));
    }

    @ErsOperation("A031")
    @PostMapping("/ReferralRequest/{ubrn}/$ers.changeShortlist")
    ResponseEntity<String> changeShortlist(@PathVariable String ubrn, @RequestBody(required = false) String body,
                                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                           HttpServletRequest request) {
        SimReferral referral = desk.changeShortlist(ubrn, ErsGatekeeper.actingOds(request), ifMatch, shortlist(body), false);
        return fhir.respond(HttpStatus.OK, mapper.referral(referral), referral.version());
    }

    @ErsOperation("A032")
    @PostMapping("/ReferralRequest/{ubrn}/$ers.changeShortlistAndSendForTriage")
    ResponseEntity<String> changeShortlistAndSendForTriage(@PathVariable String ubrn, @RequestBody(required = false) String body,
                                                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                           HttpServletRequest request) {
        SimReferral referral = desk.changeShortlist(ubrn, ErsGatekeeper.actingOds(request), ifMatch, shortlist(body), true);
        Parameters answer = new Parameters();
        answer.getMeta().addProfile(FhirIo.ERS_SD + "eRS-ChangeShortlistAndSendForTriage-Response-Parameters-1");
        answer.addParameter().setName("updatedReferralRequest").setResource(mapper.referral(referral));
        answer.addParameter().setName("createdAppointment").setResource(mapper.appointment(referral, referral.appointmentId()));
        return fhir.respond(HttpStatus.OK, answer, referral.version());
    }

    private ReferralDesk.NewShortlist shortlist(String body) {
        ShortlistParameter shortlist = ShortlistParameter.of(fhir.parse(Parameters.class, body));
        Parameters criteria = shortlist.criteria();
        List<String> serviceIds = shortlist.serviceIds();
        return new ReferralDesk.NewShortlist(serviceIds, Params.code(criteria, "priority"), shortlist.specialty(),
                Params.code(criteria, "clinicType"), fhir.json(criteria));
    }
}
