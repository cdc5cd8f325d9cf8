package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.security.AccessGroups;
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.testsupport.Chromium;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People sign in through the simulated NHS CIS2 in a real browser: the Camunda webapps and the
 * analyst page see them with the groups and organisations their roles give (an analyst's sign-in:
 * AnalyticsPageBrowserTest), a person with no role
 * that gives access is refused with a page that says so, and signing out ends the session here and
 * at the provider, so the next protected page asks for sign-in again.
 */
class SignInBrowserTest extends RunningApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The simulated CIS2 user ids (nhsid_useruid) of the smartcards used here. */
    private static final String COORDINATOR_ID = "555000000101";

    private static Chromium chromium;

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    UserErsTokens ersTokens;

    private WebDriver driver;
    private String base;

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

    @BeforeEach
    void signedOut() {
        driver = chromium.driver();
        base = "http://localhost:" + port;
        driver.manage().deleteAllCookies();
        deleteRunningReferrals(runtimeService);
    }

    @Test
    void aCoordinatorLandsInTasklistWithTheCoordinatorsGroupAndSeesTheirOrganisationsTasksOnly() throws Exception {
        ProcessInstance home = startedIn("R69", "sign-in-home-1");
        ProcessInstance other = startedIn("RXB", "sign-in-other-1");
        awaitTask(home);
        awaitTask(other);

        Chromium.signIn(driver, base + "/camunda/app/tasklist/default/", "coordinator");

        assertThat(driver.getCurrentUrl()).startsWith(base + "/camunda/app/tasklist/default/");
        new WebDriverWait(driver, Chromium.WAIT).until(d -> !d.findElements(
                By.xpath("//a[contains(normalize-space(.),'Start process')]")).isEmpty());
        JsonNode me = fetchJson("/camunda/api/admin/auth/user/default");
        assertThat(me.get("userId").asText()).isEqualTo(COORDINATOR_ID);
        assertThat(JSON.convertValue(me.get("authorizedApps"), List.class)).contains("tasklist").doesNotContain("admin", "cockpit");
        // The coordinators' group (the task's candidate group) and the token's organisation (the engine's
        // tenant check): R69's task, not RXB's.
        JsonNode tasks = fetchJson("/camunda/api/engine/engine/default/task?processDefinitionKey=ers-referral");
        List<String> instances = tasks.findValuesAsText("processInstanceId");
        assertThat(instances).contains(home.getId()).doesNotContain(other.getId());
        // Signed in, Tasklist's page keeps Camunda's own content security policy.
        Object policy = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/camunda/app/tasklist/default/').then(r => done(r.headers.get('Content-Security-Policy')), e => done(''));");
        assertThat(String.valueOf(policy)).contains("frame-ancestors 'none'").contains("script-src");
    }

    @Test
    void aCoordinatorIsNotLetOntoTheAnalystPage() {
        Chromium.signIn(driver, base + "/analytics", "coordinator");

        assertThat(driver.getPageSource()).contains("403 Forbidden");
    }

    @Test
    void someoneWithNoRoleThatGivesAccessIsRefusedWithAPageThatSaysWhy() {
        Chromium.signIn(driver, base + "/camunda/app/tasklist/default/", "no-role");

        assertThat(driver.getCurrentUrl()).startsWith(base + "/sign-in/refused");
        assertThat(driver.findElement(By.id("no-role")).getText()).contains("None of your NHS CIS2 roles gives access");
        // Not signed in: the webapps still ask for sign-in.
        driver.get(base + "/camunda/app/tasklist/default/");
        new WebDriverWait(driver, Chromium.WAIT).until(Chromium::onSignInPage);
    }

    @Test
    void signingOutFromTasklistEndsTheSessionHereAndAtTheProvider() {
        Chromium.signIn(driver, base + "/camunda/app/tasklist/default/", "coordinator");
        new WebDriverWait(driver, Chromium.WAIT).until(d -> !d.findElements(
                By.xpath("//a[contains(normalize-space(.),'Start process')]")).isEmpty());
        assertThat(ersTokens.current(COORDINATOR_ID)).as("e-RS tokens kept at sign-in").isPresent();

        // Tasklist's own "Log out" leads to the application's sign-out page.
        driver.findElement(By.cssSelector("li.account > a, .account .dropdown-toggle")).click();
        driver.findElement(By.cssSelector("li.logout > a")).click();
        new WebDriverWait(driver, Chromium.WAIT).until(d -> d.getCurrentUrl().startsWith(base + "/logout"));
        driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(driver, Chromium.WAIT).until(d -> d.getCurrentUrl().startsWith(base + "/signed-out"));
        assertThat(ersTokens.current(COORDINATOR_ID)).as("e-RS tokens deleted at sign-out").isEmpty();

        // Back to a protected page: the provider asks again (its session ended too), no silent sign-in.
        driver.get(base + "/camunda/app/tasklist/default/");
        new WebDriverWait(driver, Chromium.WAIT).until(Chromium::onSignInPage);
        assertThat(fetchStatus("/camunda/api/admin/auth/user/default")).isEqualTo(401);
    }

    private JsonNode fetchJson(String path) throws Exception {
        Object body = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {headers: {Accept: 'application/json'}}).then(r => r.text()).then(done, e => done('ERROR ' + e));",
                path);
        return JSON.readTree(String.valueOf(body));
    }

    private long fetchStatus(String path) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {headers: {Accept: 'application/json'}}).then(r => done(r.status), e => done(-1));",
                path);
        return ((Number) status).longValue();
    }

    /** A referral of {@code organisation}, started as a coordinator of it through the Java API. */
    /**
     * Started by that organisation's demo coordinator, whose password sign-in (demo mode) gave them the e-RS
     * sign-in the referral's calls act with.
     */
    private ProcessInstance startedIn(String organisation, String requestId) {
        String starter = "R69".equals(organisation) ? "coordinator" : "coordinator-b";
        assertThat(new LiveApplication(port).get("/api/referrals/none-such", starter).status()).isEqualTo(404);
        identityService.setAuthentication(starter, List.of(AccessGroups.COORDINATORS), List.of(organisation));
        try {
            return runtimeService.startProcessInstanceByKey("ers-referral", requestId, Map.of(
                    "nhsNumber", "9912003888", "priority", "ROUTINE"));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void awaitTask(ProcessInstance referral) {
        org.ersreferral.testsupport.Await.value("a task of " + referral.getBusinessKey(), Duration.ofSeconds(30),
                () -> java.util.Optional.ofNullable(taskService.createTaskQuery().processInstanceId(referral.getId())
                        .list().stream().findFirst().orElse(null)));
    }
}
