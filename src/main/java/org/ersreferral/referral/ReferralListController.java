package org.ersreferral.referral;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coordinators' view of their organisation's referrals ("My referrals"): the list, and the
 * reasons a referral may be cancelled with. Only coordinators and admins get here (the referral
 * API's filter); each coordinator sees only their organisations' referrals.
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralListController {

    /** Not under {@code /api/referrals/{requestId}}: any request id stays readable. */
    static final String CANCELLATION_REASONS = "/cancellation/reasons";

    private static final Logger LOG = LoggerFactory.getLogger(ReferralListController.class);
    private static final ErsCall CALL = new ErsCall("referral-list", "cancellation-reasons");

    private final ReferralList list;
    private final ErsClient ers;

    ReferralListController(ReferralList list, ErsClient ers) {
        this.list = list;
        this.ers = ers;
    }

    /** Query {@code status} (open, finished), {@code q} (request id or UBRN start, or NHS number), {@code page}, {@code size}. */
    @GetMapping
    ReferralRow.Page referrals(@RequestParam(required = false) String status, @RequestParam(required = false) String q,
                               @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                               Principal user) {
        int pageNumber = number("page", page, 1);
        int pageSize = number("size", size, ReferralList.DEFAULT_SIZE);
        return list.list(user == null ? null : user.getName(), new ReferralList.Filter(blankToNull(status), q, pageNumber, pageSize));
    }

    /** A cancellation reason as e-RS names it (REFERRAL-CANCELLATION-REASON, A004). */
    record CancellationReason(String code, String display) {
    }

    @GetMapping(CANCELLATION_REASONS)
    ResponseEntity<Object> cancellationReasons() {
        CodeSystemView reasons;
        try {
            reasons = ers.retrieveCodeSystem(CALL, ReferralCodes.CANCELLATION_REASON);
        } catch (RuntimeException e) {
            LOG.warn("e-RS reference data {} unavailable: {}", ReferralCodes.CANCELLATION_REASON, e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "e-RS's cancellation reasons cannot be read just now; try again in a minute");
            problem.setTitle("e-RS unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        List<CancellationReason> answer = reasons.concepts().stream()
                .map(concept -> new CancellationReason(concept.code(), concept.display() == null ? concept.code() : concept.display()))
                .sorted(Comparator.comparing(CancellationReason::display, String.CASE_INSENSITIVE_ORDER))
                .toList();
        return ResponseEntity.ok(answer);
    }

    private static int number(String parameter, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidReferralRequest("Referrals not listed: ", List.of(parameter + " must be a whole number"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
