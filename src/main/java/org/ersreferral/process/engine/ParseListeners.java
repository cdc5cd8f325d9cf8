package org.ersreferral.process.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Adds a parse listener that runs after the engine's own, for plugins that add what the model does not show. */
public final class ParseListeners {

    private ParseListeners() {
    }

    /** The engine leaves its list null until someone adds one; several plugins add theirs. */
    public static void addAfterEngine(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(listener);
    }
}
