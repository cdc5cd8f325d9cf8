package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_SIGN_IN_AGAIN;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In the running application (authorizations and organisations on): "Sign in to e-RS again" goes to
 * the person the referral acts as, and their signing in again ({@link ErsUserReady}, here the demo
 * users' e-RS sign-in without a browser) completes it as them and carries the referral on.
 */
class SignInAgainLiveTest extends LiveReferralTest {

    @Autowired
    IdentityService identityService;

    @Test
    void theActingUsersSignInCarriesOnTheReferralWaitingForIt() {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 401, "times", 1,
                "delayMs", 0)).status()).isBetween(200, 204);
        ProcessInstance referral = start("sign-in-again-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        Task signIn = awaitTask(referral, TASK_SIGN_IN_AGAIN);
        assertThat(signIn.getAssignee()).isEqualTo("coordinator");
        assertThat(runtimeService.getVariable(referral.getId(), ReferralVariables.ACTING_USER.name())).isEqualTo("coordinator");

        // e-RS refused the token, so it was forgotten: the coordinator's next authenticated request signs
        // them in to e-RS again (demo mode), which announces them ready (ErsUserReady).
        assertThat(app.get("/api/referrals/sign-in-again-1", "coordinator").status()).isEqualTo(200);

        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(identityService.getCurrentAuthentication()).as("the engine's authentication is cleared after").isNull();
        assertThat(historyService.createUserOperationLogQuery().taskId(signIn.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
                .extracting(UserOperationLogEntry::getUserId).containsOnly("coordinator");
    }
}
