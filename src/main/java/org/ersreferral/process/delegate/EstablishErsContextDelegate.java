package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A030: checks that the signed-in user holds the configured role at the configured organisation. */
@Component("establishErsContextDelegate")
class EstablishErsContextDelegate extends ErsTaskDelegate {

    private final ErsClient ers;
    private final ErsProperties properties;

    EstablishErsContextDelegate(ErsClient ers, ErsProperties properties) {
        this.ers = ers;
        this.properties = properties;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        List<ErsRole> roles = ers.retrieveRoles(call);
        boolean allowed = roles.stream().anyMatch(role -> properties.businessFunction().equals(role.businessFunction())
                && properties.odsCode().equalsIgnoreCase(role.odsCode()));
        if (!allowed) {
            throw new ErsException.Rejected("A030", 403, "The e-RS user has no " + properties.businessFunction()
                    + " role at organisation " + properties.odsCode() + "; roles held: " + describe(roles));
        }
    }

    private static String describe(List<ErsRole> roles) {
        return roles.isEmpty() ? "none"
                : String.join(", ", roles.stream().map(r -> r.businessFunction() + " at " + r.odsCode()).toList());
    }
}
