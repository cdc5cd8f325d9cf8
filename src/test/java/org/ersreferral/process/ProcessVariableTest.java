package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.junit.jupiter.api.Test;

/** Typed variables keep the stored form forms, conditions and history read, and say which variable is wrong. */
class ProcessVariableTest {

    @Test
    void aValueOfTheWrongTypeIsAnErrorNamingTheVariable() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOT_COUNT.name(), "three")
                .with(ReferralVariables.PRIORITY.name(), "SOMETIME");

        assertThatThrownBy(() -> ReferralVariables.SLOT_COUNT.from(scope.execution()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Process variable 'slotCount' should be a number but is a String");
        assertThatThrownBy(() -> ReferralVariables.PRIORITY.from(scope.execution()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Process variable 'priority' holds 'SOMETIME', not a Priority");
        assertThat(ReferralVariables.PRIORITY.text(scope.execution())).isEqualTo("SOMETIME");
    }

    @Test
    void anEnumIsStoredByNameAndAFlagReadsFormText() {
        FakeScope scope = new FakeScope().with(ReferralVariables.ATTACH_LATER.name(), " true ");

        ReferralVariables.OUTCOME.set(scope.execution(), Outcome.BOOKED);

        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("BOOKED");
        assertThat(ReferralVariables.OUTCOME.from(scope.execution())).isEqualTo(Outcome.BOOKED);
        assertThat(ReferralVariables.ATTACH_LATER.from(scope.execution())).isTrue();
        assertThat(ReferralVariables.ABANDON_SEARCH.from(scope.execution())).isFalse();
        assertThat(ReferralVariables.SLOTS.from(scope.execution())).isEmpty();
    }

    @Test
    void aSlotKeepsItsOffsetAndItsStoredShape() {
        FakeScope scope = new FakeScope();
        SlotOption slot = new SlotOption("slot-2", "Wed 2 Dec 2026, 13:05", OffsetDateTime.parse("2026-12-02T14:05+01:00"),
                OffsetDateTime.parse("2026-12-02T14:20+01:00"), null, "Dr Jones");

        ReferralVariables.SLOTS.set(scope.execution(), List.of(slot));

        assertThat(scope.jsonObjects(ReferralVariables.SLOTS.name()).get(0))
                .containsEntry("start", "2026-12-02T14:05+01:00").containsEntry("end", "2026-12-02T14:20+01:00")
                .containsEntry("clinic", null).containsEntry("value", "slot-2");
        assertThat(ReferralVariables.SLOTS.from(scope.execution())).containsExactly(slot);
    }

    @Test
    void everyOutcomeRecordingEventIsDeclaredByTheOutcomeItRecords() {
        Map<String, String> recordingEvents = Bpmn.readModelFromFile(new File("bpmn/ers-referral.bpmn"))
                .getModelElementsByType(FlowNode.class).stream()
                .filter(node -> node.getExtensionElements() != null && node.getExtensionElements()
                        .getElementsQuery().filterByType(CamundaExecutionListener.class).list().stream()
                        .anyMatch(listener -> "${referralOutcomes.record(execution)}".equals(listener.getCamundaExpression())))
                .collect(Collectors.toMap(FlowNode::getId, node -> Outcome.recordedAt(node.getId()).name()));

        // The values analytics and the REST API read, event by event.
        assertThat(recordingEvents).isEqualTo(Map.of(
                ReferralProcess.END_APPOINTMENT_BOOKED, "BOOKED",
                ReferralProcess.END_BOOKING_DEFERRED, "DEFERRED_TO_PROVIDER",
                ReferralProcess.END_SENT_FOR_TRIAGE, "SENT_FOR_TRIAGE",
                ReferralProcess.EVENT_PATIENT_TO_BOOK, "AWAITING_PATIENT_BOOKING",
                ReferralProcess.END_AWAITING_PATIENT_BOOKING, "AWAITING_PATIENT_BOOKING",
                ReferralProcess.END_REFERRAL_CANCELLED, "CANCELLED",
                ReferralProcess.END_REJECTED_REFERRAL_CANCELLED, "CANCELLED",
                ReferralProcess.END_SEARCH_ABANDONED, "SEARCH_ABANDONED",
                ReferralProcess.END_GIVEN_UP_BEFORE_REFERRAL, "SEARCH_ABANDONED",
                ReferralProcess.END_LEFT_IN_ERS, "LEFT_IN_ERS"));
        assertThat(List.of(Outcome.values())).allSatisfy(outcome -> assertThat(recordingEvents).containsKeys(
                outcome.events().toArray(String[]::new)));
    }
}
