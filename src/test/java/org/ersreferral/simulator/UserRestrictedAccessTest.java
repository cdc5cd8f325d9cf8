package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * e-RS's rule on who may call what: only the application-restricted operations may be called
 * without a signed-in user ({@code ers.simulator.user-restricted-access}, on unless turned off;
 * {@code Cis2AttackTest} shows it over HTTP).
 */
class UserRestrictedAccessTest {

    private static ErsOperation operation(Class<?> controller, String id) {
        return Arrays.stream(controller.getDeclaredMethods())
                .map(method -> method.getAnnotation(ErsOperation.class))
                .filter(annotation -> annotation != null && annotation.value().equals(id))
                .findFirst().orElseThrow();
    }

    private static final ErsGatekeeper.Caller USER = new ErsGatekeeper.Caller(ErsGatekeeper.Caller.Kind.USER,
            SmartcardUsers.ALL.get(0));
    private static final ErsGatekeeper.Caller SESSION = new ErsGatekeeper.Caller(ErsGatekeeper.Caller.Kind.PROFESSIONAL_SESSION, null);
    private static final ErsGatekeeper.Caller APPLICATION = ErsGatekeeper.Caller.application();

    @Test
    void onlyApplicationRestrictedOperationsMayBeCalledWithoutAUser() {
        ErsOperation a004 = operation(ReferenceDataController.class, "A004");
        ErsOperation a030 = operation(ReferenceDataController.class, "A030");
        ErsOperation a011 = operation(ReferralController.class, "A011");
        assertThat(ErsGatekeeper.lacksRequiredUser(a004, APPLICATION)).isFalse();
        assertThat(ErsGatekeeper.lacksRequiredUser(a030, APPLICATION)).isTrue();
        assertThat(ErsGatekeeper.lacksRequiredUser(a011, APPLICATION)).isTrue();
        // the follow-up calls are user-restricted too
        List<ErsOperation> followUp = List.of(operation(FollowUpController.class, "A008"), operation(FollowUpController.class, "A029"),
                operation(FollowUpController.class, "A031"), operation(FollowUpController.class, "A032"),
                operation(AppointmentController.class, "A034"), operation(AppointmentController.class, "A038"));
        for (ErsOperation any : followUp) {
            assertThat(ErsGatekeeper.lacksRequiredUser(any, APPLICATION)).as(any.value()).isTrue();
            assertThat(ErsGatekeeper.lacksRequiredUser(any, USER)).as(any.value()).isFalse();
        }
        for (ErsOperation any : new ErsOperation[] {a004, a030, a011}) {
            assertThat(ErsGatekeeper.lacksRequiredUser(any, USER)).as(any.value()).isFalse();
            assertThat(ErsGatekeeper.lacksRequiredUser(any, SESSION)).as(any.value()).isFalse();
        }
    }
}
