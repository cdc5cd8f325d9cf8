package org.ersreferral.ers;

import java.util.List;

/** A015 result: a page of free slots. */
public record SlotPage(List<Slot> slots, boolean morePages) {
}
