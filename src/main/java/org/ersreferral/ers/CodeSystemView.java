package org.ersreferral.ers;

import java.util.List;

/**
 * A004 result: a code system's url (the {@code system} to send in payloads) and its concepts.
 */
public record CodeSystemView(String type, String url, List<Concept> concepts) {

    /** {@code specialty}: for a CLINIC-TYPE concept, the SPECIALTY code it belongs to; null otherwise. */
    public record Concept(String code, String display, String specialty) {

        public Concept(String code, String display) {
            this(code, display, null);
        }
    }

    public String display(String code) {
        return concepts.stream().filter(c -> c.code().equals(code)).map(Concept::display).findFirst().orElse(code);
    }

    public boolean contains(String code) {
        return concepts.stream().anyMatch(c -> c.code().equals(code));
    }
}
