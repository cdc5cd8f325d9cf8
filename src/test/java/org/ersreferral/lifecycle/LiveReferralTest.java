package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
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
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.ersreferral.testsupport.SimulatorReset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real application (engine, job executor, Feign client, FHIR) with the embedded e-RS simulator,
 * on a free port, and the ways tests drive referrals and read the simulator's records.
 */
abstract class LiveReferralTest extends RunningApplicationTest {

    static final String NHS_NUMBER = "9912003888";
    static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    UserErsTokens userErsTokens;
    /** Where what the worklist sync saw is kept, reset with the simulator. */
    @Autowired
    private JdbcTemplate database;

    LiveApplication app;

    @BeforeEach
    void resetSimulator() {
        app = new LiveApplication(port);
        // the application is shared with other classes: none of their referrals may call the simulator now
        deleteRunningReferrals(runtimeService);
        // The coordinator's e-RS sign-in (demo mode makes it, with an A030, at their first password sign-in)
        // happens before the reset, so what the simulator counts is the test's own.
        assertThat(app.get("/api/referrals/none-such", "coordinator").status()).isEqualTo(404);
        SimulatorReset.withWhatTheSyncSaw(app, database);
    }

    ProcessInstance start(String requestId, String priority, String specialty, String clinicType) {
        Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", priority, "specialty", specialty));
        if (clinicType != null) {
            body.put("clinicType", clinicType);
        }
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return runtimeService.createProcessInstanceQuery().processInstanceId(answer.json().get("processInstanceId").asText())
                .singleResult();
    }

    void complete(ProcessInstance referral, String taskKey, Map<String, Object> variables) {
        taskService.complete(awaitTask(referral, taskKey).getId(), variables);
    }

    Task awaitTask(ProcessInstance referral, String taskKey) {
        Task[] found = new Task[1];
        await("task " + taskKey + " of " + referral.getBusinessKey(), () -> {
            // Tasks of the referral's e-RS steps are in the ers-step instances it calls, under its business key.
            found[0] = taskService.createTaskQuery().processInstanceBusinessKey(referral.getBusinessKey()).taskDefinitionKey(taskKey)
                    .singleResult();
            return found[0] != null;
        }, referral);
        return found[0];
    }

    HistoricProcessInstance awaitEnd(ProcessInstance referral) {
        await("end of " + referral.getBusinessKey(), () -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(referral.getId()).finished().count() == 1, referral);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(referral.getId()).singleResult();
    }

    void await(String what, BooleanSupplier condition, ProcessInstance referral) {
        Await.until(what, SETTLE, condition, () -> whereItStands(referral));
    }

    /** Where a referral stands, for the message of a wait that failed. */
    private String whereItStands(ProcessInstance referral) {
        List<String> where = runtimeService.createProcessInstanceQuery().processInstanceId(referral.getId()).count() > 0
                ? runtimeService.getActiveActivityIds(referral.getId()) : List.of("(ended)");
        String incidents = runtimeService.createIncidentQuery().processInstanceId(referral.getId()).list().stream()
                .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList().toString();
        Object ersProblem = runtimeService.createProcessInstanceQuery().processInstanceId(referral.getId()).count() > 0
                ? runtimeService.getVariable(referral.getId(), "ersErrorMessage") : null;
        return "; referral is at " + where + ", incidents " + incidents + ", e-RS problem: " + ersProblem;
    }

    /** The demo coordinator's user-restricted e-RS access token (they hold REFERRING_CLINICIAN_ADMIN at R69). */
    String coordinatorErsToken() {
        assertThat(app.get("/api/referrals/none-such", "coordinator").status()).isEqualTo(404);
        return userErsTokens.current("coordinator").orElseThrow().value();
    }

    Object variable(ProcessInstance referral, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(referral.getId()).variableName(name)
                .singleResult().getValue();
    }

    String firstSlot(ProcessInstance referral) {
        String slots = runtimeService.getVariable(referral.getId(), "slots").toString();
        JsonNode parsed = new LiveApplication.Answer(200, slots).json();
        assertThat(parsed).isNotEmpty();
        return parsed.get(0).get("value").asText();
    }

    JsonNode onlyReferral() {
        JsonNode referrals = app.get("/ers-sim/admin/referrals", "admin").json();
        assertThat(referrals).hasSize(1);
        return referrals.get(0);
    }

    String letterText(ProcessInstance referral) throws Exception {
        byte[] pdf = app.getBytes("/api/referrals/" + referral.getBusinessKey() + "/patient-letter", "coordinator");
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static Object json(String value) {
        return SpinValues.jsonValue(value).create();
    }

    static ByteArrayInputStream pdfBytes() throws Exception {
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.save(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }
}
