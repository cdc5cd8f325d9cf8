package org.ersreferral.ers;

/** A015 result: a page of free slots. */
public record SlotPage(java.util.List<Slot> slots, boolean morePages) {
}
