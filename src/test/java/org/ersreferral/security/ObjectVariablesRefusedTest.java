package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.ersreferral.process.ReferralInputRefused;
import org.junit.jupiter.api.Test;

/** Object variables are refused, but for the engine's own transient Java values, which are never stored. */
class ObjectVariablesRefusedTest {

    private final ObjectVariablesRefused.Refusal refusal = new ObjectVariablesRefused.Refusal();

    @Test
    void aTransientJavaValueOfTheEnginesOwnPassesAndIsNeverWritten() {
        Map<String, String> decisionResult = Map.of("chaseAfter", "P3D");
        ObjectValue value = refusal.convertToTypedValue((UntypedValueImpl) Variables.untypedValue(decisionResult, true));

        assertThat(value.isTransient()).isTrue();
        assertThat(value.getValue()).isSameAs(decisionResult);
        VariableInstanceEntity fields = new VariableInstanceEntity();
        refusal.writeValue(value, fields);
        assertThat(fields.getByteArrayValue()).isNull();
        assertThat(fields.getTextValue()).isNull();
    }

    @Test
    void anythingElseOfTypeObjectIsStillRefused() {
        assertThatThrownBy(() -> refusal.convertToTypedValue((UntypedValueImpl) Variables.untypedValue(Map.of("a", "b"))))
                .isInstanceOf(ReferralInputRefused.class);
        assertThatThrownBy(() -> refusal.writeValue(Variables.objectValue(Map.of("a", "b")).create(), new VariableInstanceEntity()))
                .isInstanceOf(ReferralInputRefused.class);
        // transient but serialized: what the REST API makes of a posted Object value
        ObjectValue posted = Variables.serializedObjectValue("rO0AB").objectTypeName("java.lang.String")
                .serializationDataFormat("application/x-java-serialized-object").setTransient(true).create();
        assertThatThrownBy(() -> refusal.writeValue(posted, new VariableInstanceEntity())).isInstanceOf(ReferralInputRefused.class);
    }
}
