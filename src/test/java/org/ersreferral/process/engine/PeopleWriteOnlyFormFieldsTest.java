package org.ersreferral.process.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.process.FormFields;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;

/** A value written through a form must fit its field: type, length, a JSON list of texts. */
class PeopleWriteOnlyFormFieldsTest {

    @Test
    void valuesMustBeOfTheFieldsTypeAndLength() {
        FormFields.Field text = FormFields.ofStart(ReferralVariables.PRIORITY.name()).orElseThrow();
        FormFields.Field flag = FormFields.ofStart(ReferralVariables.PATIENT_LETTER_TASK.name()).orElseThrow();
        FormFields.Field list = FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_CHOOSE_SHORTLIST, ReferralVariables.SHORTLIST.name()).orElseThrow();
        FormFields.Field file = FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_ATTACH_REFERRAL_LETTER, "referralLetter1").orElseThrow();

        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.stringValue("URGENT"))).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.untypedValue("URGENT"))).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.untypedNullValue())).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.stringValue("U".repeat(65)))).isEqualTo("priority is longer than 64 characters");
        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.integerValue(1))).isEqualTo("priority must be text (String)");
        assertThat(PeopleWriteOnlyFormFields.problem(text, Variables.booleanValue(true))).isEqualTo("priority must be text (String)");
        assertThat(PeopleWriteOnlyFormFields.problem(flag, Variables.booleanValue(true))).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(flag, Variables.stringValue("true"))).isEqualTo("patientLetterTask must be true or false (Boolean)");
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.stringValue("[\"1\"]"))).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.integerValue(3))).isEqualTo("shortlist must be a JSON list (Json or String)");
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.stringValue("[" + "\"1\",".repeat(2000) + "]")))
                .isEqualTo("shortlist is longer than 4000 characters");
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.stringValue("not json"))).isEqualTo("shortlist must be a JSON list of texts, e.g. [\"11002\"]");
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.stringValue("{\"a\": 1}"))).startsWith("shortlist must be a JSON list of texts");
        assertThat(PeopleWriteOnlyFormFields.problem(list, Variables.stringValue("[{\"value\": \"1\"}]"))).startsWith("shortlist must be a JSON list of texts");
        assertThat(PeopleWriteOnlyFormFields.problem(file, Variables.fileValue("a.pdf").file(new byte[] {1}).create())).isNull();
        assertThat(PeopleWriteOnlyFormFields.problem(file, Variables.stringValue("a.pdf"))).isEqualTo("referralLetter1 must be a file (File)");
    }
}
