package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
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
        assertThat(ProcessVariable.jsonList("list", String.class).from(execution)).containsExactly("a", "b");
    }

    @Test
    void aJsonListIsStoredAsATypedJsonValueThatReadsBackAsTheList() {
        FakeScope scope = new FakeScope();
        ProcessVariable<List<BookableService>> objects = ProcessVariable.jsonList("objects", BookableService.class);

        objects.set(scope.execution(), List.of(new BookableService("1", "One")));

        assertThat(scope.stored("objects")).isInstanceOf(JsonValue.class);
        assertThat(scope.execution().getVariable("objects").toString()).isEqualTo("[{\"value\":\"1\",\"label\":\"One\"}]");
        assertThat(objects.from(scope.execution())).containsExactly(new BookableService("1", "One"));
    }

    @Test
    void aFileValueIsTypedAndItsPlainValueIsAStream() throws Exception {
        FileValue file = Variables.fileValue("letter.pdf").file(new byte[] {1, 2, 3}).mimeType("application/pdf").create();
        FakeScope scope = new FakeScope().with("referralLetter1", file);

        assertThat(ReferralVariables.of(scope.execution()).letterFile("referralLetter1")).isSameAs(file);
        try (InputStream in = (InputStream) scope.execution().getVariable("referralLetter1")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(ReferralVariables.of(scope.execution()).letterFile("missing")).isNull();
        assertThat(new FakeScope().with("text", "x").execution().getVariableTyped("text").getValue()).isEqualTo("x");
    }

    @Test
    void aNullValueReadsAsNullAndTheTaskSharesItsExecutionsVariables() {
        FakeScope scope = new FakeScope();
        DelegateTask task = scope.task();
        ReferralVariables.of(task).clear(ReferralVariables.UBRN);

        assertThat(scope.variables).containsKey("ubrn");
        assertThat(task.getVariable("ubrn")).isNull();
        assertThat(task.getExecution().getVariableNames()).containsExactly("ubrn");
        task.setName("Choose a slot");
        task.setPriority(70);
        assertThat(task.getName()).isEqualTo("Choose a slot");
        assertThat(task.getPriority()).isEqualTo(70);
    }
}
