package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.lifecycle.LiveApplication.Answer;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.ReferralCodes;
import org.ersreferral.tasklist.WebappSession;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Malformed and forged input thrown at every way in, over HTTP against the running application:
 * the GP system API, its cancel, {@code /engine-rest} start, message and task completion,
 * Tasklist's engine API, and letter uploads as Tasklist sends them (base64 File variables). Each
 * must be answered with the exact status and a message naming the field, and change nothing: no
 * referral record or process instance, the tasks still open with the same variables, no incident,
 * no call to e-RS.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:malformed-input;DB_CLOSE_DELAY=-1",
        "ers.read-timeout=3s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputAttackTest {

    static final int PORT = LiveApplication.freePort();
    static final String NHS_NUMBER = "9912003888";
    static final String COORDINATOR = "coordinator";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReferralCodes codes;

    final LiveApplication app = new LiveApplication(PORT);

    /** Referrals waiting at a user task, the targets of the attacks. */
    String shortlistReferral;
    String letterReferral;
    String slotReferral;
    Task shortlistTask;
    Task letterTask;
    Task slotTask;
    private WebappSession webapp;

    record Attack(String name, Supplier<Answer> send, int status, String names) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void referralsWaitingAtTheirTasks() {
        // The demo users' e-RS sign-ins (made with an A030 at their first password sign-in) come before the
        // attacks, which must change nothing
        assertThat(app.get("/engine-rest/process-definition/count", "admin").status()).isEqualTo(200);
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
        shortlistReferral = startByApi("attack-shortlist");
        letterReferral = startByApi("attack-letter");
        slotReferral = startByApi("attack-slot");
        shortlistTask = awaitTask(shortlistReferral, TASK_CHOOSE_SHORTLIST);
        Map<String, Object> bookNow = Map.of("shortlist", SpinValues.jsonValue("[\"11002\"]").create(), "bookServiceId", "11002");
        taskService.complete(awaitTask(letterReferral, TASK_CHOOSE_SHORTLIST).getId(), bookNow);
        taskService.complete(awaitTask(slotReferral, TASK_CHOOSE_SHORTLIST).getId(), bookNow);
        letterTask = awaitTask(letterReferral, TASK_ATTACH_REFERRAL_LETTER);
        taskService.complete(awaitTask(slotReferral, TASK_ATTACH_REFERRAL_LETTER).getId(), Map.of("attachLater", true));
        slotTask = awaitTask(slotReferral, TASK_CHOOSE_SLOT);
        // Every code system the checks read is in the application's cache, so a refusal costs e-RS nothing.
        assertThat(codes.startProblems("CARDIOLOGY", "LIPID_MANAGEMENT")).isEmpty();
        assertThat(codes.cancellationReasonProblem("NO_LONGER_REQUIRED")).isNull();
        webapp = WebappSession.signIn(PORT, COORDINATOR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void isRefusedByNameAndChangesNothing(Attack attack) {
        Map<String, Object> before = state();

        Answer answer = attack.send().get();

        assertThat(answer.status()).as(answer.body()).isEqualTo(attack.status());
        assertThat(message(answer)).as(answer.body()).contains(attack.names());
        assertThat(answer.body()).doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(state()).isEqualTo(before);
    }

    Stream<Attack> attacks() {
        List<Attack> all = new ArrayList<>();
        all.addAll(apiStarts());
        all.addAll(apiCancels());
        all.addAll(engineStarts());
        all.addAll(taskRewrites());
        all.addAll(letterUploads());
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        return all.stream();
    }

    // --- POST /api/referrals --------------------------------------------------------------------

    List<Attack> apiStarts() {
        List<Attack> attacks = new ArrayList<>();
        attacks.add(api("malformed JSON", "{\"requestId\": \"m-1\", ", 400, "not well-formed JSON"));
        attacks.add(api("a JSON array, not an object", "[]", 400, "must be a JSON object"));
        attacks.add(api("a JSON string, not an object", "\"referral\"", 400, "must be a JSON object"));
        attacks.add(api("an empty body", "", 400, "must be a JSON object"));
        attacks.add(api("a JSON null", "null", 400, "must be a JSON object"));
        attacks.add(api("an unknown field", with("extra", "x"), 400, "Field 'extra' is not known"));
        attacks.add(api("a ubrn chosen by the caller", with("ubrn", "000000000001"), 400, "Field 'ubrn' is not known"));
        attacks.add(api("nhsNumber as a number", with("nhsNumber", 9912003888L), 400, "Field 'nhsNumber' must be a JSON string"));
        attacks.add(api("priority as an object", with("priority", Map.of("code", "URGENT")), 400, "Field 'priority' must be"));
        attacks.add(api("specialty as a list", with("specialty", List.of("CARDIOLOGY")), 400, "Field 'specialty' must be"));
        attacks.add(api("patientLetterTask as yes", with("patientLetterTask", "yes"), 400, "Field 'patientLetterTask' must be true or false"));
        attacks.add(api("patientLetterTask as 1", with("patientLetterTask", 1), 400, "Field 'patientLetterTask' must be true or false"));
        attacks.add(api("requestId as true", with("requestId", true), 400, "Field 'requestId' must be a JSON string"));
        attacks.add(api("requestId over 100 characters", with("requestId", "r".repeat(101)), 400,
                "requestId (business key) is longer than 100 characters"));
        attacks.add(api("requestId with a slash and a line break", with("requestId", "a/b\r\nc"), 400, "requestId (business key) must be"));
        attacks.add(api("requestId missing", without("requestId"), 400, "requestId is required"));
        attacks.add(api("nhsNumber of half a megabyte", with("nhsNumber", "9".repeat(1 << 19)), 400, "nhsNumber is longer than 12 characters"));
        attacks.add(api("nhsNumber with a wrong check digit", with("nhsNumber", "9912003889"), 400, "NHS number check digit is wrong"));
        attacks.add(api("priority unknown", with("priority", "SOMETIME"), 400, "priority 'SOMETIME' is unknown"));
        attacks.add(api("priority of 100 000 characters", with("priority", "U".repeat(100_000)), 400, "priority is unknown"));
        attacks.add(api("specialty not an e-RS code", with("specialty", "NOT_A_SPECIALTY"), 400,
                "specialty is not an e-RS specialty code"));
        attacks.add(api("specialty over 64 characters", with("specialty", "C".repeat(65)), 400, "specialty is longer than 64 characters"));
        attacks.add(api("specialty missing", without("specialty"), 400, "specialty is required"));
        attacks.add(api("clinicType not an e-RS code", with("clinicType", "NO_SUCH_CLINIC"), 400,
                "clinicType is not an e-RS clinic type code"));
        attacks.add(api("clinicType of another specialty", with("clinicType", "SKIN_LESION"), 400,
                "clinicType SKIN_LESION is not a clinic type of specialty CARDIOLOGY"));
        attacks.add(api("clinicalTerm over 200 characters", with("clinicalTerm", "t".repeat(201)), 400,
                "clinicalTerm is longer than 200 characters"));
        attacks.add(api("clinicalTerm with a line break", with("clinicalTerm", "chest\r\npain"), 400,
                "clinicalTerm must not hold control characters"));
        attacks.add(api("namedClinician over 100 characters", with("namedClinician", "n".repeat(101)), 400,
                "namedClinician is longer than 100 characters"));
        attacks.add(api("postcode not a UK postcode", with("postcode", "90210"), 400, "postcode must be a UK postcode such as LS1 4AP"));
        attacks.add(api("a body over 1 MB", with("clinicalTerm", "t".repeat(1024 * 1024)), 413,
                "at most 1 MB (1048576 bytes)"));
        attacks.add(new Attack("API start as text/plain", () -> send("POST", "/api/referrals", "text/plain", JSON_START()), 415,
                "Content-Type must be application/json"));
        return attacks;
    }

    // --- POST /api/referrals/{id}/cancel --------------------------------------------------------

    List<Attack> apiCancels() {
        String path = "/api/referrals/attack-letter/cancel";
        List<Attack> attacks = new ArrayList<>();
        attacks.add(cancel("a reason that is not an e-RS code", Map.of("reason", "BECAUSE"), 400,
                "reason must be an e-RS cancellation reason code"));
        attacks.add(cancel("a reason over 64 characters", Map.of("reason", "R".repeat(65)), 400, "reason is longer than 64 characters"));
        attacks.add(cancel("a comment over 1000 characters", Map.of("reason", "NO_LONGER_REQUIRED", "comment", "c".repeat(1001)), 400,
                "comment is longer than 1000 characters"));
        attacks.add(cancel("another referral's ubrn", Map.of("reason", "NO_LONGER_REQUIRED", "ubrn", "000000000001"), 400,
                "Field 'ubrn' is not known"));
        attacks.add(cancel("a reason as a number", Map.of("reason", 7), 400, "Field 'reason' must be a JSON string"));
        attacks.add(new Attack("cancel with malformed JSON", () -> app.post(path, COORDINATOR, "{\"reason\": "), 400, "not well-formed JSON"));
        attacks.add(new Attack("cancel with a JSON array", () -> app.post(path, COORDINATOR, "[\"NO_LONGER_REQUIRED\"]"), 400,
                "must be a JSON object"));
        attacks.add(new Attack("cancel as text/plain", () -> send("POST", path, "text/plain", "NO_LONGER_REQUIRED"), 415,
                "Content-Type must be application/json"));
        return attacks;
    }

    // --- /engine-rest and Tasklist start ----------------------------------------------------------

    List<Attack> engineStarts() {
        List<Attack> attacks = new ArrayList<>();
        for (String forged : List.of("ubrn", "services", "outcome", "createAndSendForTriage", "letterAttachments")) {
            attacks.add(engineStart("start setting " + forged, startVariables(Map.of(forged, string("forged"))), 400,
                    "variable '" + forged + "' may not be set at the start"));
        }
        attacks.add(engineStart("nhsNumber as an Integer", startVariables(Map.of("nhsNumber", typed(123, "Integer"))), 400,
                "nhsNumber must be text (String)"));
        attacks.add(engineStart("nhsNumber as a serialized Java object", startVariables(Map.of("nhsNumber", Map.of("value", "rO0AB",
                "type", "Object", "valueInfo", Map.of("objectTypeName", "java.lang.String",
                        "serializationDataFormat", "application/x-java-serialized-object")))), 400, "nhsNumber must be text (String)"));
        attacks.add(engineStart("patientLetterTask as the text true", startVariables(Map.of("patientLetterTask", string("true"))), 400,
                "patientLetterTask must be true or false (Boolean)"));
        attacks.add(engineStart("nhsNumber of half a megabyte", startVariables(Map.of("nhsNumber", string("9".repeat(1 << 19)))), 400,
                "nhsNumber is longer than 12 characters"));
        attacks.add(engineStart("specialty not an e-RS code", startVariables(Map.of("specialty", string("NOT_A_SPECIALTY"))), 400,
                "specialty is not an e-RS specialty code"));
        attacks.add(engineStart("clinicType not an e-RS code", startVariables(Map.of("clinicType", string("NO_SUCH_CLINIC"))), 400,
                "clinicType is not an e-RS clinic type code"));
        attacks.add(engineStart("postcode not a UK postcode", startVariables(Map.of("postcode", string("90210"))), 400,
                "postcode must be a UK postcode"));
        Map<String, Object> longKey = new HashMap<>(startBody(Map.of()));
        longKey.put("businessKey", "k".repeat(101));
        attacks.add(new Attack("a business key over 100 characters", () -> app.post(ENGINE_START, COORDINATOR, longKey), 400,
                "requestId (business key) is longer than 100 characters"));
        Map<String, Object> crlfKey = new HashMap<>(startBody(Map.of()));
        crlfKey.put("businessKey", "key\r\nforged: yes");
        attacks.add(new Attack("a business key with a line break", () -> app.post(ENGINE_START, COORDINATOR, crlfKey), 400,
                "requestId (business key) must be"));
        Map<String, Object> partWay = new HashMap<>(startBody(Map.of()));
        partWay.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", TASK_CHOOSE_SLOT)));
        attacks.add(new Attack("a start part-way at the slot task", () -> app.post(ENGINE_START, COORDINATOR, partWay), 400,
                "starts only at its start event"));
        attacks.add(new Attack("a start form submitted with a ubrn",
                () -> app.post("/engine-rest/process-definition/key/ers-referral/submit-form", COORDINATOR,
                        Map.of("variables", startVariables(Map.of("ubrn", string("000000000001"))))), 400,
                "variable 'ubrn' may not be set at the start"));
        attacks.add(new Attack("a start form submitted with an unknown specialty",
                () -> app.post("/engine-rest/process-definition/key/ers-referral/submit-form", COORDINATOR,
                        Map.of("variables", startVariables(Map.of("specialty", string("NOT_A_SPECIALTY"))))), 400,
                "specialty is not an e-RS specialty code"));
        attacks.add(new Attack("Tasklist's start form with slots",
                () -> tasklist("/engine/default/process-definition/key/ers-referral/submit-form",
                        Map.of("variables", startVariables(Map.of("slots", json("[]"))))), 400,
                "variable 'slots' may not be set at the start"));
        return attacks;
    }

    // --- task completion: rewriting what the process stored -------------------------------------

    List<Attack> taskRewrites() {
        List<Attack> attacks = new ArrayList<>();
        Map<String, Object> forgedServices = Map.of("shortlist", json("[\"99999\"]"),
                "services", json("[{\"value\":\"99999\",\"name\":\"Forged\",\"bookableType\":\"DIRECTLY_BOOKABLE\"}]"));
        Map<String, Map<String, Object>> rewrites = new LinkedHashMap<>();
        rewrites.put("ubrn", Map.of("ubrn", string("000000000001")));
        rewrites.put("services", forgedServices);
        rewrites.put("slots", Map.of("slots", json("[]")));
        rewrites.put("outcome", Map.of("outcome", string("BOOKED")));
        rewrites.put("nhsNumber", Map.of("nhsNumber", string("9434765919")));
        rewrites.put("bookableServices", Map.of("bookableServices", json("[]")));
        rewrites.forEach((name, variables) -> {
            attacks.add(complete("complete shortlist task rewriting " + name, () -> shortlistTask, variables, 400,
                    "Variable '" + name + "' may not be written by completing this task"));
            attacks.add(submit("submit shortlist form rewriting " + name, () -> shortlistTask, variables, 400,
                    "Variable '" + name + "' may not be written by completing this task"));
            attacks.add(new Attack("Tasklist submits shortlist form rewriting " + name,
                    () -> tasklist("/engine/default/task/" + shortlistTask.getId() + "/submit-form", Map.of("variables", variables)),
                    400, "Variable '" + name + "' may not be written by completing this task"));
        });
        attacks.add(complete("shortlist as an Integer", () -> shortlistTask, Map.of("shortlist", typed(11002, "Integer")), 400,
                "shortlist must be a JSON list"));
        attacks.add(complete("shortlist that is not JSON", () -> shortlistTask, Map.of("shortlist", json("not json")), 400,
                "shortlist must be a JSON list of texts"));
        attacks.add(complete("shortlist as a JSON object", () -> shortlistTask, Map.of("shortlist", string("{\"11002\": true}")), 400,
                "shortlist must be a JSON list of texts"));
        attacks.add(complete("shortlist of objects", () -> shortlistTask, Map.of("shortlist", json("[{\"value\":\"11002\"}]")), 400,
                "shortlist must be a JSON list of texts"));
        attacks.add(complete("bookServiceId over 100 characters", () -> shortlistTask,
                Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", string("1".repeat(101))), 400,
                "bookServiceId is longer than 100 characters"));
        attacks.add(complete("slot task rewriting slots to offer a forged slot", () -> slotTask,
                Map.of("slotId", string("forged-slot"), "slots", json("[{\"value\":\"forged-slot\"}]")), 400,
                "Variable 'slots' may not be written by completing this task"));
        attacks.add(complete("slot task with a slot not offered", () -> slotTask, Map.of("slotId", string("forged-slot")), 400,
                "Slot forged-slot is not one of the free slots offered"));
        attacks.add(complete("slot task with a deferral comment over 1000 characters", () -> slotTask,
                Map.of("deferToProvider", typed(true, "Boolean"), "deferralComment", string("c".repeat(1001))), 400,
                "deferralComment is longer than 1000 characters"));
        attacks.add(complete("slot task with deferToProvider as text", () -> slotTask, Map.of("deferToProvider", string("true")), 400,
                "deferToProvider must be true or false (Boolean)"));
        attacks.add(complete("slot task rewriting the outcome", () -> slotTask,
                Map.of("deferToProvider", typed(true, "Boolean"), "outcome", string("BOOKED")), 400,
                "Variable 'outcome' may not be written by completing this task"));
        attacks.add(complete("letter task rewriting the ubrn", () -> letterTask,
                Map.of("attachLater", typed(true, "Boolean"), "ubrn", string("000000000001")), 400,
                "Variable 'ubrn' may not be written by completing this task"));
        // Messages on /engine-rest are for administrators only (coordinators get 403 at its edge); even theirs are checked.
        attacks.add(new Attack("a cancellation message re-pointing the ubrn", () -> app.post("/engine-rest/message", "admin",
                Map.of("messageName", MESSAGE_CANCEL_REFERRAL, "processInstanceId", letterReferral,
                        "processVariables", Map.of("ubrn", string("000000000001")))), 400,
                "Variable 'ubrn' may not be set by a message"));
        attacks.add(new Attack("a cancellation message with a comment over 1000 characters", () -> app.post("/engine-rest/message",
                "admin", Map.of("messageName", MESSAGE_CANCEL_REFERRAL, "processInstanceId", letterReferral,
                        "processVariables", Map.of("cancellationComment", string("c".repeat(1001))))), 400,
                "cancellationComment is longer than 1000 characters"));
        return attacks;
    }

    // --- letter files, as Tasklist uploads them ---------------------------------------------------

    List<Attack> letterUploads() {
        byte[] pdf = "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
        List<Attack> attacks = new ArrayList<>();
        attacks.add(letter("an executable declared as a PDF", file("letter.pdf", "application/pdf", exe), 400,
                "letter.pdf is not of its declared type application/pdf"));
        attacks.add(letter("a PDF declared as a PNG", file("scan.png", "image/png", pdf), 400,
                "scan.png is not of its declared type image/png"));
        attacks.add(letter("a text file holding binary", file("notes.txt", "text/plain", new byte[] {'a', 0, 0, 'b'}), 400,
                "notes.txt is not of its declared type text/plain"));
        attacks.add(letter("a program declared as text", file("notes.txt", "text/plain", exe), 400,
                "notes.txt is not of its declared type text/plain"));
        attacks.add(letter("an .exe name with a PDF type", file("run.exe", "application/pdf", pdf), 400,
                "run.exe must end in .pdf"));
        attacks.add(letter("an executable's own type", file("run.exe", "application/x-msdownload", exe), 400,
                "type e-RS does not accept"));
        attacks.add(letter("a file name with CR/LF", file("letter\r\nContent-Type: text/html.pdf", "application/pdf", pdf), 400,
                "name holds control characters"));
        attacks.add(letter("a file name with a path", file("../../etc/letter.pdf", "application/pdf", pdf), 400,
                "name must not hold a path"));
        attacks.add(letter("a file name with a Windows path", file("C:\\temp\\letter.pdf", "application/pdf", pdf), 400,
                "name must not hold a path"));
        attacks.add(letter("a file name over 255 characters", file("l".repeat(252) + ".pdf", "application/pdf", pdf), 400,
                "name is longer than 255 characters"));
        attacks.add(letter("an empty file", file("letter.pdf", "application/pdf", new byte[0]), 400, "letter.pdf is empty"));
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        attacks.add(letter("a file over 5 MB", file("big.pdf", "application/pdf", big), 400, "big.pdf is larger than e-RS accepts"));
        attacks.add(complete("a File variable of another name", () -> letterTask, Map.of("patientLetter",
                file("letter.pdf", "application/pdf", pdf)), 400, "Variable 'patientLetter' may not be written by completing this task"));
        attacks.add(complete("a letter file given as text", () -> letterTask, Map.of("referralLetter1", string("letter.pdf")), 400,
                "referralLetter1 must be a file (File)"));
        attacks.add(new Attack("Tasklist uploads an executable declared as a PDF",
                () -> tasklist("/engine/default/task/" + letterTask.getId() + "/submit-form",
                        Map.of("variables", Map.of("referralLetter1", file("letter.pdf", "application/pdf", exe)))), 400,
                "letter.pdf is not of its declared type application/pdf"));
        attacks.add(new Attack("Tasklist uploads a file name with CR/LF",
                () -> tasklist("/engine/default/task/" + letterTask.getId() + "/submit-form",
                        Map.of("variables", Map.of("referralLetter2", file("a\nb.pdf", "application/pdf", pdf)))), 400,
                "name holds control characters"));
        return attacks;
    }

    // --- what must not change -------------------------------------------------------------------

    private Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        state.put("referral records", jdbc.queryForObject("select count(*) from referral_record", Long.class));
        state.put("process instances", runtimeService.createProcessInstanceQuery().count());
        state.put("incidents", runtimeService.createIncidentQuery().count());
        state.put("e-RS calls", app.get("/ers-sim/admin/calls", "admin").body());
        state.put("e-RS referrals", app.get("/ers-sim/admin/referrals", "admin").body());
        for (Task task : List.of(shortlistTask, letterTask, slotTask)) {
            state.put("task " + task.getTaskDefinitionKey() + " open", taskService.createTaskQuery().taskId(task.getId()).count());
            state.put("task " + task.getTaskDefinitionKey() + " variables", values(taskService.getVariablesLocalTyped(task.getId(), false)));
        }
        for (String referral : List.of(shortlistReferral, letterReferral, slotReferral)) {
            state.put("variables of " + referral, values(runtimeService.getVariablesTyped(referral, false)));
        }
        return state;
    }

    private static Map<String, String> values(Map<String, Object> typed) {
        Map<String, String> values = new TreeMap<>();
        typed.forEach((name, value) -> {
            TypedValue v = (TypedValue) ((org.camunda.bpm.engine.variable.VariableMap) typed).getValueTyped(name);
            values.put(name, v instanceof FileValue file ? "File " + file.getFilename()
                    : v instanceof SerializableValue s ? s.getValueSerialized() : String.valueOf(v.getValue()));
        });
        return values;
    }

    // --- requests ---------------------------------------------------------------------------------

    static final String ENGINE_START = "/engine-rest/process-definition/key/ers-referral/start";

    private static Map<String, Object> goodStart() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", "attack-new-1");
        body.put("nhsNumber", NHS_NUMBER);
        body.put("priority", "URGENT");
        body.put("specialty", "CARDIOLOGY");
        body.put("clinicType", "LIPID_MANAGEMENT");
        return body;
    }

    private static String JSON_START() {
        try {
            return JSON.writeValueAsString(goodStart());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = goodStart();
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = goodStart();
        body.remove(field);
        return body;
    }

    private Attack api(String name, Object body, int status, String names) {
        return new Attack("POST /api/referrals: " + name, () -> app.post("/api/referrals", COORDINATOR, body), status, names);
    }

    private Attack cancel(String name, Map<String, Object> body, int status, String names) {
        return new Attack("cancel: " + name, () -> app.post("/api/referrals/attack-letter/cancel", COORDINATOR, body), status, names);
    }

    private static Map<String, Object> startVariables(Map<String, Object> extra) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("nhsNumber", string(NHS_NUMBER));
        variables.put("priority", string("URGENT"));
        variables.put("specialty", string("CARDIOLOGY"));
        variables.putAll(extra);
        return variables;
    }

    private static Map<String, Object> startBody(Map<String, Object> extra) {
        return Map.of("businessKey", "attack-engine-1", "variables", startVariables(extra));
    }

    private Attack engineStart(String name, Map<String, Object> variables, int status, String names) {
        return new Attack("/engine-rest start: " + name,
                () -> app.post(ENGINE_START, COORDINATOR, Map.of("businessKey", "attack-engine-1", "variables", variables)), status, names);
    }

    private Attack complete(String name, Supplier<Task> task, Map<String, Object> variables, int status, String names) {
        return new Attack("/engine-rest complete: " + name,
                () -> app.post("/engine-rest/task/" + task.get().getId() + "/complete", COORDINATOR, Map.of("variables", variables)),
                status, names);
    }

    private Attack submit(String name, Supplier<Task> task, Map<String, Object> variables, int status, String names) {
        return new Attack("/engine-rest submit-form: " + name,
                () -> app.post("/engine-rest/task/" + task.get().getId() + "/submit-form", COORDINATOR, Map.of("variables", variables)),
                status, names);
    }

    private Attack letter(String name, Map<String, Object> file, int status, String names) {
        return complete("letter upload: " + name, () -> letterTask, Map.of("referralLetter1", file), status, names);
    }

    private static Map<String, Object> string(String value) {
        return typed(value, "String");
    }

    private static Map<String, Object> json(String value) {
        return typed(value, "Json");
    }

    private static Map<String, Object> typed(Object value, String type) {
        Map<String, Object> typed = new HashMap<>();
        typed.put("value", value);
        typed.put("type", type);
        return typed;
    }

    /** A File variable as Tasklist sends it: base64 contents, name and type in valueInfo. */
    private static Map<String, Object> file(String name, String mimeType, byte[] contents) {
        return Map.of("type", "File", "value", Base64.getEncoder().encodeToString(contents),
                "valueInfo", Map.of("filename", name, "mimeType", mimeType));
    }

    /** What Tasklist sends: JSON through the webapps' engine API, in its signed-in session. */
    private Answer tasklist(String path, Object body) {
        try {
            return webapp.postEngineApi(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(String method, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (COORDINATOR + ":" + LiveApplication.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return app.send(request);
    }

    private static String message(Answer answer) {
        JsonNode body = answer.json();
        return body.hasNonNull("detail") ? body.get("detail").asText() : body.path("message").asText();
    }

    private String startByApi(String requestId) {
        Map<String, Object> body = goodStart();
        body.put("requestId", requestId);
        Answer answer = app.post("/api/referrals", COORDINATOR, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("processInstanceId").asText();
    }

    private Task awaitTask(String referral, String taskKey) {
        return Await.task(taskService, runtimeService, referral, taskKey, Duration.ofSeconds(30));
    }
}
