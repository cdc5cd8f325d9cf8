package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;

/** The test double behaves like the engine where the code under test relies on it. */
class FakeScopeTest {

    @Test
    void aSpinJsonValueReadsBackAsItsJsonNode() {
        JsonValue json = SpinValues.jsonValue("[\"a\",\"b\"]").create();
        FakeScope scope = new FakeScope().with("list", json);
        DelegateExecution execution = scope.execution();

        assertThat(execution.getVariable("list")).isInstanceOf(SpinJsonNode.class);
        assertThat(execution.getVariable("list").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat((Object) execution.getVariableTyped("list")).isSameAs(json);
        assertThat(ReferralVariables.of(execution).stringList("list")).containsExactly("a", "b");
    }

    @Test
    void setJsonStoresATypedJsonValueThatReadsBackAsTheList() {
        FakeScope scope = new FakeScope();
        ReferralVariables variables = ReferralVariables.of(scope.execution());

        variables.setJson("objects", List.of(Map.of("value", "1")));

        assertThat(scope.stored("objects")).isInstanceOf(JsonValue.class);
        assertThat(variables.objectList("objects")).containsExactly(Map.of("value", "1"));
    }

    @Test
    void aFileValueIsTypedAndItsPlainValueIsAStream() throws Exception {
        FileValue file = Variables.fileValue("letter.pdf").file(new byte[] {1, 2, 3}).mimeType("application/pdf").create();
        FakeScope scope = new FakeScope().with("referralLetter1", file);

        assertThat(ReferralVariables.of(scope.execution()).file("referralLetter1")).isSameAs(file);
        try (InputStream in = (InputStream) scope.execution().getVariable("referralLetter1")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(ReferralVariables.of(scope.execution()).file("missing")).isNull();
        assertThat(new FakeScope().with("text", "x").execution().getVariableTyped("text").getValue()).isEqualTo("x");
    }

    @Test
    void aNullValueReadsAsNullAndTheTaskSharesItsExecutionsVariables() {
        FakeScope scope = new FakeScope();
        DelegateTask task = scope.task();
        ReferralVariables.of(task).setNull("ubrn");

        assertThat(scope.variables).containsKey("ubrn");
        assertThat(task.getVariable("ubrn")).isNull();
        assertThat(task.getExecution().getVariableNames()).containsExactly("ubrn");
        task.setName("Choose a slot");
        task.setPriority(70);
        assertThat(task.getName()).isEqualTo("Choose a slot");
        assertThat(task.getPriority()).isEqualTo(70);
    }
}
