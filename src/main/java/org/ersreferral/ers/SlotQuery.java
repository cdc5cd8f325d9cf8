package org.ersreferral.ers;

/** A015 input: one page of free slots of a service. */
public record SlotQuery(String serviceId, String priority, int pageSize, int page) {
}
