package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErsRetriesTest {

    @Test
    void theCycleIsTheConfiguredWaits() {
        assertThat(new ErsRetries(ErsRetries.DEFAULT_CYCLE).cycle()).isEqualTo("PT10S,PT1M,PT5M");
        assertThat(new ErsRetries("PT1S, PT2S").cycle()).isEqualTo("PT1S,PT2S");
    }

    @Test
    void aCycleThatIsNotDurationsStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new ErsRetries(" ")).hasMessageContaining("ERS_RETRY_CYCLE");
        assertThatThrownBy(() -> new ErsRetries("PT1S,10s")).hasMessageContaining("ERS_RETRY_CYCLE").hasMessageContaining("'10s'");
        assertThatThrownBy(() -> new ErsRetries("-PT1S")).hasMessageContaining("'-PT1S'");
    }
}
