package org.ersreferral.security.acting;

import java.time.Clock;
import java.util.Optional;
import org.ersreferral.ers.ErsRole;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's chosen e-RS role (business function at an organisation), as e-RS's own "select
 * role" keeps it: chosen once from the roles A030 answers, kept until they choose another, and the
 * role every e-RS call acting as them carries.
 */
@Component
public class ErsRoleChoices {

    private final ChosenErsRoleRepository choices;
    private final Clock clock;

    ErsRoleChoices(ChosenErsRoleRepository choices, Clock clock) {
        this.choices = choices;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<ErsRole> chosen(String userId) {
        return userId == null ? Optional.empty() : choices.findById(userId)
                .map(choice -> new ErsRole(choice.businessFunction(), choice.odsCode(), choice.organisationName()));
    }

    @Transactional
    public void choose(String userId, ErsRole role) {
        if (role.businessFunction() == null || role.businessFunction().isBlank() || role.odsCode() == null
                || role.odsCode().isBlank()) {
            throw new IllegalArgumentException("An e-RS role needs a business function and an ODS code");
        }
        ChosenErsRole choice = choices.findById(userId).orElseGet(() -> new ChosenErsRole(userId));
        choice.set(role.businessFunction(), role.odsCode(), role.organisationName(), clock.instant());
        choices.save(choice);
    }

    @Transactional
    public void forget(String userId) {
        choices.deleteById(userId);
    }
}
