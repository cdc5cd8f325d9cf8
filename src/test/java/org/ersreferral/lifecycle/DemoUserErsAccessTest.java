package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.ersreferral.security.tokens.DatabaseAuthorizedClientService;
import org.ersreferral.security.tokens.UserErsTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Demo mode with the simulator as e-RS: a demo user who authenticates with a password gets a
 * CIS2 sign-in of the smartcard user of the same name and a role, without a browser, and every
 * e-RS call of their referral carries that user's user-restricted token (the simulator records
 * whom the token it checked belongs to); the administrator role names the simulator's GP.
 */
class DemoUserErsAccessTest extends LiveReferralTest {

    /** The coordinator's smartcard (SDS user id) in the simulated CIS2. */
    static final String COORDINATOR_SMARTCARD = "555000000101";
    static final String SIMULATOR_GP = "555000000105";
    /** Application-restricted: the only operations that may go with the application's own token. */
    static final Set<String> APPLICATION_RESTRICTED = Set.of("A004", "A033", "A035", "A037");

    @Autowired
    UserErsTokens tokens;
    @Autowired
    ErsRoleChoices roles;
    @Autowired
    DatabaseAuthorizedClientService store;
    @Autowired
    ErsClient ers;

    @BeforeEach
    void coordinatorHasNeverSignedInToErs() {
        tokens.signOut("coordinator");
        roles.forget("coordinator");
    }

    @Test
    void aBasicAuthCoordinatorsReferralIsBookedWithEveryCallActingAsTheirSmartcard() throws Exception {
        ProcessInstance referral = start("demo-user-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        assertThat(tokens.current("coordinator")).as("signed in to e-RS by the password sign-in").isPresent();
        ErsRole role = roles.chosen("coordinator").orElseThrow();
        assertThat(role.businessFunction()).isEqualTo("REFERRING_CLINICIAN_ADMIN");
        assertThat(role.odsCode()).isEqualTo("R69");

        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);

        JsonNode callers = app.get("/ers-sim/admin/calls/callers", "admin").json();
        List<String> userRestricted = new ArrayList<>();
        callers.fieldNames().forEachRemaining(operation -> {
            if (!APPLICATION_RESTRICTED.contains(operation)) {
                userRestricted.add(operation);
                assertThat(callers.get(operation)).as(operation).hasSize(1);
                assertThat(callers.get(operation).get(0).asText()).as(operation).isEqualTo(COORDINATOR_SMARTCARD);
            }
        });
        assertThat(userRestricted).contains("A030", "A010", "A011", "A015", "A016");
        // acting as an administrator, the referral names the simulator's GP as its referring clinician
        assertThat(onlyReferral().get("referringClinician").asText()).isEqualTo(SIMULATOR_GP);
    }

    @Test
    void theInProcessSignInIsRefreshedOverHttpLikeABrowsersAndTheNewTokenStillActsAsTheSmartcard() {
        assertThat(app.get("/api/referrals/none-such", "coordinator").status()).isEqualTo(404);
        OAuth2AuthorizedClient signedIn = store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, "coordinator");
        OAuth2AccessToken access = signedIn.getAccessToken();
        // due for refresh now (within ers.user-tokens.refresh-before of its expiry)
        OAuth2AccessToken due = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access.getTokenValue(),
                access.getIssuedAt(), Instant.now().plusSeconds(5), access.getScopes());
        store.saveAuthorizedClient(new OAuth2AuthorizedClient(signedIn.getClientRegistration(), "coordinator", due,
                signedIn.getRefreshToken()), UsernamePasswordAuthenticationToken.authenticated("coordinator", null, List.of()));

        String renewed = tokens.current("coordinator").orElseThrow().value();
        assertThat(renewed).isNotEqualTo(access.getTokenValue());
        assertThat(store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, "coordinator").getRefreshToken().getTokenValue())
                .as("rotated").isNotEqualTo(signedIn.getRefreshToken().getTokenValue());
        assertThat(ers.retrieveRoles(new ErsCall("refresh-test", "A030", "coordinator"))).isNotEmpty();
        assertThat(app.get("/ers-sim/admin/calls/callers", "admin").json().get("A030").get(0).asText())
                .isEqualTo(COORDINATOR_SMARTCARD);
    }

    @Test
    void aSecondPasswordSignInKeepsTheTokensItHas() {
        assertThat(app.get("/api/referrals/none-such", "coordinator").status()).isEqualTo(404);
        String first = tokens.current("coordinator").orElseThrow().value();
        assertThat(app.get("/api/referrals/none-such", "coordinator").status()).isEqualTo(404);
        assertThat(tokens.current("coordinator").orElseThrow().value()).isEqualTo(first);
    }
}
