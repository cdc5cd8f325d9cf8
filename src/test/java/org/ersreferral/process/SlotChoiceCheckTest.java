package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotChoiceCheckTest {

    static final String SLOTS = "[{\"value\":\"slot-1\",\"label\":\"Mon\"},{\"value\":\"slot-2\",\"label\":\"Tue\"}]";

    @Test
    void anOfferedSlotCompletesTheTask() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS.name(), SLOTS).with(ReferralVariables.SLOT_ID.name(), "slot-2");

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFER_TO_PROVIDER.name())).isEqualTo(false);
        assertThat(scope.value(ReferralVariables.SLOT_ID.name())).isEqualTo("slot-2");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.DEFERRAL_REASON.name());
    }

    @Test
    void deferringWhileSlotsAreFreeIsSlotNotAvailableWithTheCoordinatorsReasonAndNoSlotNamed() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS.name(), SLOTS).with(ReferralVariables.DEFER_TO_PROVIDER.name(), "true")
                .with(ReferralVariables.SLOT_ID.name(), "slot-1").with(ReferralVariables.DEFERRAL_COMMENT.name(), "Afternoons only");

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFER_TO_PROVIDER.name())).isEqualTo(true);
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON.name())).isEqualTo("SLOT_NOT_AVAILABLE");
        assertThat(scope.value(ReferralVariables.SLOT_ID.name())).isNull();
        assertThat(scope.value(ReferralVariables.DEFERRAL_COMMENT.name())).isEqualTo("Afternoons only");
    }

    @Test
    void deferringWithoutAReasonGivesTheProviderAPlainOne() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS.name(), SLOTS).with(ReferralVariables.DEFER_TO_PROVIDER.name(), true);

        new SlotChoiceCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.DEFERRAL_COMMENT.name())).isEqualTo("None of the available slots suits the patient");
    }

    @Test
    void noSlotAndNoDeferralIsRefused() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS.name(), SLOTS).with(ReferralVariables.SLOT_ID.name(), " ");

        assertThatThrownBy(() -> new SlotChoiceCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Choose a slot, or defer the booking to the provider");
    }

    @Test
    void aSlotThatWasNotOfferedIsRefused() {
        FakeScope scope = new FakeScope().with(ReferralVariables.SLOTS.name(), SLOTS).with(ReferralVariables.SLOT_ID.name(), "slot-9");

        assertThatThrownBy(() -> new SlotChoiceCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Slot slot-9 is not one of the free slots offered");
    }
}
