package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotChoiceCheckTest {

    static final String SLOTS = "[{\"value\":\"slot-1\",\"label\":\"Mon\"},{\"value\":\"slot-2\",\"label\":\"Tue\"}]";

    @Test
    void anOfferedSlotCompletesTheTask() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.SLOT_ID, "slot-2");

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFER_TO_PROVIDER)).isEqualTo(false);
        assertThat(scope.value(ReferralVariables.SLOT_ID)).isEqualTo("slot-2");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.DEFERRAL_REASON);
    }

    @Test
    void deferringRecordsNoSlotsAtServiceWithoutNeedingASlot() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.DEFER_TO_PROVIDER, "true");

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFER_TO_PROVIDER)).isEqualTo(true);
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON)).isEqualTo("NO_SLOTS_AT_SERVICE");
    }

    @Test
    void noSlotAndNoDeferralIsRefused() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.SLOT_ID, " ");

        assertThatThrownBy(() -> new SlotChoiceCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Choose a slot, or defer the booking to the provider");
    }

    @Test
    void aSlotThatWasNotOfferedIsRefused() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.SLOT_ID, "slot-9");

        assertThatThrownBy(() -> new SlotChoiceCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Slot slot-9 is not one of the free slots offered");
    }
}
