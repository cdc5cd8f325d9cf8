package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartInputTest {

    private static final String NHS = "9912003888";

    @Test
    void acceptsAGoodStart() {
        assertThat(StartInput.problems(NHS, "URGENT", "CARDIOLOGY", "HEART_FAILURE", "chest pain", "Dr Who", "LS1 4AP", true)).isEmpty();
        assertThat(StartInput.problems("991 200 3888", "ROUTINE", null, null, null, null, null, false)).isEmpty();
    }

    @Test
    void boundsEveryFieldAndNamesIt() {
        assertThat(StartInput.problems("9".repeat(13), "URGENT", null, null, null, null, null, false))
                .containsExactly("nhsNumber is longer than 12 characters (an NHS number is 10 digits)");
        assertThat(StartInput.problems(NHS, "U".repeat(100_000), null, null, null, null, null, false))
                .containsExactly("priority is unknown (use one of " + Priority.allowed() + ")");
        assertThat(StartInput.problems(NHS, "URGENT", "C".repeat(65), "H".repeat(65), "t".repeat(201), "n".repeat(101), null, false))
                .containsExactly("specialty is longer than 64 characters", "clinicType is longer than 64 characters",
                        "clinicalTerm is longer than 200 characters", "namedClinician is longer than 100 characters");
        assertThat(StartInput.problems(NHS, "URGENT", null, null, "chest\r\npain", null, null, false))
                .containsExactly("clinicalTerm must not hold control characters (line breaks, tabs …)");
    }

    @Test
    void aPostcodeIsAUkPostcodeAndTheMessageHasNoPattern() {
        assertThat(StartInput.problems(NHS, "URGENT", null, null, null, null, "SW1A 1AA", false)).isEmpty();
        assertThat(StartInput.problems(NHS, "URGENT", null, null, null, null, "12345", false))
                .containsExactly("postcode must be a UK postcode such as LS1 4AP (letters and digits, at most 10 characters)");
        assertThat(StartInput.problems(NHS, "URGENT", null, null, null, null, "LS1 4AP".repeat(10), false)).hasSize(1);
    }

    @Test
    void aRequestIdIsBoundedAndSaysSo() {
        assertThat(StartInput.requestIdProblem("gp-1", false)).isNull();
        assertThat(StartInput.requestIdProblem(null, true)).isNull();
        assertThat(StartInput.requestIdProblem(null, false)).startsWith("requestId is required");
        assertThat(StartInput.requestIdProblem("r".repeat(100), false)).isNull();
        assertThat(StartInput.requestIdProblem("r".repeat(101), false)).isEqualTo("requestId (business key) is longer than 100 characters");
        assertThat(StartInput.requestIdProblem("a b", false)).isEqualTo("requestId (business key) must be 1–100 letters, digits, '.', '_', ':' or '-'");
    }

    @Test
    void aPatientNameIsOptionalAndRefusedNamingTheFieldWithoutRepeatingIt() {
        assertThat(StartInput.patientNameProblem(null)).isNull();
        assertThat(StartInput.patientNameProblem(" ")).isNull();
        assertThat(StartInput.patientNameProblem("Siân O'Brien-Smith")).isNull();
        assertThat(StartInput.patientNameProblem("N".repeat(101))).isEqualTo("patientName is longer than 100 characters");
        assertThat(StartInput.patientNameProblem("Jane\nSmith"))
                .isEqualTo("patientName must not hold control characters (line breaks, tabs …)");
        assertThat(StartInput.patientNameProblem("12345")).isEqualTo("patientName must be the patient's name in letters, e.g. Jane Smith")
                .doesNotContain("12345");
    }
}
