package org.ersreferral.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong passwords counted per source address and user: after {@code maxFailures} within
 * {@code window}, that address is refused for that user until {@code lockTime} has passed. The
 * same user from another address is not affected, and no lock lasts longer than {@code lockTime},
 * so a stranger guessing cannot lock the real user out.
 */
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    /** Above this many tracked pairs, expired ones are dropped before a new one is added. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(String source, String userId) {
    }

    /** Failures since {@code firstFailure} (within the window), and the lock's end once locked. */
    private record Attempts(Instant firstFailure, int failures, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration lockTime;
    private final Clock clock;
    private final Map<Key, Attempts> attempts = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Duration lockTime, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockTime.isNegative() || lockTime.isZero()) {
            throw new IllegalArgumentException("referral.security.login: max-failures must be at least 1, window and lock-time"
                    + " longer than zero");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockTime = lockTime;
        this.clock = clock;
    }

    LoginThrottle(SecurityProperties.Login login) {
        this(login.maxFailures(), login.window(), login.lockTime(), Clock.systemUTC());
    }

    /** True while {@code source} is refused for {@code userId}: the password is then not even checked. */
    boolean isLocked(String source, String userId) {
        Attempts current = attempts.get(new Key(source, userId));
        return current != null && current.lockedUntil() != null && clock.instant().isBefore(current.lockedUntil());
    }

    void succeeded(String source, String userId) {
        attempts.remove(new Key(source, userId));
    }

    /** Counts a wrong password; the one that reaches the limit starts a lock, which is logged. */
    void failed(String source, String userId) {
        Instant now = clock.instant();
        if (attempts.size() > PRUNE_ABOVE) {
            attempts.values().removeIf(entry -> expired(entry, now));
        }
        Attempts after = attempts.compute(new Key(source, userId), (key, before) -> {
            if (before == null || expired(before, now)) {
                return new Attempts(now, 1, null);
            }
            return new Attempts(before.firstFailure(), before.failures() + 1, before.lockedUntil());
        });
        if (after.failures() == maxFailures && after.lockedUntil() == null) {
            Instant until = now.plus(lockTime);
            attempts.computeIfPresent(new Key(source, userId), (key, entry) -> new Attempts(entry.firstFailure(), entry.failures(), until));
            LOG.warn("Sign-in of user '{}' from {} refused until {}: {} wrong passwords within {}", sanitised(userId),
                    sanitised(source), until, maxFailures, window);
        }
    }

    /** An entry ends with its lock, or, unlocked, once its first failure is older than the window. */
    private boolean expired(Attempts entry, Instant now) {
        return entry.lockedUntil() != null ? !now.isBefore(entry.lockedUntil()) : !now.isBefore(entry.firstFailure().plus(window));
    }

    /** A user id as typed by anyone: printable characters only, bounded, so it can neither split nor flood a log line. */
    static String sanitised(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c));
        return text.codePointCount(0, text.length()) > 64 ? out + "..." : out.toString();
    }
}
