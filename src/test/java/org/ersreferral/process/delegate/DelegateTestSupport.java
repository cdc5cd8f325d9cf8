package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.ersreferral.process.step.InMemoryErsRequestJournal;
import org.ersreferral.testsupport.TestClock;

/** Shared fixtures of the delegate tests. */
final class DelegateTestSupport {

    static final String PROCESS_INSTANCE = "process-instance-1";
    static final String UBRN = "000000070001";
    static final String NHS_NUMBER = "9912003888";
    static final String DIRECT_SERVICE = "11002";
    static final String INDIRECT_SERVICE = "11003";
    static final String TRIAGE_SERVICE = "50001";

    private DelegateTestSupport() {
    }

    static ErsProperties properties(int slotPageSize, int maxSlotPages) {
        return new ErsProperties("http://localhost:9999", "R69", "REFERRING_CLINICIAN", null, "create-then-send",
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofHours(1), slotPageSize, maxSlotPages, null);
    }

    /** How long the steps wait before checking a state change that got no answer. */
    static final Duration RECONCILE_AFTER = Duration.ofSeconds(60);

    /** The step service over {@code ers}, with an empty journal of its own. */
    static ErsSteps ersSteps(ErsClient ers) {
        return ersSteps(ers, properties(20, 3));
    }

    static ErsSteps ersSteps(ErsClient ers, ErsProperties properties) {
        TestClock clock = TestClock.at(Instant.parse("2026-11-30T09:00:00Z"));
        return ErsSteps.of(ers, new InMemoryErsRequestJournal(clock), properties, RECONCILE_AFTER, clock);
    }

    /** An e-RS client whose every operation fails with {@code failure}. */
    static ErsClient failingWith(ErsException failure) {
        return mock(ErsClient.class, invocation -> {
            throw failure;
        });
    }

    static ErsCall call(String step) {
        return new ErsCall(PROCESS_INSTANCE, step);
    }

    /** A referral created in e-RS, at the given step. */
    static FakeScope referral(String step) {
        return new FakeScope().activity(step)
                .with(ReferralVariables.NHS_NUMBER.name(), NHS_NUMBER)
                .with(ReferralVariables.PRIORITY.name(), "URGENT")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.UBRN.name(), UBRN)
                .with(ReferralVariables.REFERRAL_VERSION.name(), "4");
    }

    /** The BPMN error and the variables the problem-handling tasks read. */
    static void assertProblem(BpmnError error, FakeScope scope, String errorCode, String message) {
        assertThat(error.getErrorCode()).isEqualTo(errorCode);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(scope.value(ReferralVariables.ERS_ERROR_CODE.name())).isEqualTo(errorCode);
        assertThat(scope.value(ReferralVariables.ERS_ERROR_MESSAGE.name())).isEqualTo(message);
        assertThat(scope.value(ReferralVariables.ERS_FAILED_STEP.name())).isEqualTo(scope.activityId);
    }

    static void assertNoProblemRecorded(FakeScope scope) {
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.ERS_ERROR_CODE.name(),
                ReferralVariables.ERS_ERROR_MESSAGE.name(), ReferralVariables.ERS_FAILED_STEP.name());
    }
}
