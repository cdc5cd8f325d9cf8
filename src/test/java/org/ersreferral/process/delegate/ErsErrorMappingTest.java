package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error mapping of {@link ErsTaskDelegate}, for every delegate built on it: whichever e-RS call
 * the delegate makes first fails, and the failure must reach the process the way the model expects.
 */
class ErsErrorMappingTest {

    record Step(String activity, Function<ErsClient, ErsTaskDelegate> delegate, Consumer<FakeScope> ready) {
        @Override
        public String toString() {
            return activity;
        }
    }

    static List<Step> steps() {
        return List.of(
                new Step(ReferralProcess.TASK_ESTABLISH_ERS_CONTEXT, ers -> new EstablishErsContextDelegate(ersSteps(ers, properties(10, 3))), s -> { }),
                new Step(ReferralProcess.TASK_LOAD_REFERENCE_DATA, LoadReferenceDataDelegate::new, s -> { }),
                new Step(ReferralProcess.TASK_SEARCH_SERVICES, SearchServicesDelegate::new, s -> { }),
                new Step(ReferralProcess.TASK_CREATE_REFERRAL, ers -> new CreateReferralDelegate(ersSteps(ers)), ErsErrorMappingTest::notCreated),
                new Step(ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, ers -> new CreateReferralAndSendForTriageDelegate(ersSteps(ers)),
                        ErsErrorMappingTest::notCreated),
                new Step(ReferralProcess.TASK_UPLOAD_REFERRAL_LETTER, ers -> new UploadReferralLetterDelegate(ersSteps(ers)), s -> s
                        .with(ReferralVariables.LETTER_FILE_VARIABLE.name(), "referralLetter1")
                        .with("referralLetter1", Variables.fileValue("letter.pdf").file(new byte[] {1}).mimeType("application/pdf").create())),
                new Step(ReferralProcess.TASK_MAINTAIN_REFERRAL_LETTER, ers -> new MaintainReferralLetterDelegate(ersSteps(ers)), s -> s
                        .with(ReferralVariables.LETTER_ATTACHMENTS.name(), List.of(Map.of("variable", "referralLetter1", "url", "Binary/1",
                                "fileName", "letter.pdf", "contentType", "application/pdf", "size", 1)))),
                new Step(ReferralProcess.TASK_SEND_FOR_TRIAGE, ers -> new SendForTriageDelegate(ersSteps(ers)), s -> s
                        .with(ReferralVariables.SHORTLIST.name(), List.of(TRIAGE_SERVICE))),
                new Step(ReferralProcess.TASK_RETRIEVE_SLOTS, ers -> new RetrieveSlotsDelegate(ersSteps(ers, properties(10, 3))), s -> s
                        .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)),
                new Step(ReferralProcess.TASK_BOOK_APPOINTMENT, ers -> new BookAppointmentDelegate(ersSteps(ers)), s -> s
                        .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)
                        .with(ReferralVariables.SLOT_ID.name(), "slot-1")
                        .with(ReferralVariables.SLOTS.name(), List.of(Map.of("value", "slot-1",
                                "start", "2026-12-01T09:30Z", "end", "2026-12-01T09:45Z")))),
                new Step(ReferralProcess.TASK_DEFER_TO_PROVIDER, ers -> new DeferToProviderDelegate(ersSteps(ers)), s -> s
                        .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)),
                new Step(ReferralProcess.TASK_GENERATE_PATIENT_LETTER, GeneratePatientLetterDelegate::new, s -> { }),
                new Step(ReferralProcess.TASK_RETRIEVE_REFERRAL_STATE, RetrieveReferralStateDelegate::new, s -> { }));
    }

    private static void notCreated(FakeScope scope) {
        scope.with(ReferralVariables.UBRN.name(), null).with(ReferralVariables.REFERRAL_VERSION.name(), null)
                .with(ReferralVariables.SHORTLIST.name(), List.of(DIRECT_SERVICE));
    }

    static Stream<Arguments> everyStep() {
        return steps().stream().map(Arguments::of);
    }

    /** State changes e-RS may still be applying when no answer came: checked later, never sent again at once. */
    static final List<String> RECONCILED_LATER = List.of(ReferralProcess.TASK_MAINTAIN_REFERRAL_LETTER,
            ReferralProcess.TASK_SEND_FOR_TRIAGE, ReferralProcess.TASK_BOOK_APPOINTMENT, ReferralProcess.TASK_DEFER_TO_PROVIDER,
            ReferralProcess.TASK_CREATE_REFERRAL, ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE);

    static Stream<Arguments> stepsThatRetryAfterNoAnswer() {
        return steps().stream()
                .filter(s -> !s.activity().startsWith(ReferralProcess.TASK_CREATE_REFERRAL)
                        && !RECONCILED_LATER.contains(s.activity()))
                .map(Arguments::of);
    }

    static Stream<Arguments> stepsThatReconcileLaterAfterNoAnswer() {
        return steps().stream().filter(s -> RECONCILED_LATER.contains(s.activity())).map(Arguments::of);
    }

    static Stream<Arguments> stepsWhereAConflictIsARejection() {
        // booking treats 409/423 as "slot gone" (see BookAppointmentDelegateTest)
        return steps().stream().filter(s -> !s.activity().equals(ReferralProcess.TASK_BOOK_APPOINTMENT)).map(Arguments::of);
    }

    private static Throwable run(Step step, ErsException failure, FakeScope scope) {
        step.ready().accept(scope);
        return catchThrowable(() -> step.delegate().apply(failingWith(failure)).execute(scope.execution()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aRejectionBecomesErsRejectedWithTheProblemRecorded(Step step) {
        FakeScope scope = referral(step.activity());

        Throwable thrown = run(step, new ErsException.Rejected("A0XX", 422, "SHORTLIST_INVALID: no such service"), scope);

        assertThat(thrown).isInstanceOf(BpmnError.class);
        assertProblem((BpmnError) thrown, scope, "ERS_REJECTED", "A0XX answered 422: SHORTLIST_INVALID: no such service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsWhereAConflictIsARejection")
    void aConflictBecomesErsRejected(Step step) {
        FakeScope scope = referral(step.activity());

        Throwable thrown = run(step, new ErsException.Conflict("A0XX", 423, "Referral is locked"), scope);

        assertThat(thrown).isInstanceOf(BpmnError.class);
        assertProblem((BpmnError) thrown, scope, "ERS_REJECTED", "A0XX answered 423: Referral is locked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void anExpiredTokenBecomesErsUnauthorised(Step step) {
        FakeScope scope = referral(step.activity());

        Throwable thrown = run(step, new ErsException.Unauthorised("A0XX", "Access token expired"), scope);

        assertThat(thrown).isInstanceOf(BpmnError.class);
        assertProblem((BpmnError) thrown, scope, "ERS_UNAUTHORISED", "A0XX answered 401: Access token expired");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aServerErrorPropagatesForTheJobToRetry(Step step) {
        FakeScope scope = referral(step.activity());
        ErsException.Unavailable failure = new ErsException.Unavailable("A0XX", 503, "Service Unavailable", null);

        assertThat(run(step, failure, scope))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure).hasMessageStartingWith(failure.operationId());
        assertNoProblemRecorded(scope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void rateLimitingPropagatesForTheJobToRetry(Step step) {
        FakeScope scope = referral(step.activity());
        ErsException.RateLimited failure = new ErsException.RateLimited("A0XX", "Too Many Requests", 30);

        assertThat(run(step, failure, scope))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure).hasMessageStartingWith(failure.operationId());
        assertNoProblemRecorded(scope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void anUnexpectedExceptionPropagates(Step step) {
        FakeScope scope = referral(step.activity());
        ErsException failure = new ErsException("A0XX", 0, "Connection refused", new IOException("Connection refused"));

        assertThat(run(step, failure, scope))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure).hasMessageStartingWith(failure.operationId());
        assertNoProblemRecorded(scope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsThatRetryAfterNoAnswer")
    void noAnswerToARepeatableCallPropagatesForTheJobToRetry(Step step) {
        FakeScope scope = referral(step.activity());
        ErsException.OutcomeUnknown failure = new ErsException.OutcomeUnknown("A0XX", "Read timed out", null);

        assertThat(run(step, failure, scope))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure).hasMessageStartingWith(failure.operationId());
        assertNoProblemRecorded(scope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepsThatReconcileLaterAfterNoAnswer")
    void noAnswerToAStateChangeComesBackLaterToBeChecked(Step step) {
        FakeScope scope = referral(step.activity());
        ErsException.OutcomeUnknown failure = new ErsException.OutcomeUnknown("A0XX", "Read timed out", null);

        Throwable thrown = run(step, failure, scope);

        assertThat(thrown).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasMessageStartingWith(failure.operationId())
                .hasRootCause(failure);
        assertThat(thrown.getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(((ErsException.ReconcileLater) thrown.getCause()).retryAfterSeconds()).isEqualTo(RECONCILE_AFTER.toSeconds());
        assertNoProblemRecorded(scope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void aProblemWithoutMessageNamesOperationAndStatusOnly(Step step) {
        FakeScope scope = referral(step.activity());

        Throwable thrown = run(step, new ErsException.Rejected("A0XX", 400, null), scope);

        assertThat(thrown).isInstanceOf(BpmnError.class);
        assertProblem((BpmnError) thrown, scope, "ERS_REJECTED", "A0XX answered 400");
    }
}
