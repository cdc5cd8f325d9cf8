package org.ersreferral.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.springframework.stereotype.Component;

/**
 * Names of the referral's elements (its process, the e-RS step it calls and its follow-up) as the models give them. Task instances carry names
 * that add the specialty and priority; a report groups by element, so it shows the element's name.
 */
@Component
class ProcessElementNames {

    private final RepositoryService repositoryService;
    private final Map<String, Map<String, String>> namesByDefinition = new ConcurrentHashMap<>();

    ProcessElementNames(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** The referral's processes, in the order their names are looked for: an id one lacks may be another's. */
    private static final String[] PROCESS_KEYS = {ReferralProcess.PROCESS_KEY, ReferralProcess.STEP_PROCESS_KEY, FollowUp.PROCESS_KEY};

    /**
     * The name in the latest version of the referral process, of the e-RS step it calls (whose
     * tasks, such as "Resolve e-RS rejection", roll up to the referral), or of its follow-up once sent;
     * the id when none has it (also while a process is not deployed).
     */
    String name(String elementId) {
        for (String processKey : PROCESS_KEYS) {
            String name = nameIn(processKey, elementId);
            if (name != null) {
                return name;
            }
        }
        return elementId;
    }

    private String nameIn(String processKey, String elementId) {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(processKey).latestVersion().singleResult();
        if (latest == null) {
            return null;
        }
        Map<String, String> names = namesByDefinition.computeIfAbsent(latest.getId(), id -> new ConcurrentHashMap<>());
        String name = names.computeIfAbsent(elementId, key -> {
            ModelElementInstance element = repositoryService.getBpmnModelInstance(latest.getId()).getModelElementById(key);
            return element instanceof FlowElement flowElement && flowElement.getName() != null ? flowElement.getName() : NONE;
        });
        return NONE.equals(name) ? null : name;
    }

    /** Remembered for an element the definition lacks (a map holds no null). */
    private static final String NONE = "";
}
