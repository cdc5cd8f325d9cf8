package org.ersreferral.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * One process variable: its name and the Java type its value is read and written as. The stored
 * form is what BPMN conditions, forms, the REST API and history read, so it stays plain: strings,
 * booleans, integers, enums by name, lists as Spin Json, files as File values.
 */
public final class ProcessVariable<T> {

    /** Old JSON may carry fields a record no longer has; offsets are kept as e-RS sent them. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private final String name;
    /** Reads the stored value (never null) given the variable's name for error messages. */
    private final BiFunction<String, TypedValue, T> reader;
    private final Function<T, Object> writer;
    private final T absent;

    private ProcessVariable(String name, BiFunction<String, TypedValue, T> reader, Function<T, Object> writer, T absent) {
        this.name = name;
        this.reader = reader;
        this.writer = writer;
        this.absent = absent;
    }

    /** Text, trimmed; blank reads as absent (null), as an empty form field leaves it. */
    public static ProcessVariable<String> string(String name) {
        return new ProcessVariable<>(name, (n, v) -> {
            String text = expect(n, v.getValue(), String.class, "text").trim();
            return text.isEmpty() ? null : text;
        }, value -> value, null);
    }

    /** A yes/no; absent reads as false. A form may submit it as the text "true". */
    public static ProcessVariable<Boolean> flag(String name) {
        return new ProcessVariable<>(name, (n, v) -> {
            Object value = v.getValue();
            return value instanceof String text ? Boolean.parseBoolean(text.trim()) : expect(n, value, Boolean.class, "a boolean");
        }, value -> value, false);
    }

    public static ProcessVariable<Integer> integer(String name) {
        return new ProcessVariable<>(name, (n, v) -> expect(n, v.getValue(), Number.class, "a number").intValue(),
                value -> value, null);
    }

    /** Stored as the constant's name, since BPMN conditions and forms compare strings. */
    public static <E extends Enum<E>> ProcessVariable<E> enumerated(String name, Class<E> type) {
        return new ProcessVariable<>(name, (n, v) -> {
            String text = expect(n, v.getValue(), String.class, "the name of a " + type.getSimpleName()).trim();
            try {
                return text.isEmpty() ? null : Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Process variable '" + n + "' holds '" + text + "', not a "
                        + type.getSimpleName(), e);
            }
        }, Enum::name, null);
    }

    /**
     * A list kept as Spin Json so Tasklist forms can bind to it; the elements are written and read with
     * Jackson. A form may also leave it as JSON text, a Java caller as a collection. Absent reads as empty.
     */
    public static <E> ProcessVariable<List<E>> jsonList(String name, Class<E> elementType) {
        JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, elementType);
        return new ProcessVariable<>(name, (n, v) -> readList(n, v.getValue(), listType), value -> {
            try {
                return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot write process variable '" + name + "' as JSON", e);
            }
        }, List.of());
    }

    /** A File value, e.g. a letter uploaded in Tasklist or the generated patient letter. */
    public static ProcessVariable<FileValue> file(String name) {
        return new ProcessVariable<>(name, (n, v) -> {
            if (v instanceof FileValue file) {
                return file;
            }
            throw new IllegalStateException("Process variable '" + n + "' should be a file but is a "
                    + v.getValue().getClass().getSimpleName());
        }, value -> value, null);
    }

    public String name() {
        return name;
    }

    /** The value, or the absent value (null; false for a flag, empty for a list) when it is not set or null. */
    public T from(VariableScope scope) {
        TypedValue stored = scope.getVariableTyped(name);
        if (stored == null || stored.getValue() == null) {
            return absent;
        }
        T value = reader.apply(name, stored);
        return value == null ? absent : value;
    }

    /** The value in the nearest scope that has it; null writes a null, as an emptied form field does. */
    public void set(VariableScope scope, T value) {
        scope.setVariable(name, stored(value));
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, stored(value));
    }

    /** Sets the variable to null, so a BPMN condition or form reading it finds it declared. */
    public void clear(VariableScope scope) {
        scope.setVariable(name, Variables.untypedNullValue());
    }

    /**
     * What is stored, as trimmed text (null when absent or blank), whatever its type: for checking
     * input from outside before it is read as its type.
     */
    public String text(VariableScope scope) {
        Object value = scope.getVariable(name);
        String text = value == null ? null : value.toString().trim();
        return text == null || text.isEmpty() ? null : text;
    }

    /** The stored form of a value, e.g. for a map of variables to start or complete with. */
    public Object stored(T value) {
        return value == null ? Variables.untypedNullValue() : writer.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static <V> V expect(String name, Object value, Class<V> type, String description) {
        if (!type.isInstance(value)) {
            throw new IllegalStateException("Process variable '" + name + "' should be " + description + " but is a "
                    + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    private static <E> List<E> readList(String name, Object value, JavaType listType) {
        try {
            if (value instanceof Collection<?> collection) {
                return JSON.convertValue(collection, listType);
            }
            String text = value instanceof SpinJsonNode node ? node.toString() : expect(name, value, String.class, "a JSON list");
            return text.isBlank() ? List.of() : JSON.readValue(text, listType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Process variable '" + name + "' is not a JSON list of "
                    + listType.getContentType().getRawClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
