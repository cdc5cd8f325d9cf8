package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UbrnTest {

    @Test
    void groupedIsTwelveDigitsInFours() {
        assertThat(Ubrn.grouped("000045678901")).isEqualTo("0000 4567 8901");
        assertThat(Ubrn.grouped(" 0000 4567-8901 ")).isEqualTo("0000 4567 8901");
        assertThat(Ubrn.grouped("UBRN-1")).isEqualTo("UBRN-1");
        assertThat(Ubrn.grouped(null)).isNull();
    }

    @Test
    void digitsOfDropsTheGrouping() {
        assertThat(Ubrn.digitsOf("0000 4567 8901")).isEqualTo("000045678901");
        assertThat(Ubrn.digitsOf("0000 45")).isEqualTo("000045");
    }
}
