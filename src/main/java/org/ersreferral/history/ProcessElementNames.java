package org.ersreferral.history;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.ersreferral.process.ReferralProcess;
import org.springframework.stereotype.Component;

/**
 * Names of the referral process's elements as the model gives them. Task instances carry names
 * that add the specialty and priority; a report groups by element, so it shows the element's name.
 */
@Component
class ProcessElementNames {

    private final RepositoryService repositoryService;
    private final Map<String, Map<String, String>> namesByDefinition = new ConcurrentHashMap<>();

    ProcessElementNames(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** The name in the latest version of the process; the id when that version has no such element or name. */
    String name(String elementId) {
        ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ReferralProcess.PROCESS_KEY).latestVersion().singleResult();
        if (latest == null) {
            return elementId;
        }
        Map<String, String> names = namesByDefinition.computeIfAbsent(latest.getId(), id -> new ConcurrentHashMap<>());
        return names.computeIfAbsent(elementId, key -> {
            ModelElementInstance element = repositoryService.getBpmnModelInstance(latest.getId()).getModelElementById(key);
            return element instanceof FlowElement flowElement && flowElement.getName() != null ? flowElement.getName() : key;
        });
    }
}
