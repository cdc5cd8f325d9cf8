package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A start as Tasklist makes it (no specialty, the letter task asked for) against the real
 * application and the embedded e-RS: the need is described from e-RS's reference data, and the
 * patient letter is downloaded from its task under a name that says what it is. GP-system starts
 * with a specialty go straight to the search and end without either task.
 */
class TasklistStartAndLetterTaskTest extends LiveReferralTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aTasklistStartDescribesTheNeedFromErsReferenceDataAndGetsTheLetterTask() throws Exception {
        // What Tasklist's start form submits: no specialty, and the letter task ticked.
        LiveApplication.Answer submitted = app.post("/engine-rest/process-definition/key/ers-referral/submit-form", "coordinator",
                Map.of("variables", Map.of(
                        "nhsNumber", Map.of("value", "991 200 3888", "type", "String"),
                        "priority", Map.of("value", "URGENT", "type", "String"),
                        "patientLetterTask", Map.of("value", true, "type", "Boolean"))));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery()
                .processInstanceId(submitted.json().get("id").asText()).singleResult();

        Task describe = awaitTask(referral, TASK_DESCRIBE_NEED);
        assertThat(describe.getName()).isEqualTo("Describe the need — urgent");
        JsonNode specialties = app.get("/engine-rest/task/" + describe.getId() + "/form-variables?variableNames=specialtyOptions&deserializeValues=false",
                "coordinator").json().get("specialtyOptions");
        assertThat(specialties.get("type").asText()).isEqualTo("Json");
        JsonNode value = specialties.get("value");
        JsonNode specialtyOptions = value.isTextual() ? new LiveApplication.Answer(200, value.asText()).json() : value;
        assertThat(specialtyOptions.toString()).contains("{\"label\":\"Cardiology\",\"value\":\"CARDIOLOGY\"}")
                .contains("{\"label\":\"Orthopaedics\",\"value\":\"ORTHOPAEDICS\"}");
        assertThat(runtimeService.getVariable(referral.getId(), "clinicTypeOptions").toString())
                .contains("{\"label\":\"Cardiology: Lipid Management\",\"value\":\"LIPID_MANAGEMENT\",\"specialty\":\"CARDIOLOGY\"}");
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A010").asInt()).isZero();

        LiveApplication.Answer refused = app.post("/engine-rest/task/" + describe.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("specialty", Map.of("value", "CARDIOLOGY", "type", "String"),
                        "clinicType", Map.of("value", "SKIN_LESION", "type", "String"))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Clinic type Dermatology: Skin Lesion is not a clinic type of Cardiology");
        LiveApplication.Answer described = app.post("/engine-rest/task/" + describe.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("specialty", Map.of("value", "CARDIOLOGY", "type", "String"),
                        "clinicType", Map.of("value", "LIPID_MANAGEMENT", "type", "String"))));
        assertThat(described.status()).as(described.body()).isEqualTo(204);

        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        assertThat(awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER).getName()).isEqualTo("Attach referral letter — Cardiology, urgent");
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));

        Task give = awaitTask(referral, TASK_GIVE_PATIENT_LETTER);
        String ubrn = (String) runtimeService.getVariable(referral.getId(), "ubrn");
        assertThat(give.getName()).isEqualTo("Give the patient their letter — Cardiology, booked");
        String expectedName = "patient-letter-appointment-booked-" + ubrn + ".pdf";

        // Tasklist's own download of the File variable, as the form's link points to it.
        HttpResponse<byte[]> fromTask = download("/engine-rest/task/" + give.getId() + "/variables/patientLetter/data");
        assertThat(fromTask.statusCode()).isEqualTo(200);
        assertThat(fromTask.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"" + expectedName + "\"")
                .doesNotContain(NHS_NUMBER);
        assertThat(new String(fromTask.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = Loader.loadPDF(fromTask.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(ubrn).containsIgnoringCase("appointment");
        }
        // The GP-system API names it the same.
        HttpResponse<byte[]> fromApi = download("/api/referrals/" + referral.getBusinessKey() + "/patient-letter");
        assertThat(fromApi.statusCode()).isEqualTo(200);
        assertThat(fromApi.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"" + expectedName + "\"");
        assertThat(fromApi.body()).isEqualTo(fromTask.body());

        LiveApplication.Answer unconfirmed = app.post("/engine-rest/task/" + give.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of()));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("handed to the patient");
        complete(referral, TASK_GIVE_PATIENT_LETTER, Map.of("patientLetterHandover", "HANDED_OVER"));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
    }

    @Test
    void gpSystemStartsWithASpecialtyGoStraightToTheSearchAndEndWithoutExtraTasks() {
        ProcessInstance viaApi = start("api-unchanged-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(viaApi, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        complete(viaApi, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(viaApi).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        assertNeitherNewTask(viaApi);
        String ubrn = (String) variable(viaApi, "ubrn");
        assertThat(download("/api/referrals/api-unchanged-1/patient-letter").headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"patient-letter-shortlist-to-book-" + ubrn + ".pdf\"");

        LiveApplication.Answer started = app.post("/engine-rest/process-definition/key/ers-referral/start", "coordinator",
                Map.of("businessKey", "rest-unchanged-1", "variables", Map.of(
                        "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                        "priority", Map.of("value", "URGENT", "type", "String"),
                        "specialty", Map.of("value", "CARDIOLOGY", "type", "String"))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        ProcessInstance viaRest = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("rest-unchanged-1").processDefinitionKey(PROCESS_KEY).singleResult();
        complete(viaRest, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        complete(viaRest, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(viaRest).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);
        assertNeitherNewTask(viaRest);
    }

    @Test
    void aGpSystemCanAskForTheLetterTaskToo() {
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", Map.of("requestId", "api-letter-1",
                "nhsNumber", NHS_NUMBER, "priority", "TWO_WEEK_WAIT", "specialty", "CARDIOLOGY", "patientLetterTask", true));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("api-letter-1").processDefinitionKey(PROCESS_KEY).singleResult();
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        Task give = awaitTask(referral, TASK_GIVE_PATIENT_LETTER);
        assertThat(give.getName()).isEqualTo("Give the patient their letter — Cardiology, sent for triage");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(TASK_DESCRIBE_NEED).count()).isZero();
        complete(referral, TASK_GIVE_PATIENT_LETTER, Map.of("patientLetterHandover", "POSTED"));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);
    }

    private void assertNeitherNewTask(ProcessInstance referral) {
        for (String task : new String[] {TASK_DESCRIBE_NEED, TASK_GIVE_PATIENT_LETTER}) {
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                    .activityId(task).count()).as(task).isZero();
        }
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(TASK_SEARCH_SERVICES).count()).isEqualTo(1);
    }

    private HttpResponse<byte[]> download(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("coordinator:" + LiveApplication.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
