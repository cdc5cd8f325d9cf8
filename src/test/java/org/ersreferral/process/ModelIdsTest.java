package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Code names elements only through {@link ReferralProcess}: every id, error code, message and process
 * key it declares is in the models, every element a reader of the code meets (activities, events,
 * gateways) has its constant there, and every form the models refer to exists and is referred to.
 */
class ModelIdsTest {

    private static final List<Path> MODELS = ProcessPictures.MODELS.stream().map(Path::of).toList();
    /** How the models' element ids begin; a constant with such a value names an element. */
    private static final Pattern ELEMENT_ID = Pattern.compile(
            "(Task|Gateway|EndEvent|StartEvent|SequenceFlow|Flow|BoundaryEvent|SubProcess|Event|Error|Activity)_\\w+");
    private static final Path FORMS = Path.of("forms");

    private final List<BpmnModelInstance> models = MODELS.stream().map(path -> Bpmn.readModelFromFile(path.toFile())).toList();

    @Test
    void everyElementIdConstantIsAnElementOfTheModels() throws IllegalAccessException {
        Map<String, String> elementIds = constants(value -> ELEMENT_ID.matcher(value).matches());
        assertThat(elementIds).as("ReferralProcess declares element ids").hasSizeGreaterThan(40);

        Set<String> modelIds = allOf(BaseElement.class).stream().map(BaseElement::getId).collect(Collectors.toSet());
        assertThat(elementIds).allSatisfy((constant, id) -> assertThat(modelIds).as(constant).contains(id));
    }

    @Test
    void everyErrorCodeConstantIsAnErrorOfTheModelsAndEveryErrorHasOne() throws IllegalAccessException {
        Set<String> codes = new TreeSet<>(constantsNamed("ERROR_").values());
        Set<String> modelCodes = allOf(Error.class).stream().map(Error::getErrorCode).collect(Collectors.toCollection(TreeSet::new));

        assertThat(codes).isEqualTo(modelCodes);
    }

    @Test
    void processKeysAndMessagesAreTheModels() {
        assertThat(allOf(Process.class).stream().map(Process::getId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ReferralProcess.PROCESS_KEY, ReferralProcess.STEP_PROCESS_KEY, FollowUp.PROCESS_KEY,
                        WorklistSignIn.PROCESS_KEY);
        assertThat(allOf(Message.class).stream().map(Message::getName).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ReferralProcess.MESSAGE_CANCEL_REFERRAL, FollowUp.MESSAGE_ERS_REFERRAL_CHANGED,
                        FollowUp.MESSAGE_CHANGE_APPOINTMENT);
        assertThat(allOf(UserTask.class)).allSatisfy(task ->
                assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo(ReferralProcess.CANDIDATE_GROUP));
    }

    @Test
    void everyActivityEventAndGatewayOfTheModelsHasItsConstant() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>(constants(value -> ELEMENT_ID.matcher(value).matches()).values());
        Set<String> named = Stream.of(Activity.class, StartEvent.class, EndEvent.class, BoundaryEvent.class, Gateway.class,
                        IntermediateThrowEvent.class)
                .flatMap(type -> allOf(type).stream()).map(FlowElement::getId).collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).hasSizeGreaterThan(60);
        assertThat(declared).containsAll(named);
    }

    @Test
    void everyFormTheModelsReferToExistsAndEveryFormIsReferredTo() throws IOException {
        Set<String> referred = new TreeSet<>();
        for (UserTask task : allOf(UserTask.class)) {
            referred.add(formFile(task.getCamundaFormRef(), task.getCamundaFormKey(), task.getId()));
        }
        for (StartEvent start : allOf(StartEvent.class)) {
            if (start.getCamundaFormRef() != null || start.getCamundaFormKey() != null) {
                referred.add(formFile(start.getCamundaFormRef(), start.getCamundaFormKey(), start.getId()));
            }
        }
        Set<String> files;
        try (Stream<Path> listed = Files.list(FORMS)) {
            files = listed.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(referred).isEqualTo(files);
        // A Camunda Form is found by the id inside it, not by its file name.
        for (String file : files) {
            if (file.endsWith(".form")) {
                String id = new ObjectMapper().readTree(FORMS.resolve(file).toFile()).get("id").asText();
                assertThat(id + ".form").as(file).isEqualTo(file);
            }
        }
    }

    private static String formFile(String formRef, String formKey, String elementId) {
        if (formRef != null) {
            return formRef + ".form";
        }
        assertThat(formKey).as(elementId + " has a form").startsWith("embedded:/forms/");
        return formKey.substring("embedded:/forms/".length());
    }

    private <T extends ModelElementInstance> List<T> allOf(Class<T> type) {
        return models.stream().map(model -> model.getModelElementsByType(type)).flatMap(Collection::stream)
                .map(type::cast).toList();
    }

    private static Map<String, String> constantsNamed(String prefix) throws IllegalAccessException {
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, String> constant : constants(value -> true).entrySet()) {
            if (constant.getKey().substring(constant.getKey().indexOf('.') + 1).startsWith(prefix)) {
                found.put(constant.getKey(), constant.getValue());
            }
        }
        return found;
    }

    private static Map<String, String> constants(Predicate<String> valueTest) throws IllegalAccessException {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> declaring : List.of(ReferralProcess.class, FollowUp.class, WorklistSignIn.class)) {
            for (Field field : declaring.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                    String value = (String) field.get(null);
                    if (valueTest.test(value)) {
                        found.put(declaring.getSimpleName() + "." + field.getName(), value);
                    }
                }
            }
        }
        return found;
    }
}
