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
    void deferringWhileSlotsAreFreeIsSlotNotAvailableWithTheCoordinatorsReasonAndNoSlotNamed() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.DEFER_TO_PROVIDER, "true")
                .with(ReferralVariables.SLOT_ID, "slot-1").with(ReferralVariables.DEFERRAL_COMMENT, "Afternoons only");

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFER_TO_PROVIDER)).isEqualTo(true);
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON)).isEqualTo("SLOT_NOT_AVAILABLE");
        assertThat(scope.value(ReferralVariables.SLOT_ID)).isNull();
        assertThat(scope.value(ReferralVariables.DEFERRAL_COMMENT)).isEqualTo("Afternoons only");
    }

    @Test
    void deferringWithoutAReasonGivesTheProviderAPlainOne() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS, SLOTS).with(ReferralVariables.DEFER_TO_PROVIDER, true);

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFERRAL_COMMENT)).isEqualTo("None of the available slots suits the patient");
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
