package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.Chromium;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.ersreferral.testsupport.SimulatorReset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real application with the embedded e-RS simulator on a free port (as the lifecycle tests run
 * it), worked through Camunda Tasklist in headless Chromium by the demo coordinator.
 */
abstract class TasklistBrowserTest extends RunningApplicationTest {

    static final String PROCESS_NAME = "e-RS referral";
    static final String VALID_NHS_NUMBER = "9912003888";
    static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    private TaskService engineTasks;
    /** Where what the worklist sync saw is kept, reset with the simulator. */
    @Autowired
    private JdbcTemplate database;

    LiveApplication app;

    Tasklist tasklist;
    private Set<String> knownReferrals;
    /** One Chromium for all tests of a class: starting one and signing in costs seconds per test. */
    private static Tasklist browser;

    @BeforeEach
    void openTasklist(TestInfo test) {
        Chromium.require();
        app = new LiveApplication(port);
        // Only this test's referral in Tasklist: earlier tests may have left tasks open on purpose.
        deleteRunningReferrals(runtimeService);
        SimulatorReset.withWhatTheSyncSaw(app, database);
        knownReferrals = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ers-referral").list()
                .stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
        String testName = getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
        if (browser == null) {
            browser = Tasklist.open(port, testName);
            browser.login("coordinator");
        } else {
            browser.nextTest(testName, "coordinator");
        }
        tasklist = browser;
        tasklist.seeOpenTasksBy(name -> engineTasks.createTaskQuery().taskNameLike(name + "%").active().count() > 0);
    }

    @AfterAll
    static void closeTasklist() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    static final String LETTER_TASK_BOX = "Give me a task to print the patient letter";

    /**
     * Fills and submits the start form: NHS number and priority (by its visible label). The start
     * form no longer asks for specialty and clinic type: {@link #startReferral} gives them in
     * "Describe the need". The letter task is not asked for.
     */
    void fillStartForm(String nhsNumber, String priority, String specialty, String clinicType) {
        fillStartForm(nhsNumber, priority, specialty, clinicType, false);
    }

    /** As {@link #fillStartForm(String, String, String, String)}, with or without the letter task. */
    void fillStartForm(String nhsNumber, String priority, String specialty, String clinicType, boolean letterTask) {
        tasklist.openStartForm(PROCESS_NAME);
        tasklist.type("NHS number", nhsNumber);
        tasklist.select("Priority", priority);
        tasklist.setTicked(LETTER_TASK_BOX, letterTask);
        tasklist.screenshot("start-form");
        tasklist.pressStart();
    }

    /** Completes "Describe the need": specialty and clinic type by their labels (case does not matter). */
    void describeNeed(String specialty, String clinicType) {
        tasklist.openAndClaimTask("Describe the need");
        tasklist.select("Specialty", specialty);
        if (clinicType != null) {
            tasklist.select("Clinic type", clinicType);
        }
        tasklist.screenshot("describe-need");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Describe the need");
    }

    /** Completes "Choose shortlist" with this one service, chosen to be booked now. */
    void shortlistAndBookNow(String service) {
        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick(service);
        tasklist.select("Book an appointment now at", service);
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");
    }

    /**
     * Starts a referral from the start form, describes its need (specialty, optional clinic type)
     * in the task that follows, and answers the process instance it started.
     */
    ProcessInstance startReferral(String priority, String specialty, String clinicType) {
        return startReferral(priority, specialty, clinicType, false);
    }

    /** As {@link #startReferral(String, String, String)}, with or without the task to give the patient their letter. */
    ProcessInstance startReferral(String priority, String specialty, String clinicType, boolean letterTask) {
        fillStartForm(VALID_NHS_NUMBER, priority, specialty, clinicType, letterTask);
        ProcessInstance referral = awaitStartedReferral();
        describeNeed(specialty, clinicType);
        return referral;
    }

    /** The referral the start dialog just started (the only one this test has not seen before). */
    ProcessInstance awaitStartedReferral() {
        tasklist.awaitStartDialogClosed();
        String[] id = new String[1];
        await("the started referral", () -> {
            List<String> started = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ers-referral")
                    .list().stream().map(HistoricProcessInstance::getId).filter(p -> !knownReferrals.contains(p)).toList();
            if (started.size() == 1) {
                id[0] = started.get(0);
                return true;
            }
            return false;
        });
        return runtimeService.createProcessInstanceQuery().processInstanceId(id[0]).singleResult();
    }

    HistoricProcessInstance awaitEnd(ProcessInstance referral) {
        await("the end of " + referral.getId() + " (now at " + where(referral) + ")", () -> historyService
                .createHistoricProcessInstanceQuery().processInstanceId(referral.getId()).finished().count() == 1);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(referral.getId()).singleResult();
    }

    private String where(ProcessInstance referral) {
        try {
            return runtimeService.getActiveActivityIds(referral.getId()).toString();
        } catch (ProcessEngineException ended) {
            // It ended between the question and the answer (or before).
            return "(ended)";
        }
    }

    Object variable(ProcessInstance referral, String name) {
        var found = historyService.createHistoricVariableInstanceQuery().processInstanceId(referral.getId()).variableName(name)
                .singleResult();
        return found == null ? null : found.getValue();
    }

    void await(String what, java.util.function.BooleanSupplier condition) {
        Await.until(what, SETTLE, condition);
    }

    JsonNode simulatorReferrals() {
        LiveApplication.Answer answer = app.get("/ers-sim/admin/referrals", "admin");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    JsonNode onlySimulatorReferral() {
        JsonNode referrals = simulatorReferrals();
        assertThat(referrals).hasSize(1);
        return referrals.get(0);
    }

    /** The referral as the application's API reports it; Tasklist starts use the instance id as request id. */
    JsonNode referralView(ProcessInstance referral) {
        String requestId = referral.getBusinessKey() != null ? referral.getBusinessKey() : referral.getId();
        LiveApplication.Answer answer = app.get("/api/referrals/" + requestId, "coordinator");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    /** Makes the simulator answer the next calls of an e-RS operation with this status. */
    void armFault(String operation, int status, int times, long delayMs) {
        String fault = "{\"operation\": \"" + operation + "\", \"status\": " + status + ", \"times\": " + times
                + ", \"delayMs\": " + delayMs + "}";
        assertThat(app.post("/ers-sim/admin/faults", "admin", fault).status()).isBetween(200, 204);
    }

    /** The user task of this referral that is open now, if any. */
    /** Open tasks of the referral, its e-RS steps' tasks (in the ers-step instances it called) included. */
    long openTasks(ProcessInstance referral, String taskDefinitionKey) {
        return historyService.createHistoricTaskInstanceQuery().rootProcessInstanceId(referral.getId())
                .taskDefinitionKey(taskDefinitionKey).unfinished().count();
    }

    /** A small real PDF, as a GP system would attach it. */
    static Path referralLetterPdf() {
        try {
            Path directory = Files.createTempDirectory("letter-");
            directory.toFile().deleteOnExit();
            Path file = directory.resolve("referral-letter.pdf");
            file.toFile().deleteOnExit();
            try (PDDocument document = new PDDocument()) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 720);
                    text.showText("Referral letter: please see this patient in the lipid clinic.");
                    text.endText();
                }
                document.save(file.toFile());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
