package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
class ReferralCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"})
    void neutralisesCellsThatStartAFormula(String value) {
        String field = ReferralCsv.field(value);
        String unquoted = field.startsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
        assertThat(unquoted).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @CsvSource({"gp-1,gp-1", "CARDIOLOGY,CARDIOLOGY", "000000000001,000000000001", "a-b,a-b"})
    void leavesOtherCellsAsTheyAre(String value, String expected) {
        assertThat(ReferralCsv.field(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a,b|\"a,b\"", "=1,2|\"'=1,2\"", "say \"hi\"|\"say \"\"hi\"\"\""})
    void quotesCellsWithCommasAndQuotes(String value, String expected) {
        assertThat(ReferralCsv.field(value)).isEqualTo(expected);
    }
}
