package org.ersreferral.history;

import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One referral's history for analysts; it sits beside the coordinators' referral API but is guarded for analysts.
 * Only referrals of the analyst's organisations (admins: all); any other is answered as unknown.
 */
@RestController
class TimelineController {

    private final ReferralTimeline timelines;

    TimelineController(ReferralTimeline timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/api/referrals/{requestId}/timeline")
    ReferralTimeline.Timeline timeline(@PathVariable String requestId, Principal user) {
        return timelines.of(requestId, user == null ? null : user.getName()).orElseThrow(() -> new UnknownReferral(requestId));
    }

    static final class UnknownReferral extends RuntimeException {
        UnknownReferral(String requestId) {
            super("No referral with request id '" + requestId + "'");
        }
    }
}
