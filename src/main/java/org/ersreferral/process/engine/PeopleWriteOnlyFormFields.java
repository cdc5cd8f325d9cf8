package org.ersreferral.process.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.BooleanValue;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.ersreferral.process.FormFields;
import org.ersreferral.process.ReferralInputRefused;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.StartInput;
import org.ersreferral.security.AccessGroups;
import org.springframework.stereotype.Component;

/**
 * People write into a referral only through forms, whatever API they use ({@code /engine-rest},
 * Tasklist's engine API, Java): when an authenticated user completes a task or submits its form,
 * each variable must be a field of that task's form ({@link FormFields}), of the right type and
 * length; a start of {@code ers-referral} takes only the start fields; a message (the cancellation)
 * carries only the cancellation's fields; and the process cannot be started part-way, past its
 * start checks. Anything else is refused before the command runs, so nothing changes.
 * Commands the process runs by itself (no authenticated user, or nested in another command) are
 * not checked: its delegates and listeners write the process's own variables.
 */
@Component
class PeopleWriteOnlyFormFields extends AbstractProcessEnginePlugin {

    // The commands keep what they were asked to do in protected fields with no getter. They are
    // read by reflection, resolved once here so that a Camunda upgrade that renames one fails the
    // start of the application instead of silently letting every variable through.
    private static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
    private static final Field SUBMIT_START_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
    private static final Field SUBMIT_START_BUSINESS_KEY = field(SubmitStartFormCmd.class, "businessKey");
    private static final Field SUBMIT_START_VARIABLES = field(SubmitStartFormCmd.class, "variables");
    private static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
    private static final Field START_AT_BUILDER = field(StartProcessInstanceAtActivitiesCmd.class, "instantiationBuilder");
    private static final Field MESSAGE_BUILDER = field(AbstractCorrelateMessageCmd.class, "builder");
    private static final Field SAVED_TASK = field(SaveTaskCmd.class, "task");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessEngineConfigurationImpl configuration;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        CommandInterceptor guard = new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                check(command);
                return next.execute(command);
            }
        };
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(guard);
    }

    private void check(Command<?> command) {
        Authentication user = configuration.getIdentityService().getCurrentAuthentication();
        // Only what a person asked for directly: a command inside another one is the engine's own work.
        if (user == null || Context.getCommandContext() != null) {
            return;
        }
        if (command instanceof CompleteTaskCmd) {
            checkTask((String) read(COMPLETE_TASK_ID, command), asMap(read(COMPLETE_VARIABLES, command)));
        } else if (command instanceof SubmitTaskFormCmd) {
            checkTask((String) read(SUBMIT_TASK_ID, command), asMap(read(SUBMIT_VARIABLES, command)));
        } else if (command instanceof SubmitStartFormCmd) {
            if (isReferral(null, (String) read(SUBMIT_START_DEFINITION, command))) {
                checkStart((String) read(SUBMIT_START_BUSINESS_KEY, command), asMap(read(SUBMIT_START_VARIABLES, command)));
            }
        } else if (command instanceof StartProcessInstanceCmd) {
            ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_BUILDER, command);
            if (isReferral(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId())) {
                checkStart(builder.getBusinessKey(), builder.getVariables());
            }
        } else if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_AT_BUILDER, command);
            if (isReferral(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId())) {
                throw new ReferralInputRefused("A referral starts only at its start event ("
                        + ReferralProcess.START_REFERRAL_REQUESTED + "); start instructions are not allowed");
            }
        } else if (command instanceof AbstractCorrelateMessageCmd) {
            checkMessage((MessageCorrelationBuilderImpl) read(MESSAGE_BUILDER, command));
        } else if (command instanceof SaveTaskCmd) {
            checkTaskUpdate(user, (TaskEntity) read(SAVED_TASK, command));
        }
    }

    /**
     * Coordinators hold TASK_ASSIGN so that Tasklist's unclaim works, and the engine lets the same
     * permission save a whole task: a referral's task keeps the name, priority and dates the process gave it.
     */
    private void checkTaskUpdate(Authentication user, TaskEntity task) {
        if (task == null || task.getProcessDefinitionId() == null || user.getGroupIds() != null
                && user.getGroupIds().contains(AccessGroups.ADMINS)) {
            return;
        }
        boolean referralTask = configuration.getCommandExecutorTxRequired().execute(context -> FormFields.isReferralProcess(
                context.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey()));
        if (referralTask) {
            throw new ReferralInputRefused("A referral's task is changed only by working it: claim, unclaim or complete it");
        }
    }

    private void checkTask(String taskId, Map<String, ?> variables) {
        if (taskId == null || variables == null || variables.isEmpty()) {
            return;
        }
        // The process definition key and the task definition key: an allow-list is per task of each process.
        Optional<String[]> taskKey = configuration.getCommandExecutorTxRequired().execute(context -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null || task.getProcessDefinitionId() == null) {
                return Optional.<String[]>empty();
            }
            ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDeployedProcessDefinitionById(task.getProcessDefinitionId());
            return FormFields.isReferralProcess(definition.getKey())
                    ? Optional.of(new String[] {definition.getKey(), task.getTaskDefinitionKey()}) : Optional.<String[]>empty();
        });
        if (taskKey.isEmpty()) {
            // Not a referral's task, or no such task: the command itself answers.
            return;
        }
        String process = taskKey.get()[0];
        String key = taskKey.get()[1];
        for (String name : variables.keySet()) {
            FormFields.Field field = FormFields.ofTask(process, key, name).orElseThrow(() -> new ReferralInputRefused("Variable '"
                    + name + "' may not be written by completing this task; its form's fields are "
                    + FormFields.namesOfTask(process, key)));
            refuseIfBad(field, typed(variables, name));
        }
    }

    private void checkStart(String businessKey, Map<String, ?> variables) {
        String businessKeyProblem = StartInput.requestIdProblem(businessKey, true);
        if (businessKeyProblem != null) {
            throw new ReferralInputRefused("Referral not started: " + businessKeyProblem);
        }
        if (variables == null) {
            return;
        }
        for (String name : variables.keySet()) {
            FormFields.Field field = FormFields.ofStart(name).orElseThrow(() -> new ReferralInputRefused("Referral not started: variable '"
                    + name + "' may not be set at the start; the start fields are " + FormFields.namesOfStart()));
            refuseIfBad(field, typed(variables, name));
        }
    }

    /** Only the cancellation carries data, and only its reason and comment. */
    private void checkMessage(MessageCorrelationBuilderImpl builder) {
        List<Map<String, ?>> payloads = new ArrayList<>();
        payloads.add(builder.getPayloadProcessInstanceVariables());
        payloads.add(builder.getPayloadProcessInstanceVariablesLocal());
        payloads.add(builder.getPayloadProcessInstanceVariablesToTriggeredScope());
        for (Map<String, ?> payload : payloads) {
            if (payload == null) {
                continue;
            }
            for (String name : payload.keySet()) {
                FormFields.Field field = FormFields.CANCELLATION.stream().filter(f -> f.name().equals(name)).findFirst()
                        .orElseThrow(() -> new ReferralInputRefused("Variable '" + name + "' may not be set by a message; a "
                                + ReferralProcess.MESSAGE_CANCEL_REFERRAL + " message may carry " + FormFields.CANCELLATION.stream()
                                .map(FormFields.Field::name).toList()));
                refuseIfBad(field, typed(payload, name));
            }
        }
    }

    private static void refuseIfBad(FormFields.Field field, TypedValue value) {
        String problem = problem(field, value);
        if (problem != null) {
            throw new ReferralInputRefused(problem);
        }
    }

    /** What is wrong with the value of a form field, or null. */
    static String problem(FormFields.Field field, TypedValue value) {
        String name = field.name();
        if (field.kind() == FormFields.Kind.FILE) {
            return value instanceof FileValue ? null : name + " must be a file (File)";
        }
        if (value == null || isNull(value)) {
            return null;
        }
        String typeName = value.getType() == null ? null : value.getType().getName();
        switch (field.kind()) {
            case TEXT -> {
                if (!(value instanceof StringValue || (typeName == null && value.getValue() instanceof String))) {
                    return name + " must be text (String)";
                }
                return ((String) value.getValue()).length() > field.maxLength()
                        ? name + " is longer than " + field.maxLength() + " characters" : null;
            }
            case FLAG -> {
                return value instanceof BooleanValue || (typeName == null && value.getValue() instanceof Boolean)
                        ? null : name + " must be true or false (Boolean)";
            }
            case JSON_LIST -> {
                String text = null;
                if (value instanceof JsonValue json) {
                    text = json.isDeserialized() ? String.valueOf(json.getValue()) : json.getValueSerialized();
                } else if (value instanceof StringValue || (typeName == null && value.getValue() instanceof String)) {
                    text = (String) value.getValue();
                } else if (typeName == null && value.getValue() instanceof SpinJsonNode node) {
                    text = node.toString();
                }
                if (text == null) {
                    return name + " must be a JSON list (Json or String)";
                }
                if (text.length() > field.maxLength()) {
                    return name + " is longer than " + field.maxLength() + " characters";
                }
                return isListOfTexts(text) ? null : name + " must be a JSON list of texts, e.g. [\"11002\"]";
            }
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private static boolean isListOfTexts(String text) {
        try {
            JsonNode list = JSON.readTree(text);
            if (list == null || !list.isArray()) {
                return false;
            }
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean isNull(TypedValue value) {
        if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
            return false;
        }
        return value.getValue() == null;
    }

    private boolean isReferral(String key, String definitionId) {
        if (key != null) {
            return ReferralProcess.PROCESS_KEY.equals(key);
        }
        if (definitionId == null) {
            return false;
        }
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            ProcessDefinitionEntity definition = context.getProcessDefinitionManager().findLatestDefinitionById(definitionId);
            return definition != null && ReferralProcess.PROCESS_KEY.equals(definition.getKey());
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object variables) {
        return (Map<String, ?>) variables;
    }

    private static TypedValue typed(Map<String, ?> variables, String name) {
        if (variables instanceof VariableMap map) {
            return map.getValueTyped(name);
        }
        Object value = variables.get(name);
        return value instanceof TypedValue typed ? typed : Variables.untypedValue(value);
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field '" + name
                    + "': the form field guard cannot check it", e);
        }
    }

    private static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
