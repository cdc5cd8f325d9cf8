package org.ersreferral.security;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's own users and groups, with every password check (webapp login, {@code /engine-rest}
 * basic authentication, the application's APIs) throttled by source address and user instead of
 * the engine's lock of the user itself, which anyone could trigger and which lasts for good.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

    private final LoginThrottle throttle;

    ThrottledIdentityProvider(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        String source = ClientAddress.current();
        if (userId == null || throttle.isLocked(source, userId)) {
            return false;
        }
        UserEntity user = findUserById(userId);
        boolean matches = user != null && password != null && matchPassword(password, user);
        if (matches) {
            throttle.succeeded(source, userId);
        } else {
            throttle.failed(source, userId);
        }
        return matches;
    }
}
