package org.ersreferral.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.AbstractTypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.ersreferral.process.ReferralInputRefused;
import org.springframework.stereotype.Component;

/**
 * The referral keeps text, numbers, dates, JSON and files only; an object variable names a Java
 * class that would be instantiated when the value is read, which is a way to run code on the
 * server. So the engine has no object serializer at all: storing an object variable (from
 * {@code /engine-rest}, Tasklist or a message correlation) is refused with 400 before anything is
 * stored, and none is ever deserialized. Deserialization type validation stays on as well.
 */
@Component
class ObjectVariablesRefused extends AbstractProcessEnginePlugin {

    private static final Pattern JAVA_SERIALIZATION =
            Pattern.compile("ENGINE-17007 Cannot set variable with name (\\S+)\\. Java serialization format is prohibited");

    /**
     * The engine refuses Java-serialized objects itself (its Java serialization format is off), but as an
     * engine error, which the APIs answer with 500: the same refusal as any other object variable instead.
     */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                try {
                    return next.execute(command);
                } catch (ProcessEngineException failure) {
                    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                        Matcher javaSerialization = cause.getMessage() == null ? null : JAVA_SERIALIZATION.matcher(cause.getMessage());
                        if (javaSerialization != null && javaSerialization.find()) {
                            throw Refusal.refused(javaSerialization.group(1));
                        }
                    }
                    throw failure;
                }
            }
        });
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Once the engine is built: Spin registers its object serializers in postInit, next to the engine's own. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
        for (TypedValueSerializer<?> serializer : new ArrayList<>(configuration.getVariableSerializers().getSerializers())) {
            if (ValueType.OBJECT.equals(serializer.getType())) {
                configuration.getVariableSerializers().removeSerializer(serializer);
            }
        }
        // Last, so that every value a primitive, JSON or file serializer takes never reaches it.
        configuration.getVariableSerializers().addSerializer(new Refusal());
    }

    static final class Refusal extends AbstractTypedValueSerializer<ObjectValue> {

        static final String NAME = "refused-object";

        Refusal() {
            super(ValueType.OBJECT);
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        protected boolean canWriteValue(TypedValue value) {
            // An object value of any class and format, or an untyped value no other serializer took (a map, a bean).
            return value instanceof ObjectValue || value.getType() == null && value.getValue() != null;
        }

        @Override
        public void writeValue(ObjectValue value, ValueFields valueFields) {
            if (value.isTransient() && value.isDeserialized()) {
                // a Java object of the application's own, never stored (see convertToTypedValue); a serialized one
                // (from outside, e.g. the REST API) is still refused
                return;
            }
            throw refused(valueFields.getName());
        }

        @Override
        public ObjectValue readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
            throw refused(valueFields.getName());
        }

        @Override
        public ObjectValue convertToTypedValue(UntypedValueImpl untypedValue) {
            if (untypedValue.isTransient()) {
                // The engine's own working value, never stored: a business rule task's whole decision result.
                return Variables.objectValue(untypedValue.getValue(), true).create();
            }
            throw refused(null);
        }

        static ReferralInputRefused refused(String name) {
            return new ReferralInputRefused("Variable " + (name == null ? "" : "'" + LoginThrottle.sanitised(name) + "' ")
                    + "has type Object, which is not allowed: use String, Boolean, Integer, Long, Double, Date, Json or File");
        }
    }
}
