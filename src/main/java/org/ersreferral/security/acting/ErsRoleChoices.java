package org.ersreferral.security.acting;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ersreferral.ers.ErsRole;
import org.springframework.stereotype.Component;

/** Each person's chosen e-RS role (placeholder kept in memory until the database-backed store exists). */
@Component
public class ErsRoleChoices {

    private final Map<String, ErsRole> choices = new ConcurrentHashMap<>();

    public Optional<ErsRole> chosen(String userId) {
        return Optional.ofNullable(choices.get(userId));
    }

    public void choose(String userId, ErsRole role) {
        choices.put(userId, role);
    }

    public void forget(String userId) {
        choices.remove(userId);
    }
}
