package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real application (engine, job executor, Feign client, FHIR) against the embedded e-RS
 * simulator over real HTTP: each outcome driven through the engine API, then checked in the
 * simulator's own records.
 */
class ReferralLifecycleTest extends LiveReferralTest {

    @Test
    void booksAnAppointmentAndTheSimulatorHoldsExactlyThatBooking() throws Exception {
        ProcessInstance referral = start("book-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of(
                "referralLetter1", Variables.fileValue("referral-letter.pdf").file(pdfBytes()).mimeType("application/pdf").create()));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        String slotId = firstSlot(referral);
        taskService.complete(slotTask.getId(), Map.of("slotId", slotId));

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(variable(referral, "outcome")).isEqualTo("BOOKED");

        JsonNode simulated = onlyReferral();
        assertThat(simulated.get("ubrn").asText()).isEqualTo(variable(referral, "ubrn")).matches("\\d{12}");
        assertThat(simulated.get("status").asText()).isEqualTo("BOOKED");
        assertThat(simulated.get("attachmentCount").asInt()).isEqualTo(1);
        assertThat(simulated.get("appointment").get("slotId").asText()).isEqualTo(slotId);
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().get("A011").asInt()).isEqualTo(1);

        String letter = letterText(referral);
        assertThat(letter).containsIgnoringCase("appointment");
    }

    @Test
    void defersToTheProviderWhenTheServiceHasNoFreeSlots() {
        ProcessInstance referral = start("defer-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11021\"]"), "bookServiceId", "11021"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(onlyReferral().get("status").asText()).isIn("DEFERRED_TO_PROVIDER", "BOOKING_DEFERRED");
        assertThat(variable(referral, "deferralReason")).isEqualTo("NO_SLOTS_AT_SERVICE");
    }

    @Test
    void defersWhenTheCoordinatorFindsNoSlotThatSuitsThePatient() {
        ProcessInstance referral = start("coordinator-defers-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        complete(referral, TASK_CHOOSE_SLOT, Map.of("deferToProvider", true, "deferralComment", "Afternoons only"));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
    }

    @Test
    void defersWithoutAskingWhenTheChosenSlotWasTakenMeanwhile() {
        ProcessInstance referral = start("slot-gone-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        // Another booking took the slots meanwhile: the service has none left.
        assertThat(app.put("/ers-sim/admin/services/11002/free-slots", "admin", Map.of("count", 0)).status()).isEqualTo(200);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(variable(referral, "deferralReason")).isEqualTo("SLOT_NOT_AVAILABLE");
        assertThat(onlyReferral().get("status").asText()).isIn("DEFERRED_TO_PROVIDER", "BOOKING_DEFERRED");
    }

    @Test
    void sendsATriageReferralIntoTriage() {
        ProcessInstance referral = start("triage-1", "URGENT", "CARDIOLOGY", "CHEST_PAIN");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);
        JsonNode simulated = onlyReferral();
        assertThat(simulated.get("status").asText()).isNotIn("NOT_BOOKED", "CANCELLED");
        assertThat(simulated.get("shortlist").toString()).contains("50001");
    }

    @Test
    void leavesIndirectlyBookableServicesToThePatient() {
        ProcessInstance referral = start("patient-books-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\", \"11000\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        JsonNode simulated = onlyReferral();
        assertThat(simulated.get("status").asText()).isEqualTo("NOT_BOOKED");
        assertThat(simulated.get("shortlist").toString()).contains("51002").contains("11000");
    }

    @Test
    void cancelsACreatedReferralInErs() {
        ProcessInstance referral = start("cancel-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);

        LiveApplication.Answer cancelled = app.post("/api/referrals/cancel-1/cancel", "coordinator",
                Map.of("reason", "NO_LONGER_REQUIRED"));
        assertThat(cancelled.status()).isEqualTo(202);

        awaitEnd(referral);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(END_REFERRAL_CANCELLED).count()).isEqualTo(1);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
        assertThat(app.get("/api/referrals/cancel-1", "coordinator").json().get("outcome").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aTasklistStartWithoutBusinessKeyIsTrackedByItsInstanceId() {
        ProcessInstance referral = runtimeService.startProcessInstanceByKey(PROCESS_KEY, Map.of("nhsNumber", NHS_NUMBER,
                "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));

        JsonNode state = app.get("/api/referrals/" + referral.getId(), "coordinator").json();
        assertThat(state.get("processInstanceId").asText()).isEqualTo(referral.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(referral.getId()).processDefinitionKey(PROCESS_KEY).count()).isEqualTo(1);
    }

    @Test
    void abandonsWhenNoServiceIsCommissioned() {
        ProcessInstance referral = start("abandon-1", "ROUTINE", "ALLERGY", null);
        complete(referral, TASK_REFINE_SEARCH, Map.of("abandonSearch", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_SEARCH_ABANDONED);
        assertThat(app.get("/ers-sim/admin/referrals", "admin").json()).isEmpty();
    }

    @Test
    void startingTwiceWithOneRequestIdMakesOneReferral() throws Exception {
        Map<String, Object> body = Map.of("requestId", "gp-42", "nhsNumber", NHS_NUMBER, "priority", "ROUTINE",
                "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<LiveApplication.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit((Callable<LiveApplication.Answer>) () -> app.post("/api/referrals", "coordinator", body)));
            }
            List<String> instances = new ArrayList<>();
            int created = 0;
            for (Future<LiveApplication.Answer> answer : answers) {
                LiveApplication.Answer result = answer.get();
                assertThat(result.status()).as(result.body()).isIn(200, 201);
                created += result.status() == 201 ? 1 : 0;
                instances.add(result.json().get("processInstanceId").asText());
            }
            assertThat(created).isEqualTo(1);
            assertThat(instances).containsOnly(instances.get(0));
        } finally {
            callers.shutdownNow();
        }
        assertThat(app.post("/api/referrals", "coordinator", body).status()).isEqualTo(200);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("gp-42").processDefinitionKey(PROCESS_KEY).count()).isEqualTo(1);

        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("gp-42").processDefinitionKey(PROCESS_KEY).singleResult();
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(referral);
        assertThat(app.get("/ers-sim/admin/referrals", "admin").json()).hasSize(1);
        JsonNode state = app.get("/api/referrals/gp-42", "coordinator").json();
        assertThat(state.get("outcome").asText()).isEqualTo("AWAITING_PATIENT_BOOKING");
        assertThat(state.get("ubrn").asText()).isEqualTo(onlyReferral().get("ubrn").asText());
    }

    @Test
    void refusesBadInputWithAClearMessageAndStartsNothing() {
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", Map.of("requestId", "bad-1",
                "nhsNumber", "9912003889", "priority", "SOMETIME", "specialty", "CARDIOLOGY"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("check digit").contains("priority 'SOMETIME' is unknown");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("bad-1").processDefinitionKey(PROCESS_KEY).count()).isZero();
    }

    @Test
    void theEngineRestApiNeedsBasicAuthenticationAndDrivesAReferral() {
        assertThat(app.get("/engine-rest/process-definition", null).status()).isEqualTo(401);
        // Beyond starting and working referrals, /engine-rest is for administrators.
        LiveApplication.Answer listed = app.get("/engine-rest/process-definition", "coordinator");
        assertThat(listed.status()).isEqualTo(403);
        assertThat(listed.body()).contains("You may not do this");
        assertThat(app.get("/engine-rest/process-definition", "admin").status()).isEqualTo(200);
        assertThat(app.get("/engine-rest/process-definition/key/ers-referral", "coordinator").status()).isEqualTo(200);

        Map<String, Object> start = Map.of("businessKey", "rest-1", "variables", Map.of(
                "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                "priority", Map.of("value", "ROUTINE", "type", "String"),
                "specialty", Map.of("value", "CARDIOLOGY", "type", "String"),
                "clinicType", Map.of("value", "HEART_FAILURE", "type", "String")));
        LiveApplication.Answer started = app.post("/engine-rest/process-definition/key/ers-referral/start", "coordinator", start);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instanceId = started.json().get("id").asText();
        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();

        Task shortlist = awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        LiveApplication.Answer refused = app.post("/engine-rest/task/" + shortlist.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("shortlist", Map.of("value", "[\"11004\",\"51002\"]", "type", "Json"))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("triage (RAS) service must be the only service");

        LiveApplication.Answer done = app.post("/engine-rest/task/" + shortlist.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("shortlist", Map.of("value", "[\"51002\"]", "type", "Json"))));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        Task letter = awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);
        assertThat(app.post("/engine-rest/task/" + letter.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("attachLater", Map.of("value", true, "type", "Boolean")))).status()).isEqualTo(204);

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        LiveApplication.Answer duplicate = app.post("/engine-rest/process-definition/key/ers-referral/start", "coordinator", start);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body()).contains("exists already");
    }

    @Test
    void coordinatorsFindTheirWorkInTasklistFilters() {
        ProcessInstance urgent = start("filters-urgent", "URGENT", "CARDIOLOGY", "HEART_FAILURE");
        ProcessInstance routine = start("filters-routine", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(urgent, TASK_CHOOSE_SHORTLIST);
        complete(routine, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(routine, TASK_ATTACH_REFERRAL_LETTER);

        JsonNode filters = app.get("/engine-rest/filter?resourceType=Task", "coordinator").json();
        Map<String, String> ids = new HashMap<>();
        filters.forEach(filter -> ids.put(filter.get("name").asText(), filter.get("id").asText()));
        assertThat(ids).containsKeys("All referral tasks", "Urgent and two-week wait", "Waiting for a letter", "Rejected by e-RS");
        assertThat(filterCount(ids.get("All referral tasks"))).isEqualTo(2);
        assertThat(filterCount(ids.get("Urgent and two-week wait"))).isEqualTo(1);
        assertThat(filterCount(ids.get("Waiting for a letter"))).isEqualTo(1);
        assertThat(filterCount(ids.get("Rejected by e-RS"))).isZero();
    }

    /** The filter's count, narrowed to this test's referrals (other tests leave tasks open in the same engine). */
    private int filterCount(String filterId) {
        return app.post("/engine-rest/filter/" + filterId + "/count", "coordinator",
                Map.of("processInstanceBusinessKeyLike", "filters-%")).json().get("count").asInt();
    }

    @Test
    void theApplicationApisKeepToTheirGroups() {
        assertThat(app.get("/api/referrals/none", null).status()).isEqualTo(401);
        assertThat(app.get("/api/referrals/none", "analyst").status()).isEqualTo(403);
        assertThat(app.get("/api/referrals/none", "coordinator").status()).isEqualTo(404);
        assertThat(app.get("/ers-sim/admin/services", "coordinator").status()).isEqualTo(403);
        assertThat(app.get("/ers-sim/admin/services", "admin").status()).isEqualTo(200);
    }

}
