package org.ersreferral.process.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * What the application's engine plugins add to the engine's configuration. The engine leaves each of
 * these lists null until someone sets one, and several plugins add to the same list.
 */
public final class EngineExtensions {

    private EngineExtensions() {
    }

    /** A parse listener that runs after the engine's own, for plugins that add what the model does not show. */
    public static void addParseListenerAfterEngine(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        configuration.setCustomPostBPMNParseListeners(appended(configuration.getCustomPostBPMNParseListeners(), listener));
    }

    /** A session factory after the engine's own: one for a session type the engine has replaces the engine's. */
    public static void addSessionFactory(ProcessEngineConfigurationImpl configuration, SessionFactory factory) {
        configuration.setCustomSessionFactories(appended(configuration.getCustomSessionFactories(), factory));
    }

    public static void addHistoryLevel(ProcessEngineConfigurationImpl configuration, HistoryLevel level) {
        configuration.setCustomHistoryLevels(appended(configuration.getCustomHistoryLevels(), level));
    }

    private static <T> List<T> appended(List<T> current, T item) {
        List<T> list = current == null ? new ArrayList<>() : new ArrayList<>(current);
        list.add(item);
        return list;
    }
}
