package org.ersreferral.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock (UTC) the test moves: either standing at an instant until set or advanced, or the real
 * time shifted by a duration the test chooses.
 */
public final class TestClock extends Clock {

    private final boolean ticking;
    private volatile Instant standing;
    private volatile Duration shift = Duration.ZERO;

    private TestClock(boolean ticking, Instant standing) {
        this.ticking = ticking;
        this.standing = standing;
    }

    /** A clock standing at {@code instant}. */
    public static TestClock at(Instant instant) {
        return new TestClock(false, instant);
    }

    /** The real time, until {@link #shiftBy} moves it. */
    public static TestClock fromNow() {
        return new TestClock(true, null);
    }

    /** A standing clock now stands at {@code instant}. */
    public void set(Instant instant) {
        if (ticking) {
            throw new IllegalStateException("a clock that follows the real time cannot be set; shift it");
        }
        standing = instant;
        shift = Duration.ZERO;
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        shift = shift.plus(duration);
    }

    /** From now on the clock is {@code shift} away from where it started. */
    public void shiftBy(Duration shift) {
        this.shift = shift;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (ticking ? Instant.now() : standing).plus(shift);
    }
}
