package org.ersreferral.process.delegate;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.Slot;
import org.ersreferral.ers.SlotPage;
import org.ersreferral.ers.SlotQuery;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A015: free slots of the service chosen for booking, a bounded number of pages, offered as a Json
 * list the slot form binds to. No slot means the booking is deferred to the provider.
 */
@Component("retrieveSlotsDelegate")
class RetrieveSlotsDelegate extends ErsTaskDelegate {

    /** Coordinators and patients read appointment times in UK time, whatever offset e-RS sends. */
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK)
            .withZone(java.time.ZoneId.of("Europe/London"));

    private final ErsClient ers;
    private final ErsProperties properties;

    RetrieveSlotsDelegate(ErsClient ers, ErsProperties properties) {
        this.ers = ers;
        this.properties = properties;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String serviceId = variables.string(ReferralVariables.BOOK_SERVICE_ID);
        List<Slot> slots = new ArrayList<>();
        int page = 1;
        SlotPage result;
        do {
            result = ers.retrieveSlots(call, new SlotQuery(serviceId, variables.priority(), properties.slotPageSize(), page));
            slots.addAll(result.slots());
            page++;
        } while (result.morePages() && page <= properties.maxSlotPages());
        variables.setJson(ReferralVariables.SLOTS, slots.stream().map(RetrieveSlotsDelegate::option).toList());
        variables.set(ReferralVariables.SLOT_COUNT, slots.size());
        if (slots.isEmpty()) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_NO_SLOTS);
        }
    }

    static Map<String, Object> option(Slot slot) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("value", slot.id());
        StringBuilder label = new StringBuilder(LABEL.format(slot.start()));
        // Some systems name a schedule only by its id, which says nothing to a coordinator.
        if (slot.scheduleName() != null && slot.scheduleName().chars().anyMatch(Character::isLetter)) {
            label.append(" — ").append(slot.scheduleName());
        }
        if (slot.clinician() != null) {
            label.append(", ").append(slot.clinician());
        }
        option.put("label", label.toString());
        option.put("start", slot.start().toString());
        option.put("end", slot.end().toString());
        option.put("clinic", slot.scheduleName());
        option.put("clinician", slot.clinician());
        return option;
    }
}
