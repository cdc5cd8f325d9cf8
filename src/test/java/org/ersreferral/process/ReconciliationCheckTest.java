package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReconciliationCheckTest {

    static final String REFUSED = "A UBRN is 12 digits; leave it empty if e-RS shows no such referral";

    @Test
    void aUbrnWithSpacesIsKeptAsTwelveDigitsAndTheVersionIsForgotten() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.UBRN.name(), " 0000 0007 0001 ")
                .with(ReferralVariables.REFERRAL_VERSION.name(), "3")
                .with(ReferralVariables.ERS_FAILED_STEP.name(), ReferralProcess.TASK_CREATE_REFERRAL)
                .with(ReferralVariables.OUTCOME.name(), null);

        new ReconciliationCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo("000000070001");
        assertThat(scope.variables).containsKey(ReferralVariables.REFERRAL_VERSION.name());
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isNull();
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isNull();
    }

    @Test
    void aReferralFoundAfterCreateAndSendWasSentForTriage() {
        FakeScope scope = new FakeScope()
                .with(ReferralVariables.UBRN.name(), "000000070001")
                .with(ReferralVariables.ERS_FAILED_STEP.name(), ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE);

        new ReconciliationCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo("000000070001");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("SENT_FOR_TRIAGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000007000", "0000000700011", "0000-0007-0001", "00000007000A", "UBRN 000000070001"})
    void anythingButTwelveDigitsIsRefused(String ubrn) {
        FakeScope scope = new FakeScope().with(ReferralVariables.UBRN.name(), ubrn).with(ReferralVariables.REFERRAL_VERSION.name(), "3");

        assertThatThrownBy(() -> new ReconciliationCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class).hasMessage(REFUSED);
        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo(ubrn);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("3");
    }

    @Test
    void anEmptyAnswerMeansNoReferralWasCreated() {
        FakeScope scope = new FakeScope().with(ReferralVariables.UBRN.name(), "   ")
                .with(ReferralVariables.ERS_FAILED_STEP.name(), ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE);

        new ReconciliationCheck().notify(scope.task());

        assertThat(scope.variables).containsKey(ReferralVariables.UBRN.name());
        assertThat(scope.value(ReferralVariables.UBRN.name())).isNull();
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }
}
