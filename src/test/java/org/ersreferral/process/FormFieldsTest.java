package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The allow-lists of {@link FormFields} are exactly the fields of the deployed forms, task by task. */
class FormFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CAM_VARIABLE = Pattern.compile("cam-variable-name=\"([^\"]+)\"");
    private static final Pattern DATA_VARIABLE = Pattern.compile("data-variable-name=\"([^\"]+)\"");

    @Test
    void everyUserTaskOfEveryProcessHasAnAllowListAndItIsItsFormsFields() throws IOException {
        Map<String, Set<String>> fromForms = new TreeMap<>();
        for (String file : ProcessPictures.MODELS) {
            BpmnModelInstance model = Bpmn.readModelFromFile(Path.of(file).toFile());
            String process = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                fromForms.put(process + " " + task.getId(), formFields(task.getCamundaFormRef(), task.getCamundaFormKey()));
            }
        }
        Map<String, Set<String>> allowed = new TreeMap<>();
        FormFields.TASK_FORMS.forEach((process, tasks) -> tasks.forEach((task, fields) -> {
            Set<String> names = fields.stream().map(FormFields.Field::name).collect(Collectors.toCollection(TreeSet::new));
            if (ReferralProcess.TASK_ATTACH_REFERRAL_LETTER.equals(task)) {
                names.add("<letter files>");
            }
            allowed.put(process + " " + task, names);
        }));

        assertThat(allowed).isEqualTo(fromForms);
        assertThat(FormFields.ofTask(ReferralProcess.STEP_PROCESS_KEY, ReferralProcess.TASK_RESOLVE_REJECTION,
                ReferralVariables.RESOLUTION.name())).isPresent();
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_RESOLVE_REJECTION,
                ReferralVariables.RESOLUTION.name())).isEmpty();
    }

    @Test
    void theStartFormsFieldsAreTheStartFormAllowListAndTheApiAddsOnlyTheNeedAndTheOrganisation() throws IOException {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn/ers-referral.bpmn").toFile());
        StartEvent start = model.getModelElementById(ReferralProcess.START_REFERRAL_REQUESTED);

        assertThat(formFields(start.getCamundaFormRef(), start.getCamundaFormKey()))
                .isEqualTo(FormFields.START_FORM.stream().map(FormFields.Field::name).collect(Collectors.toSet()));
        assertThat(FormFields.START_API_EXTRA).extracting(FormFields.Field::name)
                .containsExactlyInAnyOrder(ReferralVariables.SPECIALTY.name(), ReferralVariables.CLINIC_TYPE.name(), ReferralVariables.CLINICAL_TERM.name(),
                        org.ersreferral.security.Organisations.START_VARIABLE);
    }

    @Test
    void theFormsMaximumLengthsAreNoLongerThanTheAllowListsOnes() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path form : Files.newDirectoryStream(Path.of("forms"), "*.form")) {
            for (JsonNode component : components(JSON.readTree(form.toFile()), new ArrayList<>())) {
                JsonNode max = component.path("validate").path("maxLength");
                String key = component.path("key").asText(null);
                if (!max.isMissingNode() && key != null) {
                    int allowed = FormFields.start().stream().filter(f -> f.name().equals(key)).findFirst()
                            .or(() -> FormFields.TASK_FORMS.values().stream().flatMap(tasks -> tasks.values().stream()).flatMap(List::stream).filter(f -> f.name().equals(key)).findFirst())
                            .orElseThrow().maxLength();
                    if (max.asInt() > allowed) {
                        tooLong.add(form.getFileName() + " " + key);
                    }
                }
            }
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void letterFilesAreFilesNamedLikeTheFormsInputs() {
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_ATTACH_REFERRAL_LETTER, "referralLetter1")).get()
                .extracting(FormFields.Field::kind).isEqualTo(FormFields.Kind.FILE);
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_ATTACH_REFERRAL_LETTER, "referralLetterX")).isEmpty();
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_CHOOSE_SLOT, "referralLetter1")).isEmpty();
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_CHOOSE_SLOT, ReferralVariables.SLOTS.name())).isEmpty();
        assertThat(FormFields.ofTask(ReferralProcess.PROCESS_KEY, ReferralProcess.TASK_CHOOSE_SHORTLIST, ReferralVariables.SERVICES.name())).isEmpty();
        assertThat(FormFields.ofStart(ReferralVariables.UBRN.name())).isEmpty();
    }

    private static Set<String> formFields(String formRef, String formKey) throws IOException {
        Set<String> names = new TreeSet<>();
        if (formRef != null) {
            for (JsonNode component : components(JSON.readTree(Path.of("forms", formRef + ".form").toFile()), new ArrayList<>())) {
                if (component.hasNonNull("key")) {
                    names.add(component.get("key").asText());
                }
            }
        } else if (formKey != null) {
            String html = Files.readString(Path.of(formKey.replace("embedded:/", "")));
            Matcher cam = CAM_VARIABLE.matcher(html);
            while (cam.find()) {
                names.add(cam.group(1));
            }
            Matcher files = DATA_VARIABLE.matcher(html);
            Set<String> fileNames = new HashSet<>();
            while (files.find()) {
                fileNames.add(files.group(1));
            }
            if (!fileNames.isEmpty()) {
                assertThat(fileNames).allMatch(name -> FormFields.LETTER_FILE_NAME.matcher(name).matches());
                names.add("<letter files>");
            }
        }
        return names;
    }

    private static List<JsonNode> components(JsonNode node, List<JsonNode> found) {
        for (JsonNode component : node.path("components")) {
            found.add(component);
            components(component, found);
        }
        return found;
    }
}
