package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;
import org.junit.jupiter.api.Test;

/** The first condition for forgetting a referral: on no list, since before the cutoff. */
class SeenTest {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    private static Seen seen(EnumSet<WorklistType> lists, Instant offListsSince) {
        return new Seen("000000070001", lists, "x|", ReferralStatus.BOOKED, false, offListsSince);
    }

    @Test
    void onlyAReferralOnNoListSinceBeforeTheCutoffMayBeForgotten() {
        EnumSet<WorklistType> none = EnumSet.noneOf(WorklistType.class);
        assertThat(seen(none, CUTOFF.minusSeconds(1)).offListsBefore(CUTOFF)).isTrue();
        assertThat(seen(none, CUTOFF).offListsBefore(CUTOFF)).isFalse();
        assertThat(seen(none, CUTOFF.plusSeconds(1)).offListsBefore(CUTOFF)).isFalse();
        assertThat(seen(none, null).offListsBefore(CUTOFF)).as("not known since when").isFalse();
        assertThat(seen(EnumSet.of(WorklistType.AWAITING_BOOKING), CUTOFF.minusSeconds(1)).offListsBefore(CUTOFF))
                .as("on a list again").isFalse();
    }
}
