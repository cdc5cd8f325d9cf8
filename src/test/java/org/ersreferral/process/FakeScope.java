package org.ersreferral.process;

import static org.mockito.Mockito.mock;

import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.mockito.Answers;
import org.mockito.invocation.InvocationOnMock;
import org.mockito.stubbing.Answer;

/**
 * Process variables in a {@link HashMap}, seen through Mockito mocks of {@link DelegateExecution}
 * and {@link DelegateTask} that answer the variable methods from the map the way the engine does:
 * {@code setVariable} stores a {@link TypedValue} as it is, {@code getVariable} gives the value of
 * a typed value (a Spin Json value gives its {@code SpinJsonNode}, a file its stream, a null value
 * null) and {@code getVariableTyped} the typed value itself.
 */
public final class FakeScope {

    public final Map<String, Object> variables = new HashMap<>();
    public String activityId = "Task_Test";
    public String processInstanceId = "process-instance-1";
    public String businessKey;
    public String taskName = "Task";
    public int taskPriority;
    public Date taskDueDate;

    public FakeScope with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    public FakeScope activity(String id) {
        this.activityId = id;
        return this;
    }

    /** The variable as {@code getVariable} gives it. */
    public Object value(String name) {
        return plain(variables.get(name));
    }

    /** A Json list variable as the JSON objects stored, so a test sees the shape forms and history read. */
    public List<Map<String, Object>> jsonObjects(String name) {
        return ProcessVariable.jsonList(name, JSON_OBJECT).from(execution());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Map<String, Object>> JSON_OBJECT = (Class) Map.class;

    /** The variable exactly as stored (a {@link TypedValue} stays one). */
    public Object stored(String name) {
        return variables.get(name);
    }

    public DelegateExecution execution() {
        return mock(DelegateExecution.class, new Scope(false));
    }

    public DelegateTask task() {
        return mock(DelegateTask.class, new Scope(true));
    }

    private static Object plain(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private final class Scope implements Answer<Object> {

        private final boolean task;

        Scope(boolean task) {
            this.task = task;
        }

        @Override
        public Object answer(InvocationOnMock invocation) throws Throwable {
            Object[] args = invocation.getArguments();
            switch (invocation.getMethod().getName()) {
                case "getVariable", "getVariableLocal":
                    return plain(variables.get((String) args[0]));
                case "getVariableTyped", "getVariableLocalTyped": {
                    Object value = variables.get((String) args[0]);
                    if (value == null && !variables.containsKey((String) args[0])) {
                        return null;
                    }
                    return value instanceof TypedValue typed ? typed : Variables.untypedValue(value);
                }
                case "setVariable", "setVariableLocal":
                    variables.put((String) args[0], args[1]);
                    return null;
                case "hasVariable", "hasVariableLocal":
                    return variables.containsKey((String) args[0]);
                case "removeVariable", "removeVariableLocal":
                    variables.remove((String) args[0]);
                    return null;
                case "getVariableNames", "getVariableNamesLocal":
                    return new LinkedHashSet<>(variables.keySet());
                case "getCurrentActivityId", "getActivityInstanceId":
                    return activityId;
                case "getProcessInstanceId":
                    return processInstanceId;
                case "getProcessBusinessKey", "getBusinessKey":
                    return businessKey;
                case "setProcessBusinessKey":
                    businessKey = (String) invocation.getArgument(0);
                    return null;
                default:
                    break;
            }
            if (task) {
                switch (invocation.getMethod().getName()) {
                    case "getExecution":
                        return execution();
                    case "getName":
                        return taskName;
                    case "setName":
                        taskName = (String) args[0];
                        return null;
                    case "getPriority":
                        return taskPriority;
                    case "setPriority":
                        taskPriority = (Integer) args[0];
                        return null;
                    case "getDueDate":
                        return taskDueDate;
                    case "setDueDate":
                        taskDueDate = (Date) args[0];
                        return null;
                    case "getTaskDefinitionKey":
                        return activityId;
                    default:
                        break;
                }
            }
            return Answers.RETURNS_DEFAULTS.answer(invocation);
        }
    }
}
