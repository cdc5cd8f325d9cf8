package org.ersreferral.demohistory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralProcess;
import org.junit.jupiter.api.Test;

/**
 * The generated history names only elements of the models, each in the process that holds it, with the
 * name the model gives it: a renamed or removed element breaks this test, not the analyst views.
 */
class GeneratedHistoryIdsTest {

    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    /** Process key to the ids of its elements, and element id to its name, read from the model files. */
    private final Map<String, Set<String>> idsByProcess = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    GeneratedHistoryIdsTest() {
        for (String file : List.of("bpmn/ers-referral.bpmn", "bpmn/ers-step.bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromFile(Path.of(file).toFile());
            String process = model.getModelElementsByType(Process.class).iterator().next().getId();
            Set<String> ids = idsByProcess.computeIfAbsent(process, key -> new TreeSet<>());
            for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                ids.add(element.getId());
                if (element.getName() != null) {
                    names.put(element.getId(), element.getName());
                }
            }
        }
    }

    @Test
    void everyActivityTaskAndIncidentOfEveryOutcomeIsAnElementOfItsProcessWithTheModelsName() {
        SyntheticReferral.Definition definition = new SyntheticReferral.Definition("ers-referral:1:definition",
                "ers-step:1:definition", "deployment", names);
        SyntheticReferral.Ids ids = new SyntheticReferral.Ids(Instant.parse("2026-01-05T09:00:00Z"));
        Random random = new Random(11);
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        Set<String> activitiesSeen = new TreeSet<>();
        int incidents = 0;

        for (int i = 0; i < 400; i++) {
            Outcome outcome = Outcome.values()[i % Outcome.values().length];
            SyntheticReferral.Request request = new SyntheticReferral.Request("testdata-ids-" + i, "CARDIOLOGY", "Cardiology",
                    "CHEST_PAIN", "ROUTINE", DemoHistoryGenerator.nhsNumber(random), outcome);
            HistoryRows rows = SyntheticReferral.generate(random, ids, definition, request, start, start.plusSeconds(86_400 * 30), 180);
            outcomes.add(outcome);

            for (Object[] activity : rows.activities) {
                String processKey = (String) activity[2];
                String activityId = (String) activity[7];
                String elementId = activityId.endsWith(MULTI_INSTANCE_BODY)
                        ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
                assertThat(idsByProcess.get(processKey)).as("activity of %s", processKey).contains(elementId);
                if (elementId.equals(activityId)) {
                    assertThat(activity[9]).as("name of " + activityId).isEqualTo(names.get(activityId));
                }
                activitiesSeen.add(activityId);
            }
            for (Object[] task : rows.tasks) {
                assertThat(idsByProcess.get((String) task[2])).as("task of %s", task[2]).contains((String) task[1]);
                // A task's name is its element's, followed by what the referral is about (as ReferralTaskDetails sets it).
                assertThat((String) task[8]).as("name of task " + task[1]).startsWith(names.get((String) task[1]));
            }
            for (Object[] instance : rows.processInstances) {
                Set<String> elements = idsByProcess.get((String) instance[3]);
                assertThat(elements).as("process of instance").isNotNull();
                assertThat(elements).as("start of %s", instance[3]).contains((String) instance[9]);
                if (instance[10] != null) {
                    assertThat(elements).as("end of %s", instance[3]).contains((String) instance[10]);
                }
            }
            for (Object[] incident : rows.incidents) {
                Set<String> elements = idsByProcess.get((String) incident[1]);
                assertThat(elements).as("incident's activity").contains((String) incident[10], (String) incident[11]);
                incidents++;
            }
        }

        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.values());
        assertThat(incidents).as("some referrals have incidents").isPositive();
        // The paths reach the elements the analyst views count: each outcome's end event, the e-RS step.
        assertThat(activitiesSeen).contains(ReferralProcess.END_APPOINTMENT_BOOKED, ReferralProcess.END_BOOKING_DEFERRED,
                ReferralProcess.END_SENT_FOR_TRIAGE, ReferralProcess.END_AWAITING_PATIENT_BOOKING,
                ReferralProcess.END_SEARCH_ABANDONED, ReferralProcess.END_LEFT_IN_ERS, ReferralProcess.TASK_CALL_ERS,
                ReferralProcess.TASK_CHOOSE_SHORTLIST);
    }
}
