package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * What the "My referrals" API and page refuse: another organisation's coordinator sees, cancels and
 * downloads nothing of R69's; analysts and anonymous callers get nothing; a cross-site POST, a
 * reason not in e-RS's list and malformed filters are refused with words naming the field, and
 * nothing changes.
 */
class MyReferralsAttackTest extends LiveReferralTest {

    @Test
    void anotherOrganisationsCoordinatorSeesCancelsAndDownloadsNothing() {
        ProcessInstance referral = start("myref-sep-r69", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\", \"11000\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(referral);
        ProcessInstance running = start("myref-sep-r69-open", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(running, TASK_CHOOSE_SHORTLIST);

        // RXB's coordinator: R69's referrals are not in their list, whatever they search for.
        for (String query : new String[] {"", "q=myref-sep", "q=9912003888", "q=991%20200%203888", "status=finished"}) {
            JsonNode page = app.get("/api/referrals?" + query, "coordinator-b").json();
            page.get("referrals").forEach(row -> {
                assertThat(row.get("organisation").asText()).as(query).isEqualTo("RXB");
                assertThat(row.get("requestId").asText()).as(query).doesNotStartWith("myref-sep");
            });
        }
        assertThat(app.get("/api/referrals/myref-sep-r69/patient-letter", "coordinator-b").status()).isEqualTo(404);
        LiveApplication.Answer cancel = app.post("/api/referrals/myref-sep-r69-open/cancel", "coordinator-b",
                Map.of("reason", "RAISED_IN_ERROR"));
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(cancel.body()).doesNotContain("3888");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(running.getId()).count()).isEqualTo(1);

        // R69's own coordinator does see them.
        assertThat(app.get("/api/referrals?q=myref-sep", "coordinator").json().get("referrals")).hasSize(2);
    }

    @Test
    void analystsAndAnonymousCallersGetNothing() {
        for (String path : new String[] {"/api/referrals", "/api/referrals?q=9912003888", "/api/referrals/cancellation/reasons"}) {
            LiveApplication.Answer analyst = app.get(path, "analyst");
            assertThat(analyst.status()).as(path).isEqualTo(403);
            assertThat(analyst.body()).doesNotContain("3888");
            assertThat(app.get(path, null).status()).as(path).isEqualTo(401);
        }
        // The page: analysts are refused; coordinators get it; an anonymous browser is sent to sign in.
        assertThat(page("analyst", "/my-referrals/").status()).isEqualTo(403);
        LiveApplication.Answer coordinator = page("coordinator", "/my-referrals/");
        assertThat(coordinator.status()).isEqualTo(200);
        assertThat(coordinator.body()).contains("My referrals").contains("my-referrals.js");
        assertThat(page("coordinator", "/my-referrals/my-referrals.js").status()).isEqualTo(200);
        assertThat(page(null, "/my-referrals/").status()).isIn(302, 401);
        assertThat(page(null, "/my-referrals/my-referrals.js").status()).isIn(302, 401);
        // Not a way round the page's filter.
        assertThat(page(null, "/My-Referrals/").status()).isIn(400, 404);
    }

    @Test
    void crossSiteReasonsNotInTheListAndMalformedFiltersAreRefusedAndChangeNothing() {
        ProcessInstance referral = start("myref-attack-cancel", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);

        // Another site's page posting with the coordinator's credentials (a browser adds Origin or Sec-Fetch-Site).
        assertThat(crossSitePost("/api/referrals/myref-attack-cancel/cancel", "Origin", "https://evil.example").status())
                .isEqualTo(403);
        assertThat(crossSitePost("/api/referrals/myref-attack-cancel/cancel", "Sec-Fetch-Site", "cross-site").status())
                .isEqualTo(403);

        LiveApplication.Answer madeUp = app.post("/api/referrals/myref-attack-cancel/cancel", "coordinator",
                Map.of("reason", "BECAUSE_I_SAY_SO"));
        assertThat(madeUp.status()).isEqualTo(400);
        assertThat(madeUp.json().get("detail").asText()).contains("reason must be an e-RS cancellation reason code")
                .doesNotContain("BECAUSE_I_SAY_SO");
        LiveApplication.Answer unknownField = app.post("/api/referrals/myref-attack-cancel/cancel", "coordinator",
                Map.of("reason", "RAISED_IN_ERROR", "processInstanceId", "x"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asText()).contains("processInstanceId");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(referral.getId()).count())
                .as("still running after every refused cancellation").isEqualTo(1);

        assertProblem("status=closed", "status must be 'open' or 'finished'");
        assertProblem("size=0", "size must be between 1 and 100");
        assertProblem("size=100000", "size must be between 1 and 100");
        assertProblem("page=0", "page must be 1 or more");
        assertProblem("page=abc", "page must be a whole number");
        assertProblem("q=" + "x".repeat(101), "q is longer than 100 characters");
        assertProblem("q=a%0Ab", "q must not contain control characters");
        // Wildcards are searched for as they are, not as patterns matching every referral.
        assertThat(app.get("/api/referrals?q=%25", "coordinator").json().get("referrals")).isEmpty();
        assertThat(app.get("/api/referrals?q=_", "coordinator").json().get("referrals")).isEmpty();
    }

    private void assertProblem(String query, String words) {
        LiveApplication.Answer answer = app.get("/api/referrals?" + query, "coordinator");
        assertThat(answer.status()).as(query).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).as(query).contains(words);
    }

    private LiveApplication.Answer crossSitePost(String path, String header, String value) {
        return app.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic("coordinator"))
                .header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"RAISED_IN_ERROR\"}")).build());
    }

    private LiveApplication.Answer page(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return app.send(request.GET().build());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + LiveApplication.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
