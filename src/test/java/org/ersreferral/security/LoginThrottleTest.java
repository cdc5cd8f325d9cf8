package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(5), clock);

    @Test
    void locksTheSourceForTheUserAfterMaxFailuresAndOnlyUntilTheLockTimeHasPassed() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.isLocked("10.0.0.1", "admin")).as("four failures").isFalse();
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.isLocked("10.0.0.1", "admin")).as("the fifth failure").isTrue();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(throttle.isLocked("10.0.0.1", "admin")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.isLocked("10.0.0.1", "admin")).as("after the lock time").isFalse();
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.isLocked("10.0.0.1", "admin")).as("the count starts again after a lock").isFalse();
    }

    @Test
    void anotherSourceAndAnotherUserAreNotAffected() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.isLocked("10.0.0.1", "admin")).isTrue();
        assertThat(throttle.isLocked("10.0.0.2", "admin")).isFalse();
        assertThat(throttle.isLocked("10.0.0.1", "coordinator")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "gp-system");
        }
        clock.advance(Duration.ofMinutes(15));
        throttle.failed("10.0.0.1", "gp-system");
        assertThat(throttle.isLocked("10.0.0.1", "gp-system")).isFalse();
    }

    @Test
    void aRightPasswordClearsTheFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "analyst");
        }
        throttle.succeeded("10.0.0.1", "analyst");
        throttle.failed("10.0.0.1", "analyst");
        assertThat(throttle.isLocked("10.0.0.1", "analyst")).isFalse();
    }

    @Test
    void settingsThatWouldNeverLockOrLockForeverAreRefused() {
        assertThatThrownBy(() -> new LoginThrottle(0, Duration.ofMinutes(1), Duration.ofMinutes(1), clock))
                .hasMessageContaining("max-failures must be at least 1");
        assertThatThrownBy(() -> new LoginThrottle(5, Duration.ofMinutes(1), Duration.ZERO, clock))
                .hasMessageContaining("lock-time");
    }

    @Test
    void userIdsInTheLogCannotSplitALine() {
        assertThat(LoginThrottle.sanitised("admin\r\nINFO forged")).isEqualTo("admin??INFO forged");
        assertThat(LoginThrottle.sanitised("x".repeat(100))).isEqualTo("x".repeat(64) + "...");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
