package org.ersreferral.ers;

/**
 * A015 input: one page of free slots of a service.
 *
 * @param clinician optional SDS user id: only the slots of this named clinician
 */
public record SlotQuery(String serviceId, String priority, int pageSize, int page, String clinician) {

    public SlotQuery(String serviceId, String priority, int pageSize, int page) {
        this(serviceId, priority, pageSize, page, null);
    }
}
