package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A012: attaches the uploaded files to the referral letter. e-RS checks the referral's version
 * (If-Match); when ours is stale (409) the current version is read (A005) and the call made once more.
 */
@Component("maintainReferralLetterDelegate")
class MaintainReferralLetterDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    MaintainReferralLetterDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        List<LetterAttachment> attachments = variables.objectList(ReferralVariables.LETTER_ATTACHMENTS).stream()
                .map(a -> new LetterAttachment((String) a.get("url"), (String) a.get("fileName"),
                        (String) a.get("contentType"), ((Number) a.get("size")).longValue()))
                .toList();
        String ubrn = variables.ubrn();
        String version = variables.referralVersion();
        if (version == null) {
            version = ers.retrieveReferral(call, ubrn).version();
        }
        String newVersion;
        try {
            newVersion = ers.maintainReferralLetter(call, ubrn, version, attachments);
        } catch (ErsException.Conflict stale) {
            String current = ers.retrieveReferral(call, ubrn).version();
            newVersion = ers.maintainReferralLetter(call, ubrn, current, attachments);
        }
        variables.set(ReferralVariables.REFERRAL_VERSION, newVersion);
    }
}
