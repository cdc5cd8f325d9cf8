package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyst page in headless Chromium over the real application and its embedded e-RS: a batch
 * of referrals driven to five different outcomes through the GP API and the engine's REST API (as
 * a GP system and Tasklist would), then read back as the analyst sees it, in the charts' text
 * alternatives and a referral's timeline.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:analytics-page;DB_CLOSE_DELAY=-1",
        "ers.read-timeout=3s"})
class AnalyticsPageBrowserTest {

    static final int PORT = LiveApplication.freePort();
    static final String NHS_NUMBER = "9912003888";
    static final String MASKED_NHS_NUMBER = "*** *** 3888";
    static final Duration SETTLE = Duration.ofSeconds(45);

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    final LiveApplication app = new LiveApplication(PORT);
    static final String PROVIDERS_COMMENTS = "Please try the community clinic first.";

    @Autowired
    JdbcTemplate jdbc;

    /** A state the referral's follow-up saw, now (after its sending), as {@code ersStatesSeen} records it. */
    private void ersState(String requestId, String status, String reasonCode, String reason, String comments, String serviceId) {
        jdbc.update("INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, reason_code,"
                        + " reason_display, comments, service_id, seen_by) VALUES (?, ?, 'R69', ?, ?, ?, ?, ?, ?, 'Event_ErsReferralChanged')",
                "follow-up-" + requestId, requestId, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), status, reasonCode, reason,
                comments, serviceId);
    }

    @Test
    void anAnalystReadsTheBatchInTheChartsAndOpensAReferralsTimeline() {
        Chromium.require();
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);

        // Booked twice; deferred (no free slots); triage, whose service search failed once and was
        // retried by an administrator after it became an incident; the patient books, twice, one after
        // e-RS refused the create and the coordinator tried again; search abandoned; one still open.
        book("analytics-booked-1");
        book("analytics-booked-2");
        String deferred = start("analytics-deferred-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(deferred, "Task_ChooseShortlist", Map.of("shortlist", json("[\"11021\"]"), "bookServiceId", string("11021")));
        complete(deferred, "Task_AttachReferralLetter", Map.of("attachLater", bool(true)));
        awaitOutcome("analytics-deferred-1", "DEFERRED_TO_PROVIDER");
        triageAfterAnIncident("analytics-triage-1");
        patientBooks("analytics-patient-1", false);
        patientBooks("analytics-patient-2", true);
        String abandoned = start("analytics-abandon-1", "ROUTINE", "ALLERGY", null);
        complete(abandoned, "Task_RefineSearch", Map.of("abandonSearch", bool(true)));
        awaitOutcome("analytics-abandon-1", "SEARCH_ABANDONED");
        String open = start("analytics-open-1", "URGENT", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(open, "Task_ChooseShortlist");
        // What two of them went through in e-RS after sending, as their follow-ups record it.
        ersState("analytics-booked-1", "BOOKED", null, null, null, "11002");
        ersState("analytics-deferred-1", "DEFERRED_TO_PROVIDER", null, null, null, "11021");
        ersState("analytics-deferred-1", "REJECTED", "CLINICAL", "Clinically inappropriate", PROVIDERS_COMMENTS, "11021");

        try (AnalystBrowser browser = AnalystBrowser.open(1400, 1000)) {
            browser.signInAs("analyst", PORT, "/analytics");
            browser.until("the figures to load", d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);
            // Every call the page made was authorised: no message, and the figures are there.
            assertThat(browser.script("return document.body.getAttribute('data-loaded');")).as(browser.bodyText()).isEqualTo("ok");
            assertThat(browser.currentUrl()).endsWith("/analytics/");
            assertThat(browser.script("return document.getElementById('page-message').hidden;")).isEqualTo(true);

            assertThat(browser.bodyText()).contains("Requested\n8").contains("Finished\n7").contains("In progress\n1");
            assertThat(browser.chartText("outcomes-chart")).isEqualTo("How referrals ended: 7 finished referrals: "
                    + "Awaiting patient booking: 2; Appointment booked: 2; Booking deferred to provider: 1; Search abandoned: 1; "
                    + "Sent for triage: 1. 1 still in progress.");
            assertThat(browser.chartAccessibleText("outcomes-chart")).startsWith("How referrals ended | 7 finished referrals");
            assertThat(browser.chartText("buckets-chart")).startsWith("Time from request to outcome: 7 finished referrals by "
                    + "time taken: under 5 min: 7; 5-30 min: 0; 30 min-2 h: 0; 2-8 h: 0; 8-24 h: 0; 1-3 days: 0; 3-7 days: 0; "
                    + "over 7 days: 0. Half finished within ");
            assertThat(browser.chartText("per-day-chart")).startsWith("Referrals per day: Over 30 days, 8 requested and 7 finished.");
            assertThat(browser.chartText("tasks-chart")).contains("Choose shortlist (6 times): half within ")
                    .contains("Attach referral letter (6 times)").contains("Choose appointment slot (2 times)")
                    .contains("Resolve e-RS rejection (1 time)").contains("Refine the service search (1 time)");
            assertThat(browser.chartText("operations-chart")).contains("A011 Create referral (7 calls)");
            // The follow-ups record the state at sending of every sent referral too: the counts of those are theirs.
            assertThat(browser.chartText("appointment-chart")).startsWith("Time from sending to the first appointment: ")
                    .containsPattern("\\d+ referrals? had a first appointment booked, \\d+ not yet\\. By time from sending: "
                            + "under 1 day: [1-9]\\d*; 1-7 days: 0; 1-2 weeks: 0; 2-4 weeks: 0; 4-8 weeks: 0; over 8 weeks: 0\\. Half within ");
            assertThat(browser.chartText("returns-chart")).startsWith("Handed back, by state and reason: Of ")
                    .containsPattern("followed, 1 \\(\\d+ %\\) handed back at least once\\. ")
                    .endsWith("Returned by the provider: Clinically inappropriate: 1.");
            // The service by the name e-RS's search gave it when the referral was sent, with its id.
            assertThat(browser.visible(By.id("services-table")).getText())
                    .contains("Cardiology Business Service - No Slots (11021) 1 1 100 %");
            assertThat(browser.visible(By.id("chasers")).getText()).contains("raised").contains("resolved");
            assertThat(browser.pageSource()).doesNotContain(PROVIDERS_COMMENTS);
            assertThat(browser.chartText("errors-chart")).contains("A010 Search for services: 1 of 9 calls failed (11 %), 1 repeat;")
                    .contains("A011 Create referral: 1 of 7 calls failed (14 %), 1 repeat;")
                    .contains("A016 Book or defer appointment: 0 of 4 calls failed (0 %), 0 repeats");
            // The download link works with the page's sign-in: every referral of the range, no NHS number.
            assertThat(browser.visible(By.id("csv-link")).getAttribute("href")).contains("/api/analytics/referrals.csv?from=");
            String download = (String) browser.script("return fetch(new URL(document.getElementById('csv-link').getAttribute('href'), location.origin))"
                    + ".then(function (r) {"
                    + " return r.text().then(function (text) { return r.status + ' ' + r.headers.get('Content-Type') + '\\n' + text; }); });");
            assertThat(download).startsWith("200 text/csv");
            String rows = download.substring(download.indexOf('\n') + 1);
            assertThat(rows.lines()).hasSize(9).first().asString()
                    .isEqualTo("request_id,ubrn,specialty,priority,status,outcome,requested_at,completed_at,request_to_outcome_seconds");
            assertThat(rows).contains("analytics-booked-1,").doesNotContain(NHS_NUMBER);
            assertThat(browser.pageSource()).doesNotContain(NHS_NUMBER);
            // The specialty choice offers the specialties that occur in the range.
            browser.until("the specialties of the range", d -> browser.optionLabels(By.id("specialty")).size() == 3);
            assertThat(browser.optionLabels(By.id("specialty"))).containsExactly("All specialties", "Allergy", "Cardiology");
            browser.screenshot("analytics-page");

            browser.resize(420, 900);
            browser.until("the charts to be drawn for a phone's width", d -> ((Number) browser.script(
                    "return document.querySelector('#outcomes-chart svg').viewBox.baseVal.width;")).intValue() <= 420);
            browser.screenshot("analytics-page-narrow");
            browser.resize(1400, 1000);

            // Filters: one specialty; a priority with no referrals; days the wrong way round.
            browser.select(By.id("specialty"), "Allergy");
            browser.click(By.cssSelector("#filters button[type='submit']"));
            browser.until("the allergy figures", d -> browser.chartText("outcomes-chart") != null
                    && browser.chartText("outcomes-chart").startsWith("How referrals ended: 1 finished referral: Search abandoned: 1."));
            assertThat(browser.currentUrl()).contains("specialty=ALLERGY");
            browser.select(By.id("specialty"), "All specialties");
            browser.select(By.id("priority"), "Two-week wait");
            browser.click(By.cssSelector("#filters button[type='submit']"));
            browser.awaitText(By.id("outcomes-chart"), "No referrals were requested in these dates with these filters.");
            browser.awaitText(By.id("errors-chart"), "No e-RS call was made for these referrals.");
            browser.screenshot("analytics-page-empty");
            browser.select(By.id("priority"), "All priorities");
            browser.script("document.getElementById('from').value = arguments[0];", java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .plusDays(1).toString());
            browser.click(By.cssSelector("#filters button[type='submit']"));
            browser.awaitText(By.id("page-message"), "The first day comes after the last day.");
            browser.script("document.getElementById('from').value = '';");
            browser.click(By.cssSelector("#filters button[type='submit']"));
            browser.until("the whole range again", d -> String.valueOf(browser.chartText("outcomes-chart"))
                    .startsWith("How referrals ended: 7 finished referrals:"));
            assertThat(browser.script("return document.getElementById('page-message').hidden;")).isEqualTo(true);

            // Search by the start of a request id, open the timeline of the referral e-RS refused once.
            browser.type(By.id("q"), "analytics-pat");
            browser.click(By.cssSelector("#search button[type='submit']"));
            browser.awaitText(By.id("search-results"), "2 referrals found for “analytics-pat”");
            browser.click(By.xpath("//*[@id='search-results']//a[normalize-space(.)='analytics-patient-2']"));
            browser.awaitText(By.id("timeline"), "What happened, in order");
            String timeline = browser.visible(By.id("timeline")).getText();
            assertThat(timeline).contains("NHS number\n" + MASKED_NHS_NUMBER).contains("Outcome\nAwaiting patient booking")
                    .contains("Choose shortlist").contains("Done by coordinator").contains("Resolve e-RS rejection")
                    .contains("A011 Create referral").contains("answered 422 Refused by e-RS rules")
                    .contains("Repeat: attempt 2 at this step").contains("Correlation id: ")
                    .contains("OUTCOME Awaiting patient booking").contains("ACTING USER e-RS calls act as coordinator");
            assertThat(browser.pageSource()).doesNotContain(NHS_NUMBER);
            browser.screenshot("analytics-timeline");

            // Back, and by UBRN: the triage referral, whose incident was resolved by the administrator.
            browser.click(By.id("back-link"));
            // Typed as people read it, in groups, and shown so.
            String ubrn = app.get("/api/referrals/analytics-triage-1", "coordinator").json().get("ubrn").asText()
                    .replaceAll("(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3");
            browser.type(By.id("q"), ubrn);
            browser.click(By.cssSelector("#search button[type='submit']"));
            browser.awaitText(By.id("search-results"), "1 referral found for “" + ubrn + "”");
            assertThat(browser.visible(By.id("search-results")).getText()).contains(ubrn);
            browser.click(By.cssSelector("#search-results a.timeline-link"));
            browser.awaitText(By.id("timeline"), "What happened, in order");
            assertThat(browser.visible(By.id("timeline")).getText()).contains("UBRN (e-RS referral id)\n" + ubrn)
                    .contains("PROBLEM at “Search e-RS services”").contains("Resolved by admin")
                    .contains("answered 503 e-RS unavailable").contains("OUTCOME Sent for triage");
            browser.screenshot("analytics-timeline-incident");

            // The deferred referral, handed back by the provider: every e-RS state it passed, in words.
            browser.click(By.id("back-link"));
            browser.type(By.id("q"), "analytics-deferred");
            browser.click(By.cssSelector("#search button[type='submit']"));
            browser.awaitText(By.id("search-results"), "1 referral found for “analytics-deferred”");
            browser.click(By.cssSelector("#search-results a.timeline-link"));
            browser.awaitText(By.id("timeline"), "What happened, in order");
            assertThat(browser.visible(By.id("timeline")).getText()).contains("IN E-RS Booking deferred to the provider")
                    .contains("IN E-RS Returned by the provider").contains("Reason: Clinically inappropriate")
                    .contains("The provider’s comments: " + PROVIDERS_COMMENTS);
            browser.screenshot("analytics-timeline-ers-states");
        }
    }

    /**
     * A service name carrying markup, as a forged or broken e-RS answer could give it; run, it would set {@code window.__xss}.
     * The tests' browser loads no images, so an image's onerror never fires there: an open details element's ontoggle
     * runs whenever the markup is parsed into the page, also after it has loaded.
     */
    static final String MARKUP_SERVICE_NAME = "<img src=x onerror=\"window.__xss=1\">"
            + "<details open ontoggle=\"window.__xss=1\">Cardiology</details>";

    @Test
    void aServiceNameCarryingMarkupIsShownAsTextAndNeverRuns() {
        Chromium.require();
        String requestId = "analytics-markup-1";
        Instant now = Instant.now();
        // A referral of today and a state its follow-up saw, with that name, as the application writes them.
        jdbc.update("INSERT INTO referral_record (request_id, process_instance_id, specialty, priority, outcome, status, organisation,"
                        + " created_at, completed_at, version) VALUES (?, ?, 'CARDIOLOGY', 'ROUTINE', 'BOOKED', 'COMPLETED', 'R69', ?, ?, 0)",
                requestId, "referral-" + requestId, now.minusSeconds(60).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC));
        jdbc.update("INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, service_id,"
                        + " service_name, seen_by) VALUES (?, ?, 'R69', ?, 'BOOKED', '99901', ?, 'Event_ErsReferralChanged')",
                "follow-up-" + requestId, requestId, now.atOffset(ZoneOffset.UTC), MARKUP_SERVICE_NAME);
        try (AnalystBrowser browser = AnalystBrowser.open(1400, 1000)) {
            browser.signInAs("analyst", PORT, "/analytics");
            browser.until("the figures to load", d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);
            assertThat(browser.visible(By.id("services-table")).getText()).contains(MARKUP_SERVICE_NAME + " (99901)");
            assertThat(browser.script("return document.querySelectorAll('#services-table img').length;")).isEqualTo(0L);
            // The same markup parsed into the page as HTML does run in this browser: the check below can catch it.
            browser.script("const probe = document.createElement('div'); probe.hidden = true; probe.innerHTML = arguments[0];"
                    + " document.body.appendChild(probe);", MARKUP_SERVICE_NAME.replace("__xss", "__xssParsed"));
            browser.until("markup parsed as HTML to run", d -> Long.valueOf(1).equals(browser.script("return window.__xssParsed;")));
            assertThat(browser.script("return typeof window.__xss;")).isEqualTo("undefined");
        } finally {
            jdbc.update("DELETE FROM ers_state_seen WHERE business_key = ?", requestId);
            jdbc.update("DELETE FROM referral_record WHERE request_id = ?", requestId);
        }
    }

    @Test
    void onlyAnalystsAndAdministratorsMayOpenThePage() {
        assertThat(app.get("/analytics/", null).status()).isEqualTo(401);
        assertThat(app.get("/analytics/analytics.js", null).status()).isEqualTo(401);
        LiveApplication.Answer refused = app.get("/analytics/", "coordinator");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).isEqualTo("You may not do this").doesNotContain("referral-analysts");
        assertThat(app.get("/analytics/charts.js", "coordinator").status()).isEqualTo(403);
        assertThat(app.get("/analytics/", "analyst").body()).contains("<title>Referral analytics");
        assertThat(app.get("/analytics/", "admin").status()).isEqualTo(200);
        // A signed-in coordinator's browser is refused the page too: SignInBrowserTest (this test's role mapping makes analysts).
    }

    // --- driving referrals as a GP system and a coordinator would --------------------------------------

    private void book(String requestId) {
        String referral = start(requestId, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, "Task_ChooseShortlist", Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", string("11002")));
        complete(referral, "Task_AttachReferralLetter", Map.of("attachLater", bool(true)));
        String task = awaitTask(referral, "Task_ChooseSlot");
        JsonNode value = app.get("/engine-rest/task/" + task + "/variables/slots?deserializeValue=false",
                "coordinator").json().get("value");
        JsonNode slots = value.isTextual() ? new LiveApplication.Answer(200, value.asText()).json() : value;
        completeTask(task, Map.of("slotId", string(slots.get(0).get("value").asText())));
        awaitOutcome(requestId, "BOOKED");
    }

    private void patientBooks(String requestId, boolean refusedOnce) {
        if (refusedOnce) {
            fault("A011", 422);
        }
        String referral = start(requestId, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, "Task_ChooseShortlist", Map.of("shortlist", json("[\"51002\"]")));
        if (refusedOnce) {
            // Resolve e-RS rejection is a task of the ers-step instance the create called.
            JsonNode rejection = awaitValue("the refused create of " + requestId, () -> firstInSteps(referral, "coordinator",
                    step -> "/engine-rest/task?processInstanceId=" + step + "&taskDefinitionKey=Task_ResolveRejection"));
            completeTask(rejection.get("id").asText(), Map.of("resolution", string("RETRY")));
        }
        complete(referral, "Task_AttachReferralLetter", Map.of("attachLater", bool(true)));
        awaitOutcome(requestId, "AWAITING_PATIENT_BOOKING");
    }

    /** e-RS unavailable once: the job fails, an administrator stops its retries (an incident), then retries it. */
    private void triageAfterAnIncident(String requestId) {
        fault("A010", 503);
        String referral = start(requestId, "URGENT", "CARDIOLOGY", "CHEST_PAIN");
        // The search's e-RS call is a job of the ers-step instance the step called (earlier steps called others).
        JsonNode failed = awaitValue("the failed service search of " + requestId,
                () -> firstInSteps(referral, "admin", step -> "/engine-rest/job?processInstanceId=" + step + "&withException=true"));
        String job = failed.get("id").asText();
        String step = failed.get("processInstanceId").asText();
        assertThat(app.put("/engine-rest/job/" + job + "/retries", "admin", Map.of("retries", 0)).status()).isEqualTo(204);
        awaitValue("the incident of " + requestId, () -> app.get("/engine-rest/incident?processInstanceId=" + step, "admin")
                .json().isEmpty() ? null : "open");
        assertThat(app.put("/engine-rest/job/" + job + "/retries", "admin", Map.of("retries", 1)).status()).isEqualTo(204);
        LiveApplication.Answer executed = app.post("/engine-rest/job/" + job + "/execute", "admin", "{}");
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);
        complete(referral, "Task_ChooseShortlist", Map.of("shortlist", json("[\"50001\"]")));
        complete(referral, "Task_AttachReferralLetter", Map.of("attachLater", bool(true)));
        awaitOutcome(requestId, "SENT_FOR_TRIAGE");
    }

    private String start(String requestId, String priority, String specialty, String clinicType) {
        Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", priority, "specialty", specialty));
        if (clinicType != null) {
            body.put("clinicType", clinicType);
        }
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("processInstanceId").asText();
    }

    /** Claims the task as the coordinator and completes it over the engine's REST API, as Tasklist does. */
    private void complete(String referral, String taskKey, Map<String, Object> variables) {
        completeTask(awaitTask(referral, taskKey), variables);
    }

    private void completeTask(String taskId, Map<String, Object> variables) {
        LiveApplication.Answer claimed = app.post("/engine-rest/task/" + taskId + "/claim", "coordinator", Map.of("userId", "coordinator"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
        LiveApplication.Answer done = app.post("/engine-rest/task/" + taskId + "/complete", "coordinator", Map.of("variables", variables));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    /**
     * The first item the engine API lists for one of the ers-step instances the referral called
     * (its e-RS steps' jobs, incidents and tasks live there), listed as {@code user}; null while there is none.
     */
    private JsonNode firstInSteps(String referral, String user, Function<String, String> listPathOfStep) {
        for (JsonNode step : app.get("/engine-rest/process-instance?superProcessInstance=" + referral, "admin").json()) {
            JsonNode listed = app.get(listPathOfStep.apply(step.get("id").asText()), user).json();
            if (!listed.isEmpty()) {
                return listed.get(0);
            }
        }
        return null;
    }

    private String awaitTask(String referral, String taskKey) {
        return awaitValue("task " + taskKey + " of " + referral, () -> {
            JsonNode tasks = app.get("/engine-rest/task?processInstanceId=" + referral + "&taskDefinitionKey=" + taskKey,
                    "coordinator").json();
            return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
        });
    }

    private void awaitOutcome(String requestId, String outcome) {
        awaitValue(requestId + " to end " + outcome, () -> {
            JsonNode referral = app.get("/api/referrals/" + requestId, "coordinator").json();
            return "COMPLETED".equals(referral.path("status").asText()) ? referral.path("outcome").asText() : null;
        });
        assertThat(app.get("/api/referrals/" + requestId, "coordinator").json().get("outcome").asText()).isEqualTo(outcome);
    }

    private void fault(String operation, int status) {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", operation, "status", status, "times", 1,
                "delayMs", 0)).status()).isBetween(200, 204);
    }

    private static <T> T awaitValue(String what, Supplier<T> probe) {
        return Await.value(what, SETTLE, () -> java.util.Optional.ofNullable(probe.get()));
    }

    private static Map<String, Object> json(String value) {
        return Map.of("value", value, "type", "Json");
    }

    private static Map<String, Object> string(String value) {
        return Map.of("value", value, "type", "String");
    }

    private static Map<String, Object> bool(boolean value) {
        return Map.of("value", value, "type", "Boolean");
    }
}
