package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;
import static org.ersreferral.process.ReferralProcess.TASK_SIGN_IN_AGAIN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.AccessGroups;
import org.ersreferral.security.tokens.DatabaseAuthorizedClientService;
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.Chromium;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A coordinator signed in through the simulated NHS CIS2 in a real browser, with tokens that live
 * seconds (the same settings as the simulator's own lifetime test, so one application serves both):
 * their access token expires mid-referral and the next e-RS call refreshes it unnoticed; later their
 * refresh token expires too, the referral waits in "Sign in to e-RS again" for them, and their
 * signing in again carries it on by itself.
 */
@TestPropertySource(properties = {
        "ers.simulator.cis2.access-token-lifetime=4s",
        "ers.simulator.cis2.refresh-token-lifetime=10s"})
class TokenExpiryBrowserTest extends RunningApplicationTest {

    /** The simulated CIS2 user id (nhsid_useruid) of Casey Coordinator. */
    private static final String COORDINATOR_ID = "555000000101";
    private static final Duration TASK_WAIT = Duration.ofSeconds(30);

    private static Chromium chromium;

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    DatabaseAuthorizedClientService storedTokens;
    @Autowired
    UserErsTokens ersTokens;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start(Map.of(), "--window-size=1400,1000");
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void expiredTokensAreRefreshedUnnoticedAndAnExpiredSignInWaitsForThePersonToSignInAgain() throws Exception {
        deleteRunningReferrals(runtimeService);
        WebDriver driver = chromium.driver();
        String base = "http://localhost:" + port;
        driver.manage().deleteAllCookies();
        Chromium.signIn(driver, base + "/camunda/app/tasklist/", "coordinator");
        String firstAccessToken = storedAccessToken();

        // Started from the signed-in page, as the page's own scripts would: the referral acts as this person.
        String requestId = "token-expiry-" + System.nanoTime();
        Object status = Chromium.startReferralFromPage(driver, Map.of("requestId", requestId, "nhsNumber", "9912003888",
                "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT"));
        assertThat(status).isEqualTo(201L);
        String referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(requestId)
                .processDefinitionKey(ReferralProcess.PROCESS_KEY).singleResult().getProcessInstanceId();
        Task shortlist = awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(runtimeService.getVariable(referral, ReferralVariables.ACTING_USER.name())).isEqualTo(COORDINATOR_ID);

        // The access token expires (4 s); the next e-RS call (A011) refreshes it and goes through.
        Instant accessExpiry = storedTokens.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR_ID)
                .getAccessToken().getExpiresAt();
        Await.until("the first access token expired", TASK_WAIT, () -> Instant.now().isAfter(accessExpiry));
        completeAsCoordinator(shortlist, Map.of(ReferralVariables.SHORTLIST.name(), SpinValues.jsonValue("[\"11002\"]").create(),
                ReferralVariables.BOOK_SERVICE_ID.name(), "11002"));
        Task letter = awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);
        assertThat(storedAccessToken()).as("refreshed without the person doing anything").isNotEqualTo(firstAccessToken);
        assertThat(taskService.createTaskQuery().processInstanceId(referral).taskDefinitionKey(TASK_SIGN_IN_AGAIN).count())
                .isZero();

        // The refresh token expires (10 s after the refresh, which issued the current access token): the next
        // e-RS call cannot act as them. The token answer gives no refresh expiry, so it is counted from there.
        Instant refreshExpiry = storedTokens.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR_ID)
                .getAccessToken().getIssuedAt().plusSeconds(10);
        Await.until("the refresh token expired", Duration.ofSeconds(40),
                () -> Instant.now().isAfter(refreshExpiry.plusSeconds(1)));
        completeAsCoordinator(letter, Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        Task signIn = awaitSignInTask(referral);
        assertThat(signIn.getAssignee()).as("waits for the person it acts as").isEqualTo(COORDINATOR_ID);
        assertThat(ersTokens.current(COORDINATOR_ID)).as("the refused refresh deleted the tokens").isEmpty();

        // Signing in again (the task form's link) carries the referral on by itself.
        driver.get(base + "/oauth2/authorization/cis2");
        new WebDriverWait(driver, Chromium.WAIT, Duration.ofMillis(100))
                .until(d -> Chromium.onSignInPage(d) || d.getCurrentUrl().contains("/camunda/"));
        if (Chromium.onSignInPage(driver)) {
            Chromium.chooseSmartcard(driver, "coordinator");
        }
        awaitTask(referral, TASK_CHOOSE_SLOT);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(signIn.getId()).singleResult().getEndTime())
                .isNotNull();
        assertThat(ersTokens.current(COORDINATOR_ID)).isPresent();
    }

    private String storedAccessToken() {
        OAuth2AuthorizedClient client = storedTokens.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR_ID);
        assertThat(client).as("the person's e-RS tokens are kept").isNotNull();
        return client.getAccessToken().getTokenValue();
    }

    /** As Tasklist completes a task for the signed-in person: with their identity, groups and organisation. */
    private void completeAsCoordinator(Task task, Map<String, Object> variables) {
        identityService.setAuthentication(COORDINATOR_ID, List.of(AccessGroups.COORDINATORS), List.of("R69"));
        try {
            taskService.claim(task.getId(), COORDINATOR_ID);
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Task awaitTask(String referral, String taskKey) {
        Await.until(taskKey, TASK_WAIT, () -> taskService.createTaskQuery().processInstanceId(referral)
                .taskDefinitionKey(taskKey).count() == 1);
        return taskService.createTaskQuery().processInstanceId(referral).taskDefinitionKey(taskKey).singleResult();
    }

    /** The sign-in task lives in the referral's e-RS step (a called process). */
    private Task awaitSignInTask(String referral) {
        Await.until("Sign in to e-RS again", TASK_WAIT, () -> signInTask(referral) != null);
        return signInTask(referral);
    }

    private Task signInTask(String referral) {
        return taskService.createTaskQuery().taskDefinitionKey(TASK_SIGN_IN_AGAIN).list().stream()
                .filter(task -> referral.equals(rootOf(task.getProcessInstanceId()))).findFirst().orElse(null);
    }

    private String rootOf(String processInstanceId) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getRootProcessInstanceId();
    }
}
