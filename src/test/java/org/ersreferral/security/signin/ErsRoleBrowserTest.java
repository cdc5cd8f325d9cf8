package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.Chromium;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The e-RS role a person acts in, chosen in a real browser right after signing in through the
 * simulated NHS CIS2: a person with two referrer roles is asked first and then lands where they
 * were going, and can change the role later from Tasklist's account menu; a person with one role is
 * not asked; e-RS not answering lets them in with a notice. The role page takes only the
 * person's own roles, from their own signed-in session, sent from its own pages.
 */
class ErsRoleBrowserTest extends RunningApplicationTest {

    /** The simulated CIS2 user ids (nhsid_useruid) of the smartcards used here. */
    private static final String COORDINATOR_ID = "555000000101";
    private static final String TWO_ROLES_ID = "555000000105";
    private static final String TASKLIST = "/camunda/app/tasklist/default/";

    private static Chromium chromium;

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ErsRoleChoices choices;
    @Autowired
    ErsProperties ersProperties;

    private WebDriver driver;
    private String base;
    private LiveApplication app;

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
    void signedOutWithNoChoice() {
        driver = chromium.driver();
        base = "http://localhost:" + port;
        app = new LiveApplication(port);
        driver.manage().deleteAllCookies();
        deleteRunningReferrals(runtimeService);
        choices.forget(COORDINATOR_ID);
        choices.forget(TWO_ROLES_ID);
    }

    @AfterEach
    void noFaultLeft() {
        app.delete("/ers-sim/admin/faults", "admin");
    }

    @Test
    void aPersonWithTwoRolesChoosesOneFirstLandsInTasklistAndCanChangeItLater() {
        requirePeopleActInTheirOwnRoles();
        Chromium.signIn(driver, base + TASKLIST, "two-roles");

        // Asked first, with e-RS's roles in words, their organisations, and none chosen yet.
        awaitUrl(base + ErsRolePage.PATH);
        String page = driver.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Select role").contains("Referring Clinician at Organisation R69")
                .contains("Referring Clinician Admin at Other Practice (RXB)");
        assertThat(driver.findElements(By.id("current-role"))).isEmpty();
        driver.findElement(By.id("role-REFERRING_CLINICIAN_ADMIN-RXB")).click();
        driver.findElement(By.id("choose-role")).click();

        // Then on to the page they asked for.
        awaitUrl(base + TASKLIST);
        awaitStartProcessLink();
        assertThat(choices.chosen(TWO_ROLES_ID)).hasValueSatisfying(role -> assertThat(role)
                .extracting(ErsRole::businessFunction, ErsRole::odsCode).containsExactly("REFERRING_CLINICIAN_ADMIN", "RXB"));
        // A referral they start acts in e-RS as them, in the chosen role.
        assertReferralCallsActIn("RXB", "REFERRING_CLINICIAN_ADMIN at RXB");

        // Later: the account menu leads to the role page, which marks the current role.
        driver.findElement(By.cssSelector("li.account > a, .account .dropdown-toggle")).click();
        new WebDriverWait(driver, Chromium.WAIT).until(d -> !d.findElements(By.cssSelector("li.ers-role > a")).isEmpty());
        driver.findElement(By.cssSelector("li.ers-role > a")).click();
        awaitUrl(base + ErsRolePage.PATH);
        assertThat(driver.findElement(By.id("current-role")).findElement(By.xpath("..")).getText())
                .contains("Referring Clinician Admin at Other Practice (RXB)");
        assertThat(driver.findElement(By.id("role-REFERRING_CLINICIAN_ADMIN-RXB")).isSelected()).isTrue();
        driver.findElement(By.id("role-REFERRING_CLINICIAN-R69")).click();
        driver.findElement(By.id("choose-role")).click();
        awaitUrl(base + "/camunda/app/tasklist/");
        assertThat(choices.chosen(TWO_ROLES_ID)).hasValueSatisfying(role -> assertThat(role)
                .extracting(ErsRole::businessFunction, ErsRole::odsCode).containsExactly("REFERRING_CLINICIAN", "R69"));
        assertReferralCallsActIn("R69", "REFERRING_CLINICIAN at R69");

        // The choice is kept across sign-ins: signed out and in again, not asked.
        Chromium.signOut(driver, base);
        Chromium.signIn(driver, base + TASKLIST, "two-roles");
        awaitUrl(base + TASKLIST);
        awaitStartProcessLink();
        assertThat(choices.chosen(TWO_ROLES_ID)).hasValueSatisfying(role -> assertThat(role.odsCode()).isEqualTo("R69"));
    }

    @Test
    void aPersonWithOneRoleIsNotAskedAndActsInIt() {
        requirePeopleActInTheirOwnRoles();
        Chromium.signIn(driver, base + TASKLIST, "coordinator");

        awaitUrl(base + TASKLIST);
        awaitStartProcessLink();
        assertThat(choices.chosen(COORDINATOR_ID)).hasValueSatisfying(role -> assertThat(role)
                .extracting(ErsRole::businessFunction, ErsRole::odsCode).containsExactly("REFERRING_CLINICIAN_ADMIN", "R69"));
    }

