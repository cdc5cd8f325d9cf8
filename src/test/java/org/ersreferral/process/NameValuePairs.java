package org.ersreferral.process;

import java.util.HashMap;
import java.util.Map;

/** The variables a process test answers a task with: names and values in turn, or a whole map where a name would stand. */
final class NameValuePairs {

    private NameValuePairs() {
    }

    static Map<String, Object> variables(Object... nameValuePairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object value = nameValuePairs[i];
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> variables.put((String) k, v));
                i--;
                continue;
            }
            variables.put((String) value, nameValuePairs[i + 1]);
        }
        return variables;
    }
}
