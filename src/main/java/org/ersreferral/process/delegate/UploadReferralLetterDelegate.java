package org.ersreferral.process.delegate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        String variableName = variables.string(ReferralVariables.LETTER_FILE_VARIABLE);
        List<Map<String, Object>> uploaded = new ArrayList<>(variables.objectList(ReferralVariables.LETTER_ATTACHMENTS));
        if (uploaded.stream().noneMatch(a -> variableName.equals(a.get("variable")))) {
            LetterFile file = LetterFiles.of(variableName, variables.file(variableName));
            uploaded.add(LetterFiles.attachment(variableName, steps.uploadFile(call, variables.ubrn(), variableName, file), file));
            variables.setJson(ReferralVariables.LETTER_ATTACHMENTS, uploaded);
        }
    }
}