    @Test
    void eRsNotAnsweringAtSignInLetsThePersonInWithANotice() {
        requirePeopleActInTheirOwnRoles();
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A030", "status", 503, "times", 2,
                "delayMs", 0)).status()).isBetween(200, 204);

        Chromium.signIn(driver, base + TASKLIST, "coordinator");

        awaitUrl(base + ErsRolePage.PATH);
        assertThat(driver.findElement(By.id("ers-unavailable")).getText()).contains("e-RS did not answer");
        driver.findElement(By.id("carry-on")).click();
        awaitUrl(base + TASKLIST);
        awaitStartProcessLink();
        assertThat(choices.chosen(COORDINATOR_ID)).isEmpty();
    }

    @Test
    void choosingARoleWithoutASessionChoosesNothing() throws Exception {
        HttpResponse<String> anonymous = post("role=REFERRING_CLINICIAN_ADMIN%40RXB", Map.of());

        assertThat(anonymous.statusCode()).isIn(302, 401, 403);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).doesNotContain("tasklist");
        assertThat(choices.chosen(TWO_ROLES_ID)).isEmpty();
    }

    @Test
    void aRoleThatIsNotThePersonsOwnIsRefusedNamingTheField() {
        requirePeopleActInTheirOwnRoles();
        Chromium.signIn(driver, base + TASKLIST, "two-roles");
        awaitUrl(base + ErsRolePage.PATH);

        // Roles e-RS does not give this person, and no role at all, sent from the page itself.
        for (String body : new String[] {"role=REFERRING_CLINICIAN%40RXB", "role=SERVICE_PROVIDER_ADMIN%40R69",
                "role=REFERRING_CLINICIAN_ADMIN", "role=", ""}) {
            Map<?, ?> answer = fetchPost(body);
            assertThat(((Number) answer.get("status")).intValue()).as(body).isEqualTo(400);
            assertThat((String) answer.get("text")).as(body).contains("Field 'role'");
        }
        assertThat(choices.chosen(TWO_ROLES_ID)).isEmpty();
    }

    @Test
    void aCrossSiteFormCannotChooseARoleInTheSignedInSession() throws Exception {
        requirePeopleActInTheirOwnRoles();
        Chromium.signIn(driver, base + TASKLIST, "two-roles");
        awaitUrl(base + ErsRolePage.PATH);
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));

        HttpResponse<String> crossSite = post("role=REFERRING_CLINICIAN_ADMIN%40RXB", Map.of("Cookie", cookies,
                "Origin", "https://attacker.example", "Sec-Fetch-Site", "cross-site"));

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(choices.chosen(TWO_ROLES_ID)).isEmpty();
        // The same session's own page still may.
        assertThat(((Number) fetchPost("role=REFERRING_CLINICIAN_ADMIN%40RXB").get("status")).intValue()).isEqualTo(200);
        assertThat(choices.chosen(TWO_ROLES_ID)).isPresent();
    }

    /** The shared application calls e-RS as people: the other modes are covered by ErsRoleAtSignInTest. */
    private void requirePeopleActInTheirOwnRoles() {
        assertThat(ersProperties.authOrDefault().effectiveMode()).isEqualTo(ErsProperties.AUTH_CIS2);
    }

    /**
     * Starts a referral in {@code organisation} from the signed-in page (as its scripts would) and waits
     * for its service search (A010) at the simulator: made as this person, in exactly {@code role}.
     */
    private void assertReferralCallsActIn(String organisation, String role) {
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
        Object status = Chromium.startReferralFromPage(driver, Map.of("requestId", "role-" + organisation + "-" + System.nanoTime(),
                "nhsNumber", "9912003888", "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT",
                "organisation", organisation));
        assertThat(status).isEqualTo(201L);
        Await.until("the referral's service search at e-RS", Chromium.WAIT,
                () -> app.get("/ers-sim/admin/calls/roles", "admin").json().has("A010"));
        assertThat(app.get("/ers-sim/admin/calls/roles", "admin").json().get("A010").toString())
                .isEqualTo("[\"" + role + "\"]");
        assertThat(app.get("/ers-sim/admin/calls/callers", "admin").json().get("A010").toString())
                .isEqualTo("[\"" + TWO_ROLES_ID + "\"]");
        deleteRunningReferrals(runtimeService);
    }

    private void awaitUrl(String prefix) {
        new WebDriverWait(driver, Chromium.WAIT).until(d -> d.getCurrentUrl().startsWith(prefix));
    }

    private void awaitStartProcessLink() {
        new WebDriverWait(driver, Chromium.WAIT).until(d -> !d.findElements(
                By.xpath("//a[contains(normalize-space(.),'Start process')]")).isEmpty());
    }

    /** A form POST to the role page from the page itself (same origin), following the redirect as a browser does. */
    private Map<?, ?> fetchPost(String body) {
        return (Map<?, ?>) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('" + ErsRolePage.PATH + "', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded',"
                        + " Accept: 'text/html'}, body: arguments[0]})"
                        + ".then(r => r.text().then(t => done({status: r.status, text: t})), e => done({status: -1, text: String(e)}));",
                body);
    }

    private HttpResponse<String> post(String form, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ErsRolePage.PATH)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
