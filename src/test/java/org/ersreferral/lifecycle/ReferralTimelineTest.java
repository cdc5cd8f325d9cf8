package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.process.FollowUp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A referral's timeline as an analyst reads it: a referral started and booked by a coordinator through the
 * engine's REST API, after a service search that kept failing with 503 until its job became an
 * incident, which an administrator resolved by giving the job a retry.
 */
class ReferralTimelineTest extends LiveReferralTest {

    /** Calls are slow on a busy machine; the client's short test timeout would add retries this test is not about. */
    @DynamicPropertySource
    static void patientClient(DynamicPropertyRegistry registry) {
        registry.add("ers.read-timeout", () -> "20s");
    }

    @Autowired
    ManagementService managementService;

    @Test
    void aBookedReferralShowsEveryStepWhoDidItItsErsCallsTheResolvedIncidentAndTheOutcome() {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 503, "times", 20,
                "delayMs", 0)).status()).isBetween(200, 204);
        ProcessInstance referral = start("timeline-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        Incident incident = failUntilIncident(referral);
        assertThat(app.delete("/ers-sim/admin/faults", "admin").status()).isBetween(200, 204);
        LiveApplication.Answer retried = app.put("/engine-rest/job/" + incident.getConfiguration() + "/retries", "admin",
                Map.of("retries", 1));
        assertThat(retried.status()).as(retried.body()).isEqualTo(204);
        managementService.setJobDuedate(incident.getConfiguration(), new Date());

        completeAsCoordinator(awaitTask(referral, TASK_CHOOSE_SHORTLIST), Map.of(
                "shortlist", Map.of("value", "[\"11002\"]", "type", "Json"), "bookServiceId", Map.of("value", "11002")));
        completeAsCoordinator(awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER), Map.of(
                "attachLater", Map.of("value", true, "type", "Boolean")));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        completeAsCoordinator(slotTask, Map.of("slotId", Map.of("value", firstSlot(referral))));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        // Sent: its follow-up reads the appointment, then waits; the timeline goes on with it.
        await("the follow-up of timeline-1 waiting for the appointment", () -> {
            ProcessInstance followUp = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey("timeline-1").singleResult();
            return followUp != null && runtimeService.getActiveActivityIds(followUp.getId()).contains(FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        }, referral);
        String followUpId = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKey("timeline-1").singleResult().getId();

        LiveApplication.Answer answer = app.get("/api/referrals/timeline-1/timeline", "analyst");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(NHS_NUMBER);
        JsonNode timeline = answer.json();
        assertThat(timeline.get("requestId").asText()).isEqualTo("timeline-1");
        assertThat(timeline.get("processInstanceId").asText()).isEqualTo(referral.getId());
        assertThat(timeline.get("ubrn").asText()).isEqualTo(onlyReferral().get("ubrn").asText());
        assertThat(timeline.get("nhsNumber").asText()).isEqualTo("*** *** 3888");
        assertThat(timeline.get("specialty").asText()).isEqualTo("CARDIOLOGY");
        assertThat(timeline.get("priority").asText()).isEqualTo("URGENT");
        assertThat(timeline.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(timeline.get("outcome").asText()).isEqualTo("BOOKED");
        Instant requestedAt = Instant.parse(timeline.get("requestedAt").asText());
        Instant completedAt = Instant.parse(timeline.get("completedAt").asText());

        List<JsonNode> all = new ArrayList<>();
        timeline.get("entries").forEach(all::add);
        assertThat(all).extracting(entry -> Instant.parse(entry.get("time").asText())).isSorted()
                .allSatisfy(time -> assertThat(time).isAfter(requestedAt.minusSeconds(1)));
        // Sending, up to the outcome; then the follow-up's story.
        List<JsonNode> entries = all.stream().filter(entry -> !Instant.parse(entry.get("time").asText()).isAfter(completedAt)).toList();
        List<JsonNode> followed = all.stream().filter(entry -> Instant.parse(entry.get("time").asText()).isAfter(completedAt)).toList();
        assertThat(followed).filteredOn(entry -> "ERS_STATE".equals(entry.get("type").asText()))
                .extracting(entry -> entry.get("status").asText()).containsExactly("BOOKED");
        assertThat(followed).filteredOn(entry -> entry.get("type").asText().matches("ACTIVITY|USER_TASK"))
                .extracting(entry -> entry.get("activityId").asText()).contains(FollowUp.START_REFERRAL_SENT, FollowUp.TASK_READ_APPOINTMENT);
        // The referral as e-RS has it now (A005), then its appointment (A038).
        assertThat(followed).filteredOn(entry -> "ERS_CALL".equals(entry.get("type").asText()))
                .extracting(call -> call.get("operation").asText()).containsExactly("A005", "A038");
        assertThat(followed).filteredOn(entry -> "ERS_CALL".equals(entry.get("type").asText())).allSatisfy(call ->
                assertThat(call.get("correlationId").asText()).startsWith(followUpId + ":" + FollowUp.TASK_READ_APPOINTMENT + ":"));

        assertThat(entries).filteredOn(entry -> entry.get("type").asText().matches("ACTIVITY|USER_TASK"))
                .extracting(entry -> entry.get("activityId").asText()).containsExactly(
                        // The gateways are not kept at history level referral: the next activity shows the way taken.
                        START_REFERRAL_REQUESTED, TASK_ESTABLISH_ERS_CONTEXT, TASK_LOAD_REFERENCE_DATA,
                        TASK_SEARCH_SERVICES, TASK_CHOOSE_SHORTLIST, TASK_CREATE_REFERRAL,
                        TASK_ATTACH_REFERRAL_LETTER, TASK_RETRIEVE_SLOTS, TASK_CHOOSE_SLOT,
                        TASK_BOOK_APPOINTMENT, TASK_GENERATE_PATIENT_LETTER, TASK_RETRIEVE_REFERRAL_STATE,
                        END_APPOINTMENT_BOOKED);
        assertThat(entries).filteredOn(entry -> "ACTIVITY".equals(entry.get("type").asText()))
                .allSatisfy(step -> assertThat(step.get("endTime").isNull()).isFalse())
                .filteredOn(step -> TASK_CREATE_REFERRAL.equals(step.get("activityId").asText()))
                .singleElement().satisfies(step -> assertThat(step.get("name").asText()).isEqualTo("Create referral"));

        List<JsonNode> userTasks = entries.stream().filter(entry -> "USER_TASK".equals(entry.get("type").asText())).toList();
        assertThat(userTasks).extracting(task -> task.get("name").asText())
                .containsExactly("Choose shortlist", "Attach referral letter", "Choose appointment slot");
        assertThat(userTasks).allSatisfy(task -> {
            assertThat(task.get("completedBy").asText()).isEqualTo("coordinator");
            assertThat(task.get("durationMs").asLong()).isNotNegative();
            assertThat(Instant.parse(task.get("endTime").asText())).isAfterOrEqualTo(Instant.parse(task.get("time").asText()));
        });

        // Started and worked by one person: the referral acted as them from the start, and only that is said.
        assertThat(entries).filteredOn(entry -> "ACTING_USER".equals(entry.get("type").asText()))
                .singleElement().satisfies(acting -> {
                    assertThat(acting.get("userId").asText()).isEqualTo("coordinator");
                    assertThat(acting.get("name").asText()).isEqualTo("e-RS calls act as coordinator");
                    assertThat(Instant.parse(acting.get("time").asText())).isBefore(Instant.parse(userTasks.get(0).get("time").asText()));
                });

        List<JsonNode> calls = entries.stream().filter(entry -> "ERS_CALL".equals(entry.get("type").asText())).toList();
        List<JsonNode> searches = calls.stream().filter(call -> "A010".equals(call.get("operation").asText())).toList();
        int failedSearches = searches.size() - 1;
        assertThat(failedSearches).as("A010 calls before the incident").isEqualTo(4);
        for (int i = 0; i < searches.size(); i++) {
            JsonNode search = searches.get(i);
            assertThat(search.get("attempt").asInt()).isEqualTo(i + 1);
            assertThat(search.get("httpStatus").asInt()).isEqualTo(i < failedSearches ? 503 : 200);
            assertThat(search.get("activityId").asText()).isEqualTo(TASK_SEARCH_SERVICES);
            assertThat(search.get("name").asText()).isEqualTo("Search for services");
            assertThat(search.get("method").asText()).isEqualTo("POST");
        }
        assertThat(calls).extracting(call -> call.get("operation").asText()).containsSubsequence(
                "A030", "A010", "A010", "A010", "A010", "A010", "A011", "A015", "A016", "A019", "A005");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.get("correlationId").asText()).startsWith(referral.getId() + ":" + call.get("activityId").asText() + ":");
            // A call without an answer (status 0) names its failure; one with an answer has none.
            assertThat(call.get("failure").isNull()).isEqualTo(call.get("httpStatus").asInt() != 0);
        });
        assertThat(calls).extracting(call -> call.get("correlationId").asText()).doesNotHaveDuplicates();
        assertThat(calls).filteredOn(call -> call.get("operation").asText().matches("A011|A016"))
                .extracting(call -> call.get("operation").asText() + " " + call.get("activityId").asText() + " "
                        + call.get("httpStatus").asInt() + " " + call.get("attempt").asInt())
                .containsExactly("A011 Task_CreateReferral 201 1", "A016 Task_BookAppointment 201 1");

        JsonNode incidentEntry = entries.stream().filter(entry -> "INCIDENT".equals(entry.get("type").asText()))
                .reduce((a, b) -> { throw new AssertionError("more than one incident"); }).orElseThrow();
        assertThat(incidentEntry.get("activityId").asText()).isEqualTo(TASK_SEARCH_SERVICES);
        assertThat(incidentEntry.get("name").asText()).isEqualTo("Search e-RS services");
        assertThat(incidentEntry.get("incidentType").asText()).isEqualTo("failedJob");
        assertThat(incidentEntry.get("message").asText()).contains("A010").contains("503");
        assertThat(incidentEntry.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(incidentEntry.get("resolvedBy").asText()).isEqualTo("admin");
        assertThat(Instant.parse(incidentEntry.get("endTime").asText())).isAfter(Instant.parse(incidentEntry.get("time").asText()));
        // The incident comes after the last failed search and before the search that worked.
        assertThat(entries.indexOf(incidentEntry)).isGreaterThan(entries.indexOf(searches.get(failedSearches - 1)))
                .isLessThan(entries.indexOf(searches.get(failedSearches)));

        JsonNode last = entries.get(entries.size() - 1);
        assertThat(last.toString()).isEqualTo("{\"time\":\"" + timeline.get("completedAt").asText()
                + "\",\"type\":\"OUTCOME\",\"outcome\":\"BOOKED\",\"name\":\"Appointment booked\"}");

        // Analysts and administrators read timelines; coordinators keep the rest of the referral API.
        assertThat(app.get("/api/referrals/timeline-1/timeline", "admin").status()).isEqualTo(200);
        assertThat(app.get("/api/referrals/timeline-1/timeline", "coordinator").status()).isEqualTo(403);
        assertThat(app.get("/api/referrals/timeline-1/timeline", null).status()).isEqualTo(401);
        assertThat(app.get("/api/referrals/timeline-1", "coordinator").status()).isEqualTo(200);
        assertThat(app.get("/api/referrals/timeline-1", "analyst").status()).isEqualTo(403);
    }

    @Test
    void anUnknownReferralHasNoTimeline() {
        LiveApplication.Answer answer = app.get("/api/referrals/no-such-referral/timeline", "analyst");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("message").asText()).isEqualTo("No referral with request id 'no-such-referral'");
        assertThat(app.get("/api/referrals/no-such-referral/timeline", "coordinator").status()).isEqualTo(403);
        // A path parameter is no way round the group rule: such a path is refused before any rule is read.
        assertThat(app.get("/api/referrals/no-such-referral/timeline;x=1", "coordinator").status()).isEqualTo(400);
    }

    /** Runs each retry of the failing job at once, as the back-off would later, until the job is out of retries. */
    private Incident failUntilIncident(ProcessInstance referral) {
        Incident[] incident = new Incident[1];
        await("an incident", () -> {
            // The referral's incident is the copy of the one in the ers-step instance whose job failed: that one names the job.
            Incident onReferral = runtimeService.createIncidentQuery().processInstanceId(referral.getId()).singleResult();
            if (onReferral != null) {
                incident[0] = runtimeService.createIncidentQuery().incidentId(onReferral.getRootCauseIncidentId()).singleResult();
                return true;
            }
            for (Job waiting : runtimeService.createProcessInstanceQuery().superProcessInstanceId(referral.getId()).list().stream()
                    .flatMap(step -> managementService.createJobQuery().processInstanceId(step.getId()).withException()
                            .withRetriesLeft().list().stream()).toList()) {
                if (waiting.getDuedate() != null && waiting.getDuedate().after(new Date())) {
                    managementService.setJobDuedate(waiting.getId(), new Date());
                }
            }
            return false;
        }, referral);
        return incident[0];
    }

    private void completeAsCoordinator(Task task, Map<String, Object> variables) {
        LiveApplication.Answer done = app.post("/engine-rest/task/" + task.getId() + "/complete", "coordinator",
                Map.of("variables", variables));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }
}
