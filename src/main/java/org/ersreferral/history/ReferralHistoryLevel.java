package org.ersreferral.history;

import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_END;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_START;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.IDENTITY_LINK_ADD;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.IDENTITY_LINK_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_SUCCESS;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_END;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_START;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.PROCESS_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_CREATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_UPDATE;
import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.ersreferral.process.engine.EngineExtensions;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.ersreferral.process.ProcessVariable;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * The history level {@code referral} (camunda.bpm.history-level, HISTORY_LEVEL): level full without
 * what nobody reads back and what made a referral's history about 80 KB, four times the rows the
 * analysts' reports and the referral timeline use. It keeps everything of full except:
 * <ul>
 * <li>inside the e-RS step ({@code ers-step}): its instances and its plumbing activities (start,
 * gateways, the e-RS call, ends); its user tasks, caught e-RS errors and give-ups are kept. The
 * referral's step itself (the call activity) is kept with its times, and every e-RS call is in the
 * application's e-RS call records;</li>
 * <li>the referral's gateways;</li>
 * <li>the job log of jobs that ran: failures and deleted jobs are kept;</li>
 * <li>the history of tasks' candidate groups and users (identity links): a task keeps its assignee, and
 * the operation log who completed it;</li>
 * <li>the value of each variable update, except the person the referral acts as: a variable keeps its
 * last value;</li>
 * <li>the variables that only carry e-RS lists and labels for the coordinators' forms (services and
 * slots found, code lists, display names, counts, the referral's e-RS version) or flags derived from
 * other variables for gateways.</li>
 * </ul>
 */
@Component
class ReferralHistoryLevel extends AbstractProcessEnginePlugin {

    static final HistoryLevel LEVEL = new Level();

    /**
     * Form material from e-RS (re-read from e-RS at any time, of no use once the referral has moved on)
     * and flags the application derives from other variables for its gateways.
     */
    static final Set<String> VARIABLES_NOT_KEPT = Stream.of(ReferralVariables.SERVICES, ReferralVariables.BOOKABLE_SERVICES,
                    ReferralVariables.SERVICE_COUNT, ReferralVariables.SLOTS, ReferralVariables.SLOT_COUNT,
                    ReferralVariables.SPECIALTY_DISPLAY, ReferralVariables.PRIORITY_DISPLAY, ReferralVariables.CLINIC_TYPE_DISPLAY,
                    ReferralVariables.SPECIALTY_OPTIONS, ReferralVariables.CLINIC_TYPE_OPTIONS, ReferralVariables.REFERRAL_VERSION,
                    ReferralVariables.TRIAGE_SERVICE, ReferralVariables.CREATE_AND_SEND_FOR_TRIAGE,
                    ReferralVariables.PATIENT_DISPLAY, ReferralVariables.UBRN_DISPLAY)
            .map(ProcessVariable::name).collect(Collectors.toUnmodifiableSet());

    /** The only variable whose every value is kept: the timeline shows who the referral acted as, and when. */
    static final String VARIABLE_WITH_EVERY_VALUE = ReferralVariables.ACTING_USER.name();

    private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(ACTIVITY_INSTANCE_START, ACTIVITY_INSTANCE_UPDATE,
            ACTIVITY_INSTANCE_MIGRATE, ACTIVITY_INSTANCE_END);
    private static final Set<HistoryEventType> PROCESS_INSTANCE_EVENTS = Set.of(PROCESS_INSTANCE_START, PROCESS_INSTANCE_UPDATE,
            PROCESS_INSTANCE_MIGRATE, PROCESS_INSTANCE_END);
    private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(VARIABLE_INSTANCE_CREATE, VARIABLE_INSTANCE_UPDATE,
            VARIABLE_INSTANCE_MIGRATE, VARIABLE_INSTANCE_DELETE);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addHistoryLevel(configuration, LEVEL);
    }

    static final class Level extends AbstractHistoryLevel {

        static final String NAME = "referral";

        @Override
        public int getId() {
            // Not one of the engine's (0 to 3, -1 auto); stored in the database like theirs.
            return 30;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == JOB_CREATE || eventType == JOB_SUCCESS || eventType == IDENTITY_LINK_ADD
                    || eventType == IDENTITY_LINK_DELETE) {
                return false;
            }
            if (PROCESS_INSTANCE_EVENTS.contains(eventType) && entity instanceof ExecutionEntity execution) {
                return !inStep(execution);
            }
            if (ACTIVITY_EVENTS.contains(eventType) && entity instanceof ExecutionEntity execution) {
                return activityKept(execution);
            }
            if (eventType == VARIABLE_INSTANCE_UPDATE_DETAIL && entity instanceof HistoricVariableUpdateEventEntity update) {
                return VARIABLE_WITH_EVERY_VALUE.equals(update.getVariableName());
            }
            if (VARIABLE_EVENTS.contains(eventType) && entity instanceof VariableInstanceEntity variable) {
                return !VARIABLES_NOT_KEPT.contains(variable.getName());
            }
            // Everything else as at level full; so is anything asked without the entity.
            return true;
        }

        private static boolean activityKept(ExecutionEntity execution) {
            ActivityImpl activity = execution.getActivity();
            if (activity == null) {
                return true;
            }
            String type = (String) activity.getProperty("type");
            if (inStep(execution)) {
                return ReferralTimeline.STEP_ACTIVITIES_SHOWN.contains(type);
            }
            return type == null || !type.endsWith("Gateway");
        }

        private static boolean inStep(ExecutionEntity execution) {
            return execution.getProcessDefinition() != null
                    && ReferralProcess.STEP_PROCESS_KEY.equals(execution.getProcessDefinition().getKey());
        }
    }
}
