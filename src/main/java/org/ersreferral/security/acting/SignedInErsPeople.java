package org.ersreferral.security.acting;

import java.util.Optional;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsPeople;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.security.tokens.UserToken;
import org.springframework.stereotype.Component;

/** The people e-RS calls act as: their tokens from their CIS2 sign-in, their chosen roles. */
@Component
class SignedInErsPeople implements ErsPeople {

    private final UserErsTokens tokens;
    private final ErsRoleChoices roles;

    SignedInErsPeople(UserErsTokens tokens, ErsRoleChoices roles) {
        this.tokens = tokens;
        this.roles = roles;
    }

    @Override
    public Optional<String> accessToken(String userId) {
        try {
            return tokens.current(userId).map(UserToken::value);
        } catch (UserErsTokens.RefreshUnavailable e) {
            // The authorization server could not be asked: the step is retried later, nobody signs in for it.
            throw new ErsException.Unavailable("token-refresh", 0, e.getMessage(), null);
        }
    }

    @Override
    public Optional<ErsRole> chosenRole(String userId) {
        return roles.chosen(userId);
    }

    @Override
    public void tokenRefused(String userId) {
        tokens.signOut(userId);
    }
}
