package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    static final String WRONG_CHECK_DIGIT = "NHS number check digit is wrong: please check the number was typed correctly";

    @ParameterizedTest
    @ValueSource(strings = {"9912003888", "4010232137", "991 200 3888", "991-200-3888", " 9912003888 "})
    void acceptsValidNumbersWrittenWithOrWithoutSeparators(String value) {
        assertThat(NhsNumber.problem(value)).isNull();
    }

    @Test
    void refusesAWrongCheckDigit() {
        assertThat(NhsNumber.problem("9912003887")).isEqualTo(WRONG_CHECK_DIGIT);
        assertThat(NhsNumber.problem("9912003880")).isEqualTo(WRONG_CHECK_DIGIT);
    }

    @Test
    void refusesEveryNumberWhoseCheckDigitWouldBeTen() {
        // 1*10 + 1*2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no tenth digit can match
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.problem("100000001" + last)).as("last digit %d", last).isEqualTo(WRONG_CHECK_DIGIT);
        }
    }

    @Test
    void aRemainderOfZeroMeansCheckDigitZero() {
        // 2*10 + 1*2 = 22, a multiple of 11: 11 - 0 = 11 stands for check digit 0
        assertThat(NhsNumber.problem("2000000010")).isNull();
        assertThat(NhsNumber.problem("2000000011")).isEqualTo(WRONG_CHECK_DIGIT);
    }

    @Test
    void requiresTenDigits() {
        assertThat(NhsNumber.problem(null)).isEqualTo("NHS number is required");
        assertThat(NhsNumber.problem("   ")).isEqualTo("NHS number is required");
        assertThat(NhsNumber.problem("991200388")).isEqualTo("NHS number must be 10 digits");
        assertThat(NhsNumber.problem("99120038881")).isEqualTo("NHS number must be 10 digits");
        assertThat(NhsNumber.problem("99120O3888")).isEqualTo("NHS number must be 10 digits");
        assertThat(NhsNumber.problem("991.200.3888")).isEqualTo("NHS number must be 10 digits");
    }

    @Test
    void normaliseDropsSpacesAndHyphens() {
        assertThat(NhsNumber.normalise("991 200-3888")).isEqualTo("9912003888");
        assertThat(NhsNumber.normalise("\t991 200 3888\n")).isEqualTo("9912003888");
        assertThat(NhsNumber.normalise(null)).isNull();
    }

    @Test
    void maskShowsOnlyTheLastThreeDigits() {
        assertThat(NhsNumber.mask("9912003888")).isEqualTo("*******888");
        assertThat(NhsNumber.mask("991 200 3888")).isEqualTo("*******888");
        assertThat(NhsNumber.mask("991-200-3888")).doesNotContain("991", "200").endsWith("888");
        assertThat(NhsNumber.mask("123")).isEqualTo("***");
        assertThat(NhsNumber.mask(null)).isEqualTo("***");
    }

    @Test
    void groupedIsTheWholeNumberAsPeopleReadIt() {
        assertThat(NhsNumber.grouped("9912003888")).isEqualTo("991 200 3888");
        assertThat(NhsNumber.grouped("991-200 3888")).isEqualTo("991 200 3888");
        assertThat(NhsNumber.grouped("12345")).isEqualTo("12345");
        assertThat(NhsNumber.grouped(null)).isNull();
    }
}
