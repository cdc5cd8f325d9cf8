package org.ersreferral.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSizeLimitsTest {

    private final RequestSizeLimits.BodySizeFilter filter = new RequestSizeLimits.BodySizeFilter(10, 100);

    @Test
    void theGpSystemApiTakesSmallBodiesEverythingElseLetterFiles() {
        assertThat(filter.limitFor("/engine-rest/task/1/complete")).isEqualTo(100);
        assertThat(filter.limitFor("/camunda/api/engine/engine/default/task/1/submit-form")).isEqualTo(100);
        assertThat(filter.limitFor("/api/referrals")).isEqualTo(10);
        assertThat(filter.limitFor("/api/analytics/outcomes")).isEqualTo(10);
        assertThat(filter.limitFor("/ers-sim/FHIR/STU3/Binary")).isEqualTo(100);
    }
}
