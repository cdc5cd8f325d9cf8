package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A012: attaches the uploaded files to the referral letter; a stale version is re-read once by the step service. */
@Component("maintainReferralLetterDelegate")
class MaintainReferralLetterDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    MaintainReferralLetterDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        List<LetterAttachment> attachments = variables.get(ReferralVariables.LETTER_ATTACHMENTS).stream()
                .map(upload -> new LetterAttachment(upload.url(), upload.fileName(), upload.contentType(), upload.size()))
                .toList();
        variables.set(ReferralVariables.REFERRAL_VERSION,
                steps.maintainReferralLetter(call, variables.ubrn(), variables.referralVersion(), attachments));
    }
}
