package org.ersreferral.nexttask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The in-JVM wake-up of the requests waiting for a referral's next task. */
class ReferralChangesTest {

    private final ReferralChanges changes = new ReferralChanges();

    @Test
    void aChangeWakesEveryoneWatchingThatReferralAndNobodyElse() {
        CountDownLatch first = changes.watch("referral-1");
        CountDownLatch second = changes.watch("referral-1");
        CountDownLatch other = changes.watch("referral-2");

        changes.changed("referral-1");

        assertThat(first.getCount()).isZero();
        assertThat(second.getCount()).isZero();
        assertThat(other.getCount()).isOne();
    }

    @Test
    void aForgottenWatchIsNotWokenAndAChangeNobodyWatchesIsHarmless() {
        CountDownLatch gone = changes.watch("referral-1");
        changes.forget("referral-1", gone);

        changes.changed("referral-1");
        changes.changed("nobody-watches");
        changes.changed(null);

        assertThat(gone.getCount()).isOne();
    }
}
