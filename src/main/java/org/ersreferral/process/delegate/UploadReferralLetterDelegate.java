package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A020, once per letter file (sequential multi-instance, each its own job). A file already uploaded
 * is not sent again: neither when listed (a later file failed) nor when e-RS answered and the job then failed.
 */
@Component("uploadReferralLetterDelegate")
class UploadReferralLetterDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    UploadReferralLetterDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String variableName = variables.get(ReferralVariables.LETTER_FILE_VARIABLE);
        if (!LetterFiles.listed(variables, variableName)) {
            LetterFile file = LetterFiles.of(variableName, variables.letterFile(variableName));
            LetterFiles.recordUpload(variables, variableName, file, steps.uploadFile(call, variables.ubrn(), variableName, file));
        }
    }
}
