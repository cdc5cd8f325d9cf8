package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.FoundService;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The e-RS states a followed referral passed, on the shared application: recorded by a follow-up instance in the
 * engine's transaction (a failed job leaves no row, its retry one), shown on the referral's timeline and in "My
 * referrals", and counted by the analysts' follow-up report over known rows; and what other organisations, coordinators
 * and anonymous callers cannot read of them.
 *
 * <p>The transaction is shown on a stand-in that calls the listener as the follow-up does and then fails on demand,
 * deployed for R69 for this class only; the timeline and My referrals on the real follow-up.
 */
class ErsStatesLiveTest extends RunningApplicationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String COMMENTS = "Seen privately last week; please refer to the community clinic instead.";
    private static final String RANGE = "from=2019-04-01&to=2019-04-10";
    private static final String RECORD = "${ersStatesSeen.record(execution)}";
    private static final String STAND_IN_KEY = "ers-states-seen-check";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;

    LiveApplication app;
    Deployment standIn;
    ProcessInstance followUp;

    @BeforeEach
    void clean() {
        app = new LiveApplication(port);
        removeRows();
    }

    @AfterEach
    void removeWhatThisTestAdded() {
        if (standIn != null) {
            repositoryService.deleteDeployment(standIn.getId(), true, true);
        }
        if (followUp != null) {
            runtimeService.deleteProcessInstanceIfExists(followUp.getId(), "test clean-up", true, true, true, false);
            historyService.deleteHistoricProcessInstanceIfExists(followUp.getId());
        }
        removeRows();
    }

    @Test
    void theListenerRecordsEachStateOnceInTheEnginesTransaction() {
        standIn = repositoryService.createDeployment().tenantId("R69").name("e-RS states stand-in")
                .addModelInstance("ers-states-stand-in.bpmn", standIn()).deploy();
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(STAND_IN_KEY).processDefinitionTenantId("R69")
                .businessKey("st-live-1").setVariables(Map.of("ubrn", "000000070001", "ersStatus", "NOT_BOOKED", "fail", true))
                .execute();
        assertThat(statesOf(instance.getId())).containsExactly("NOT_BOOKED");

        // e-RS says it is booked; the step after fails, so its job rolls back what it recorded.
        Task told = Await.task(taskService, runtimeService, instance.getId(), "Task_TellTheState", SETTLE);
        // The services its search found (e-RS's names): the one booked is named with its state.
        Object found = ReferralVariables.SERVICES.stored(List.of(
                new FoundService("11000", "Forthright", "Forthright Cardiology Business Service", "DIRECTLY_BOOKABLE", false, null,
                        null, null),
                new FoundService("11002", "Good", "Good Cardiology Business Service", "DIRECTLY_BOOKABLE", false, null, null,
                        null)));
        taskService.complete(told.getId(), Map.of("ersStatus", "BOOKED", "ersLastUpdated", "2026-11-05T10:00:00Z",
                "bookServiceId", "11002", ReferralVariables.SERVICES.name(), found));
        // Once it has no retries left (an incident), so that nothing runs it while it is changed.
        Job job = Await.value("the failed job without retries", SETTLE, () -> managementService.createJobQuery()
                .processInstanceId(instance.getId()).noRetriesLeft().list().stream().findFirst());
        assertThat(statesOf(instance.getId())).as("rolled back with the job").containsExactly("NOT_BOOKED");

        // Tried again, it records the state once.
        runtimeService.setVariable(instance.getId(), "fail", false);
        managementService.setJobRetries(job.getId(), 1);
        managementService.setJobDuedate(job.getId(), new Date());
        Await.task(taskService, runtimeService, instance.getId(), "Task_Done", SETTLE);
        assertThat(statesOf(instance.getId())).containsExactly("NOT_BOOKED", "BOOKED");
        assertThat(jdbc.queryForObject("SELECT organisation || ' ' || business_key || ' ' || service_id || ' ' || service_name"
                + " || ' ' || seen_by FROM ers_state_seen WHERE status = 'BOOKED' AND process_instance_id = ?", String.class,
                instance.getId())).isEqualTo("R69 st-live-1 11002 Good Cardiology Business Service Task_ReadErsState");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ers_state_seen WHERE status = 'NOT_BOOKED' AND service_name IS NULL"
                + " AND process_instance_id = ?", Integer.class, instance.getId())).as("no service named yet, no name").isOne();
    }

    @Test
    void aFollowedReferralsStatesAndOpenTaskShowInItsTimelineAndMyReferrals() {
        jdbc.update("INSERT INTO referral_record (request_id, process_instance_id, ubrn, specialty, priority, outcome, status,"
                        + " created_at, completed_at, organisation, version) VALUES ('st-live-2', 'pi-st-live-2', '000000070002',"
                        + " 'CARDIOLOGY', 'ROUTINE', 'BOOKED', 'COMPLETED', ?, ?, 'R69', 0)",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(4));
        // The real follow-up, as the worklist sync starts it for a referral found on R69's list of returned referrals.
        Map<String, Object> variables = new HashMap<>();
        variables.put("organisation", "R69");
        variables.put("foundInErs", true);
        variables.put("ubrn", "000000070002");
        variables.put("ersStatus", "REJECTED");
        variables.put("ersStatusReason", "CLINICAL");
        variables.put("ersStatusReasonDisplay", "Clinically inappropriate");
        variables.put("ersStatusComments", COMMENTS);
        variables.put("ersLastUpdated", "2026-11-05T10:00:00Z");
        variables.put("ersWorklist", "REJECTED_TRIAGE_RESPONSE");
        followUp = runtimeService.createProcessInstanceByKey(FollowUp.PROCESS_KEY).businessKey("st-live-2")
                .setVariables(variables).execute();
        Task takeOn = Await.task(taskService, runtimeService, followUp.getId(), FollowUp.TASK_TAKE_ON_ERS_REFERRAL, SETTLE);
        assertThat(statesOf(followUp.getId())).containsExactly("REJECTED");

        // My referrals: the latest state in words, and that someone must act, with the task to open.
        JsonNode row = app.get("/api/referrals?q=st-live-2", "coordinator").json().get("referrals").get(0);
        assertThat(row.get("ersState").asText()).isEqualTo("returned by the provider");
        assertThat(row.get("ersStateCode").asText()).isEqualTo("REJECTED");
        assertThat(row.get("needsAction").asBoolean()).isTrue();
        assertThat(row.get("currentSteps").toString()).contains(takeOn.getId()).contains("Take on a referral from e-RS");
        assertThat(app.get("/api/referrals?q=st-live-2", "coordinator-b").json().get("referrals")).isEmpty();

        // The timeline: the state in words where it was seen, with e-RS's reason and the provider's comments, and the
        // follow-up's own task.
        JsonNode timeline = app.get("/api/referrals/st-live-2/timeline", "analyst").json();
        List<String> entries = new ArrayList<>();
        timeline.get("entries").forEach(entry -> entries.add(entry.get("type").asText() + " " + entry.path("activityId").asText()
                + " " + entry.path("name").asText()));
        assertThat(entries).containsSubsequence(
                "ERS_STATE " + FollowUp.START_REFERRAL_SENT + " e-RS: returned by the provider",
                "USER_TASK " + FollowUp.TASK_TAKE_ON_ERS_REFERRAL + " Take on a referral from e-RS");
        JsonNode state = timeline.get("entries").findParents("type").stream()
                .filter(entry -> "ERS_STATE".equals(entry.get("type").asText())).findFirst().orElseThrow();
        assertThat(state.get("reason").asText()).isEqualTo("Clinically inappropriate");
        assertThat(state.get("comments").asText()).isEqualTo(COMMENTS);
        assertThat(state.get("worklist").asText()).isEqualTo("REJECTED_TRIAGE_RESPONSE");
        // Another organisation's analyst would get 404; coordinators are refused history altogether.
        assertThat(app.get("/api/referrals/st-live-2/timeline", "coordinator").status()).isEqualTo(403);
    }

    @Test
    void theFollowUpReportCountsKnownStatesExactly() {
        knownStates();

        JsonNode report = app.get("/api/analytics/follow-up?" + RANGE, "analyst").json();

        // 5 min, 3 days, 7 days, 17 days: p50 the 2nd, p90 the 4th; one referral followed has no appointment yet.
        assertThat(report.get("sendingToFirstAppointment").toString()).isEqualTo("{\"followed\":5,\"booked\":4,\"notBookedYet\":1,"
                + "\"p50Ms\":259200000,\"p90Ms\":1468800000,\"maxMs\":1468800000}");
        assertThat(pairs(report.get("sendingToFirstAppointmentBuckets"), "label", "count")).containsExactly(
                "under 1 day=1", "1-7 days=1", "1-2 weeks=1", "2-4 weeks=1", "4-8 weeks=0", "over 8 weeks=0");
        assertThat(report.get("returned").toString()).isEqualTo("{\"referrals\":5,\"returned\":3,\"rate\":0.6}");
        List<String> services = new ArrayList<>();
        report.get("returnedByService").forEach(s -> services.add(s.get("serviceId").asText() + " " + s.path("serviceName").asText("-")
                + " " + s.get("referrals").asLong() + " " + s.get("returned").asLong() + " " + s.get("rate").asDouble()));
        // Named as e-RS's search named them; 50001's states were recorded with no name (before names were kept): its id alone.
        assertThat(services).containsExactly("11002 Good Cardiology Business Service 2 1 0.5",
                "11021 Cardiology Business Service - No Slots 1 1 1.0", "50001 - 1 1 1.0",
                "11000 Forthright Cardiology Business Service 1 0 0.0", "11003 Other Cardiology 1 0 0.0");
        List<String> reasons = new ArrayList<>();
        report.get("returnedByReason").forEach(r -> reasons.add(r.get("statusName").asText() + " | " + r.get("reason").asText()
                + " | " + r.get("count").asLong() + " | " + r.get("rate").asDouble()));
        assertThat(reasons).containsExactly(
                "appointment cancelled by the patient | Patient request | 1 | 0.2",
                "returned by the provider | Clinically inappropriate | 1 | 0.2",
                "returned from triage with advice | Advice given | 1 | 0.2");
        List<String> chasers = new ArrayList<>();
        report.get("chasers").forEach(c -> chasers.add(c.get("taskKey").asText() + " raised " + c.get("raised").asLong()
                + ", resolved " + c.get("resolved").asLong() + ", open " + c.get("open").asLong()));
        assertThat(chasers).containsExactly("Task_ContactPatient raised 1, resolved 1, open 0",
                "Task_ChaseProvider raised 2, resolved 1, open 1");

        // The filters narrow it as the other reports'.
        JsonNode dermatology = app.get("/api/analytics/follow-up?" + RANGE + "&specialty=DERMATOLOGY", "analyst").json();
        assertThat(dermatology.get("returned").toString()).isEqualTo("{\"referrals\":1,\"returned\":1,\"rate\":1.0}");
        assertThat(dermatology.get("sendingToFirstAppointment").get("booked").asLong()).isZero();
        assertThat(app.get("/api/analytics/follow-up?from=2019-05-01&to=2019-05-02", "analyst").json().get("returned").toString())
                .isEqualTo("{\"referrals\":0,\"returned\":0,\"rate\":0.0}");

        // The timeline tells the story in words, with e-RS's reason and the provider's comments.
        JsonNode timeline = app.get("/api/referrals/st-04/timeline", "analyst").json();
        List<String> states = new ArrayList<>();
        timeline.get("entries").forEach(entry -> {
            if ("ERS_STATE".equals(entry.get("type").asText())) {
                states.add(entry.get("name").asText() + " | " + entry.get("reason").asText() + " | " + entry.get("comments").asText());
            }
        });
        assertThat(states).containsExactly("e-RS: booking deferred to the provider | null | null",
                "e-RS: returned by the provider | Clinically inappropriate | " + COMMENTS, "e-RS: appointment booked | null | null");
    }

    @Test
    void otherOrganisationsCoordinatorsAndAnonymousCallersReadNoStates() {
        knownStates();

        // An analyst of R69 does not see RXB's referral, its states or its comments; an admin does.
        LiveApplication.Answer other = app.get("/api/referrals/st-06/timeline", "analyst");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("RXB-only comments").doesNotContain("appointment");
        assertThat(app.get("/api/referrals/st-06/timeline", "admin").body()).contains("RXB-only comments");
        // Nor R69's referral's states recorded under another organisation's follow-up of the same request id.
        assertThat(app.get("/api/referrals/st-04/timeline", "analyst").body()).doesNotContain("RXB-only comments");

        // Coordinators (of either organisation) read neither the timeline nor the analysts' reports; nobody anonymously.
        for (String path : new String[] {"/api/referrals/st-04/timeline", "/api/analytics/follow-up?" + RANGE}) {
            for (String coordinator : new String[] {"coordinator", "coordinator-b"}) {
                LiveApplication.Answer refused = app.get(path, coordinator);
                assertThat(refused.status()).as(path + " as " + coordinator).isEqualTo(403);
                assertThat(refused.body()).doesNotContain(COMMENTS);
            }
            assertThat(app.get(path, null).status()).as(path).isEqualTo(401);
        }

        // The report counts every organisation's referrals and names none: no request id, UBRN or comment.
        String report = app.get("/api/analytics/follow-up?" + RANGE, "analyst").body();
        assertThat(report).doesNotContain("st-0").doesNotContain("00000007").doesNotContain(COMMENTS)
                .doesNotContain("RXB-only comments");
        // Malformed filters are refused with words, as the other reports'.
        assertThat(app.get("/api/analytics/follow-up?from=yesterday", "analyst").status()).isEqualTo(400);
        assertThat(app.get("/api/analytics/follow-up?specialty=%27%20OR%201%3D1", "analyst").status()).isEqualTo(400);
    }

    /**
     * Calls the listener as the follow-up does, at its start and in a job that then fails while {@code fail} is true.
     * A key of its own, so the follow-up model stays the only one of its key.
     */
    private static BpmnModelInstance standIn() {
        return Bpmn.createExecutableProcess(STAND_IN_KEY).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Sent").camundaExecutionListenerExpression("end", RECORD)
                .userTask("Task_TellTheState")
                .serviceTask("Task_ReadErsState").camundaAsyncBefore()
                .camundaExecutionListenerExpression("start", RECORD)
                .camundaExpression("${fail ? noSuchBean.go() : null}")
                .userTask("Task_Done")
                .endEvent()
                .done();
    }

    /**
     * Referrals requested in April 2019 (R69 but st-06, RXB's), sent and followed: st-01 booked at sending, cancelled by
     * the patient and rebooked; st-02 booked after 3 days; st-03 sent for triage and answered with advice; st-04
     * deferred, rejected and booked elsewhere after 17 days; st-05 sent but never followed; st-06 booked after 7 days.
     */
    private void knownStates() {
        referral("st-01", "R69", "CARDIOLOGY", "2019-04-01T09:00:00Z");
        referral("st-02", "R69", "CARDIOLOGY", "2019-04-02T08:00:00Z");
        referral("st-03", "R69", "DERMATOLOGY", "2019-04-02T11:00:00Z");
        referral("st-04", "R69", "CARDIOLOGY", "2019-04-03T07:00:00Z");
        referral("st-05", "R69", "CARDIOLOGY", "2019-04-03T07:30:00Z");
        referral("st-06", "RXB", "CARDIOLOGY", "2019-04-03T07:45:00Z");
        sent("st-01", "Task_CreateReferral", "2019-04-01T10:00:00Z");
        sent("st-02", "Task_CreateReferral", "2019-04-02T09:00:00Z");
        sent("st-03", "Task_CreateReferralAndSendForTriage", "2019-04-02T12:00:00Z");
        sent("st-04", "Task_CreateReferral", "2019-04-03T08:00:00Z");
        sent("st-05", "Task_CreateReferral", "2019-04-03T08:30:00Z");
        sent("st-06", "Task_CreateReferral", "2019-04-03T09:00:00Z");

        state("st-01", "R69", "2019-04-01T10:05:00Z", "BOOKED", null, null, null, "11002");
        state("st-01", "R69", "2019-04-03T10:00:00Z", "APPT_CANCELLED_BY_PATIENT", "PATIENT_REQUEST", "Patient request", null, "11002");
        state("st-01", "R69", "2019-04-04T10:00:00Z", "BOOKED", null, null, null, "11002");
        state("st-02", "R69", "2019-04-02T09:01:00Z", "NOT_BOOKED", null, null, null, null);
        state("st-02", "R69", "2019-04-05T09:00:00Z", "BOOKED", null, null, null, "11000");
        state("st-03", "R69", "2019-04-02T12:01:00Z", "AWAITING_TRIAGE", null, null, null, "50001");
        state("st-03", "R69", "2019-04-06T12:00:00Z", "TRIAGE_RESPONSE", "ADVICE_GIVEN", "Advice given", "Try statins first.", "50001");
        state("st-04", "R69", "2019-04-03T08:01:00Z", "DEFERRED_TO_PROVIDER", null, null, null, "11021");
        state("st-04", "R69", "2019-04-04T08:00:00Z", "REJECTED", "CLINICAL", "Clinically inappropriate", COMMENTS, "11021");
        state("st-04", "R69", "2019-04-20T08:00:00Z", "BOOKED", null, null, null, "11002");
        state("st-06", "RXB", "2019-04-10T09:00:00Z", "BOOKED", null, null, "RXB-only comments", "11003");
        // Another organisation's follow-up under the same request id as R69's st-04: not R69's referral's.
        state("st-04", "RXB", "2019-04-05T08:00:00Z", "REJECTED", "CLINICAL", "Clinically inappropriate", "RXB-only comments", null);

        followUp("st-02", "R69");
        followUp("st-03", "R69");
        chaser("st-02", FollowUp.TASK_CONTACT_PATIENT, "completed");
        chaser("st-03", FollowUp.TASK_CHASE_PROVIDER, "completed");
        chaser("st-03", FollowUp.TASK_CHASE_PROVIDER, null);
    }

    private void referral(String requestId, String organisation, String specialty, String requestedAt) {
        jdbc.update("INSERT INTO referral_record (request_id, process_instance_id, ubrn, specialty, priority, outcome, status,"
                        + " created_at, completed_at, organisation, version) VALUES (?, ?, ?, ?, 'ROUTINE', 'BOOKED', 'COMPLETED', ?, ?, ?, 0)",
                requestId, "pi-" + requestId, "0000000700" + requestId.substring(3), specialty, utc(requestedAt),
                utc(requestedAt).plusHours(2), organisation);
    }

    /** The referral's create step, as the engine's history keeps it (times in the JVM's zone, as the engine writes them). */
    private void sent(String requestId, String step, String endedAt) {
        Instant end = Instant.parse(endedAt);
        jdbc.update("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_,"
                        + " ACT_ID_, ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_)"
                        + " VALUES (?, 'ers-referral', 'ers-referral:1:st', ?, ?, ?, ?, 'callActivity', ?, ?, 1000, 1, 1)",
                "ai-" + requestId, "pi-" + requestId, "pi-" + requestId, "pi-" + requestId, step,
                Timestamp.from(end.minusSeconds(1)), Timestamp.from(end));
    }

    private void state(String requestId, String organisation, String seenAt, String status, String reasonCode, String reason,
                       String comments, String serviceId) {
        jdbc.update("INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, ubrn, seen_at, status, reason_code,"
                        + " reason_display, comments, last_updated, service_id, service_name, seen_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "fu-" + requestId + "-" + organisation, requestId, organisation, "0000000700" + requestId.substring(3),
                utc(seenAt), status, reasonCode, reason, comments, seenAt, serviceId, serviceId == null ? null : KnownHistory.SERVICE_NAMES.get(serviceId),
                "Event_ErsReferralChanged");
    }

    private void followUp(String requestId, String organisation) {
        jdbc.update("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,"
                        + " TENANT_ID_, STATE_) VALUES (?, ?, ?, ?, 'ers-referral-follow-up:1:st', ?, ?, 'ACTIVE')",
                "fu-" + requestId + "-" + organisation, "fu-" + requestId + "-" + organisation, requestId, FollowUp.PROCESS_KEY,
                Timestamp.from(Instant.parse("2019-04-05T00:00:00Z")), organisation);
    }

    private int chasers;

    private void chaser(String requestId, String taskKey, String deleteReason) {
        String instance = "fu-" + requestId + "-R69";
        Instant start = Instant.parse("2019-04-06T00:00:00Z");
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, ROOT_PROC_INST_ID_, NAME_,"
                        + " START_TIME_, END_TIME_, DURATION_, DELETE_REASON_, TENANT_ID_) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'R69')",
                "st-task-" + (++chasers), taskKey, FollowUp.PROCESS_KEY, instance, instance, taskKey, Timestamp.from(start),
                deleteReason == null ? null : Timestamp.from(start.plusSeconds(3600)), deleteReason == null ? null : 3_600_000L,
                deleteReason);
    }

    private List<String> statesOf(String instance) {
        return jdbc.queryForList("SELECT status FROM ers_state_seen WHERE process_instance_id = ? ORDER BY id", String.class, instance);
    }

    private void removeRows() {
        jdbc.update("DELETE FROM ers_state_seen WHERE business_key LIKE 'st-%'");
        jdbc.update("DELETE FROM referral_record WHERE request_id LIKE 'st-%'");
        jdbc.update("DELETE FROM ACT_HI_ACTINST WHERE ID_ LIKE 'ai-st-%'");
        jdbc.update("DELETE FROM ACT_HI_PROCINST WHERE ID_ LIKE 'fu-st-%'");
        jdbc.update("DELETE FROM ACT_HI_TASKINST WHERE ID_ LIKE 'st-task-%'");
    }

    private static OffsetDateTime utc(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }

    private static List<String> pairs(JsonNode array, String key, String value) {
        List<String> pairs = new ArrayList<>();
        array.forEach(item -> pairs.add(item.get(key).asText() + "=" + item.get(value).asText()));
        return pairs;
    }
}
