package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.ErsReferralApplication;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.WorklistSignIn;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.security.AccessGroups;
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.SimulatorReset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worklist sync in the running application, over real HTTP against the embedded e-RS: a provider's
 * rejection reaches the waiting follow-up as one message and later runs send none; with no coordinator
 * signed in one "Sign in to refresh e-RS" task is raised, which another organisation's coordinator can
 * neither see nor complete and the organisation's own sign-in completes; and two nodes on one database
 * read an organisation's lists once per interval between them. The sync is on here (the tests'
 * applications have it off), with a short interval.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=" + WorklistSyncLiveTest.DATABASE,
        "ers.worklist-sync.enabled=true",
        "ers.worklist-sync.interval=" + WorklistSyncLiveTest.INTERVAL,
        "ers.user-tokens.key=" + WorklistSyncLiveTest.TOKEN_KEY,
        "ers.read-timeout=3s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WorklistSyncLiveTest {

    /** Named, so that the second node of the two-node test opens the same in-memory database. */
    static final String DATABASE = "jdbc:h2:mem:worklist-sync-live;DB_CLOSE_DELAY=-1";
    static final String INTERVAL = "PT2S";
    /** Both nodes read the e-RS tokens the other stored. */
    static final String TOKEN_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final int PORT = LiveApplication.freePort();
    static final Duration SETTLE = Duration.ofSeconds(30);
    static final String HOME = "R69";
    static final String OTHER = "RXB";
    /** The demo coordinators' SDS user ids in the simulator: coordinator (R69), coordinator-b (RXB). */
    static final String COORDINATOR_SDS = "555000000101";
    static final String COORDINATOR_B_SDS = "555000000102";

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    UserErsTokens userErsTokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WorklistSyncScheduler scheduler;
    @Autowired
    ApplicationEventPublisher events;

    final LiveApplication app = new LiveApplication(PORT);

    @BeforeEach
    void fromNothing() {
        for (String key : List.of(ReferralProcess.PROCESS_KEY, FollowUp.PROCESS_KEY, WorklistSignIn.PROCESS_KEY)) {
            runtimeService.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtimeService.deleteProcessInstanceIfExists(p.getId(), "test clean-up", true, true, true, false));
        }
        // the simulator's reset numbers referrals from the start again: no UBRN of an earlier test counts as followed
        List<String> followed = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY).list()
                .stream().map(p -> p.getId()).toList();
        if (!followed.isEmpty()) {
            historyService.deleteHistoricProcessInstancesIfExists(followed);
        }
        userErsTokens.signOut("coordinator");
        userErsTokens.signOut("coordinator-b");
        jdbc.update("delete from worklist_sync_coordinator");
        SimulatorReset.withWhatTheSyncSaw(app, jdbc);
    }

    /** The demo coordinator's e-RS sign-in (demo mode makes it at their password sign-in): ErsUserReady. */
    private void signIn(String user) {
        assertThat(app.get("/api/referrals/none-such", user).status()).isEqualTo(404);
    }

    private ProcessInstance deferredReferral(String requestId) {
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId,
                "nhsNumber", "9912003888", "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery()
                .processInstanceId(started.json().get("processInstanceId").asText()).singleResult();
        complete(requestId, ReferralProcess.TASK_CHOOSE_SHORTLIST, Map.of("shortlist",
                SpinValues.jsonValue("[\"11021\"]").create(), "bookServiceId", "11021"));
        // with its letter: one left for later would be on the letters-outstanding list, and its follow-up asked for it first
        complete(requestId, ReferralProcess.TASK_ATTACH_REFERRAL_LETTER, Map.of("referralLetter1",
                Variables.fileValue("referral-letter.pdf").file(pdf()).mimeType("application/pdf").create()));
        Await.until("referral " + requestId + " deferred", SETTLE, () -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(referral.getId()).finished().count() == 1, () -> "");
        return referral;
    }

    private static byte[] pdf() {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void complete(String requestId, String taskKey, Map<String, Object> variables) {
        Task[] task = new Task[1];
        Await.until("task " + taskKey, SETTLE, () -> (task[0] = taskService.createTaskQuery().processInstanceBusinessKey(requestId)
                .taskDefinitionKey(taskKey).singleResult()) != null, () -> "");
        taskService.complete(task[0].getId(), variables);
    }

    private ProcessInstance followUpOf(String businessKey) {
        ProcessInstance[] found = new ProcessInstance[1];
        Await.until("follow-up of " + businessKey, SETTLE, () -> (found[0] = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(FollowUp.PROCESS_KEY).processInstanceBusinessKey(businessKey).singleResult()) != null, () -> "");
        return found[0];
    }

    /** Messages that reached the follow-up: its message catch events passed. */
    private long messagesTo(ProcessInstance followUp) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(followUp.getId())
                .activityType("intermediateMessageCatch").finished().count();
    }

    private Map<String, Long> calls() {
        Map<String, Long> calls = new HashMap<>();
        app.get("/ers-sim/admin/calls", "admin").json().fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asLong()));
        return calls;
    }

    /** The sync's A005 reads (the follow-up reads the referral too, in its own steps), from the application's e-RS call records. */
    private long syncReads() {
        return jdbc.queryForObject("select count(*) from ers_call_record where operation = 'A005' and step = 'A005'", Long.class);
    }

    private void waitIntervals(int intervals) throws InterruptedException {
        Thread.sleep(Duration.parse(INTERVAL).multipliedBy(intervals).toMillis());
    }

    @Test
    void aProviderRejectionReachesTheWaitingFollowUpOnceAndLaterRunsSendNothing() throws Exception {
        signIn("coordinator");
        deferredReferral("sync-reject-1");
        ProcessInstance followUp = followUpOf("sync-reject-1");
        String ubrn = (String) runtimeService.getVariable(followUp.getId(), ReferralVariables.UBRN.name());
        // seen on the lists in the state its follow-up started with: no news, no message
        Await.until("the referral seen", SETTLE, () -> jdbc.queryForObject("select count(*) from worklist_sync_seen where ubrn = ?"
                + " and told_mark is not null", Long.class, ubrn) == 1, () -> "");
        waitIntervals(2);
        long before = messagesTo(followUp);
        assertThat(before).isZero();

        LiveApplication.Answer rejected = app.post("/ers-sim/admin/referrals/" + ubrn + "/reject", "admin",
                Map.of("reason", "FURTHER_INFORMATION_REQUIRED", "comments", "Please add the ECG"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

        Await.until("the rejection's message", SETTLE, () -> messagesTo(followUp) == before + 1, () -> "");
        Map<String, Object> told = runtimeService.getVariables(followUp.getId());
        assertThat(told).containsEntry(FollowUp.ERS_STATUS.name(), "REJECTED")
                .containsEntry(FollowUp.ERS_STATUS_REASON.name(), "FURTHER_INFORMATION_REQUIRED")
                .containsEntry(FollowUp.ERS_STATUS_COMMENTS.name(), "Please add the ECG");
        // seen on its list, told once (the lists are read one after another: a change between two reads is told
        // at once, as read from e-RS, and not again once it shows on its list)
        Await.until("the rejection on its list", SETTLE, () -> "REJECTED_TRIAGE_RESPONSE".equals(jdbc.queryForObject(
                "select lists from worklist_sync_seen where ubrn = ?", String.class, ubrn)), () -> "");
        assertThat(jdbc.queryForObject("select told_status from worklist_sync_seen where ubrn = ?", String.class, ubrn))
                .isEqualTo("REJECTED");
        assertThat((String) told.get(FollowUp.ERS_STATUS_REASON_DISPLAY.name())).isNotBlank()
                .isNotEqualTo("FURTHER_INFORMATION_REQUIRED");
        waitIntervals(2);
        long a005 = syncReads();
        assertThat(a005).as("the sync read the rejected referral").isPositive();

        waitIntervals(4);
        assertThat(messagesTo(followUp)).as("nothing changed since: no message").isEqualTo(before + 1);
        assertThat(syncReads()).as("nor a read of the referral by the sync").isEqualTo(a005);
        assertThat(app.get("/ers-sim/admin/calls/callers", "admin").json().path("A008").toString())
                .contains(COORDINATOR_SDS).doesNotContain(COORDINATOR_B_SDS);
    }

    @Test
    void withNoCoordinatorSignedInOneSignInTaskIsRaisedWhichOnlyTheirOwnSignInCompletes() throws Exception {
        signIn("coordinator");
        deferredReferral("sync-sign-in-1");
        followUpOf("sync-sign-in-1");
        userErsTokens.signOut("coordinator");

        Await.until("a sign-in task", SETTLE, () -> signInTasks(HOME).size() == 1, () -> "");
        waitIntervals(4);
        List<Task> tasks = signInTasks(HOME);
        assertThat(tasks).as("one per organisation, never a second").hasSize(1);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(WorklistSignIn.PROCESS_KEY).count()).isEqualTo(1);
        Task task = tasks.get(0);
        assertThat(task.getTenantId()).isEqualTo(HOME);
        assertThat(task.getName()).isEqualTo("Sign in to refresh e-RS");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo(AccessGroups.COORDINATORS));

        // another organisation's coordinator neither sees nor completes it, and their sign-in does not complete it
        signIn("coordinator-b");
        JsonNode seenByB = app.get("/engine-rest/task?processDefinitionKey=" + WorklistSignIn.PROCESS_KEY, "coordinator-b").json();
        assertThat(seenByB).isEmpty();
        assertThat(app.get("/engine-rest/task/" + task.getId(), "coordinator-b").status()).isIn(403, 404);
        assertThat(app.post("/engine-rest/task/" + task.getId() + "/complete", "coordinator-b", Map.of()).status())
                .isIn(403, 404, 500);
        assertThat(app.post("/engine-rest/task/" + task.getId() + "/claim", "coordinator-b", Map.of("userId", "coordinator-b"))
                .status()).isIn(403, 404, 500);
        // nor does anyone but the application start one: not over the REST API, not through the engine as a coordinator
        assertThat(app.post("/engine-rest/process-definition/key/" + WorklistSignIn.PROCESS_KEY + "/start", "coordinator-b",
                Map.of("variables", Map.of("organisation", Map.of("value", HOME)))).status()).isEqualTo(403);
        identityService.setAuthentication("coordinator", List.of(AccessGroups.COORDINATORS), List.of(HOME));
        try {
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(WorklistSignIn.PROCESS_KEY,
                    Map.of(WorklistSignIn.ORGANISATION.name(), HOME))).isInstanceOf(AuthorizationException.class);
        } finally {
            identityService.clearAuthentication();
        }
        waitIntervals(2);
        assertThat(signInTasks(HOME)).extracting(Task::getId).containsExactly(task.getId());
        // their own coordinators see it (asked through the engine: any request of theirs here would sign them in again)
        identityService.setAuthentication("coordinator", List.of(AccessGroups.COORDINATORS), List.of(HOME));
        try {
            assertThat(taskService.createTaskQuery().processDefinitionKey(WorklistSignIn.PROCESS_KEY).list())
                    .extracting(Task::getId).containsExactly(task.getId());
        } finally {
            identityService.clearAuthentication();
        }

        signIn("coordinator");
        Await.until("the sign-in task completed", SETTLE, () -> signInTasks(HOME).isEmpty(), () -> "");
        HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult();
        assertThat(done.getDeleteReason()).isEqualTo("completed");
        assertThat(historyService.createUserOperationLogQuery().taskId(task.getId()).operationType("Complete").list())
                .extracting(entry -> entry.getUserId()).containsOnly("coordinator");
    }

    @Test
    void aCoordinatorWhoseERsRoleIsAtAnotherOrganisationNeverReadsThisOnesLists() throws Exception {
        // coordinator-b also coordinates for R69 in Camunda, but acts in e-RS for RXB
        identityService.createTenantUserMembership(HOME, "coordinator-b");
        try {
            signIn("coordinator");
            deferredReferral("sync-other-1");
            followUpOf("sync-other-1");
            userErsTokens.signOut("coordinator");
            signIn("coordinator-b");
            events.publishEvent(new ErsUserReady("coordinator-b", List.of(AccessGroups.COORDINATORS), List.of(OTHER, HOME)));
            List<String> seenForHome = jdbc.queryForList("select ubrn from worklist_sync_seen where organisation = ?",
                    String.class, HOME);

            Await.until("a sign-in task for R69", SETTLE, () -> signInTasks(HOME).size() == 1, () -> "");
            Await.until("RXB's lists read as coordinator-b", SETTLE, () -> app.get("/ers-sim/admin/calls/callers", "admin").json()
                    .path("A008").toString().contains(COORDINATOR_B_SDS), () -> "");
            waitIntervals(3);
            // had R69's run acted as coordinator-b, e-RS would have answered with RXB's lists (her role's), taken for R69's
            assertThat(signInTasks(HOME)).as("coordinator-b's sign-in is no sign-in for R69").hasSize(1);
            assertThat(jdbc.queryForList("select ubrn from worklist_sync_seen where organisation = ?", String.class, HOME))
                    .as("R69's lists not read since").isEqualTo(seenForHome);
            assertThat(jdbc.queryForList("select ubrn from worklist_sync_seen where organisation = ?", String.class, OTHER))
                    .as("R69's referral never seen as RXB's").isEmpty();
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY).tenantIdIn(OTHER)
                    .count()).as("nor taken on by RXB").isZero();
        } finally {
            identityService.deleteTenantUserMembership(HOME, "coordinator-b");
        }
    }

    @Test
    void aReferralMadeOutsideTheApplicationIsOfferedToItsOrganisationOnce() throws Exception {
        signIn("coordinator");
        String ubrn = referralMadeElsewhere();

        ProcessInstance found = followUpOf(FollowUps.businessKey(ubrn));
        assertThat(found.getTenantId()).isEqualTo(HOME);
        assertThat(runtimeService.getVariable(found.getId(), FollowUp.FOUND_IN_ERS.name())).isEqualTo(true);
        assertThat(runtimeService.getVariable(found.getId(), ReferralVariables.UBRN.name())).isEqualTo(ubrn);
        Await.until("the take-on task", SETTLE, () -> taskService.createTaskQuery().processInstanceId(found.getId())
                .taskDefinitionKey(FollowUp.TASK_TAKE_ON_ERS_REFERRAL).count() == 1, () -> "");

        waitIntervals(3);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKey(FollowUps.businessKey(ubrn)).count()).as("offered once").isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY).tenantIdIn(OTHER).count())
                .isZero();
    }

    /** A referral the GP's practice made in e-RS itself (over FHIR, as the coordinator acting for the GP), not here. */
    private String referralMadeElsewhere() {
        String body = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"patient","valueIdentifier":{"system":"http://fhir.nhs.net/Id/nhs-number","value":"9912003888"}},
                 {"name":"referringClinician","valueIdentifier":{"system":"http://fhir.nhs.net/Id/sds-user-id","value":"555000000105"}},
                 {"name":"shortlist","resource":{"resourceType":"List","status":"current","mode":"snapshot",
                   "contained":[{"resourceType":"Parameters","id":"c","parameter":[
                     {"name":"priority","valueCoding":{"code":"ROUTINE"}},{"name":"specialty","valueCoding":{"code":"CARDIOLOGY"}}]}],
                   "entry":[{"item":{"identifier":{"system":"http://fhir.nhs.net/Id/ers-service","value":"51002"}}}]}}]}
                """;
        LiveApplication.Answer created = app.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + PORT
                        + "/ers-sim/FHIR/STU3/ReferralRequest/$ers.createReferral"))
                .header("Authorization", "Bearer " + userErsTokens.current("coordinator").orElseThrow().value())
                .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                .header("NHSD-End-User-Organisation-ODS", HOME)
                .header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private List<Task> signInTasks(String organisation) {
        return taskService.createTaskQuery().processDefinitionKey(WorklistSignIn.PROCESS_KEY).tenantIdIn(organisation)
                .taskDefinitionKey(WorklistSignIn.TASK_SIGN_IN_TO_REFRESH).list();
    }

    @Test
    void twoNodesOnOneDatabaseReadAnOrganisationsListsOncePerIntervalBetweenThem() throws Exception {
        signIn("coordinator");
        try (ConfigurableApplicationContext second = secondNode()) {
            WorklistSyncScheduler secondScheduler = second.getBean(WorklistSyncScheduler.class);
            Duration interval = Duration.parse(INTERVAL);
            // both nodes look every interval/5; let the second one settle in, then count
            waitIntervals(2);
            long firstRuns = scheduler.runs();
            long secondRuns = secondScheduler.runs();
            long a008 = calls().getOrDefault("A008", 0L);
            long started = System.nanoTime();
            waitIntervals(10);
            long elapsedIntervals = Duration.ofNanos(System.nanoTime() - started).dividedBy(interval);
            long runs = (scheduler.runs() - firstRuns) + (secondScheduler.runs() - secondRuns);
            long lists = calls().getOrDefault("A008", 0L) - a008;

            // one organisation (R69, the only one with a coordinator): one run an interval, four lists a run
            assertThat(runs).as("runs in " + elapsedIntervals + " intervals").isBetween(elapsedIntervals - 2, elapsedIntervals + 1);
            assertThat(lists).isBetween(4 * (elapsedIntervals - 2), 4 * (elapsedIntervals + 1));
            // Which node wins each interval is a race; the second one runs when the first does not.
            scheduler.stop();
            try {
                long secondBefore = secondScheduler.runs();
                waitIntervals(3);
                assertThat(secondScheduler.runs()).as("the second node ran while the first did not").isGreaterThan(secondBefore);
            } finally {
                scheduler.start();
            }
        }
    }

    /** Another node of the cluster: the same database and e-RS, a web server and engine of its own. */
    private ConfigurableApplicationContext secondNode() {
        int port = LiveApplication.freePort();
        return new SpringApplicationBuilder(ErsReferralApplication.class).run(
                "--server.port=" + port,
                "--spring.datasource.url=" + DATABASE,
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--ers.base-url=http://localhost:" + PORT + "/ers-sim/FHIR",
                "--ers.worklist-sync.enabled=true",
                "--ers.worklist-sync.interval=" + INTERVAL,
                "--ers.user-tokens.key=" + TOKEN_KEY,
                "--ers.read-timeout=3s");
    }
}
