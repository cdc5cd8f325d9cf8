package org.ersreferral.history;

/** Reads the process instance and step back out of a correlation id {@code <process instance>:<step>:<random>}. */
final class CorrelationIds {

    private CorrelationIds() {
    }

    /** {processInstanceId, step}; either null when the id does not have that shape. */
    static String[] split(String correlationId) {
        if (correlationId == null) {
            return new String[] {null, null};
        }
        int last = correlationId.lastIndexOf(':');
        int middle = last > 0 ? correlationId.lastIndexOf(':', last - 1) : -1;
        if (middle <= 0) {
            return new String[] {null, null};
        }
        return new String[] {correlationId.substring(0, middle), correlationId.substring(middle + 1, last)};
    }
}
