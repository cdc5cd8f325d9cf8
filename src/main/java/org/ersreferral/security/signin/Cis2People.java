package org.ersreferral.security.signin;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who signed in: the provider's verified ID token (signature, issuer, audience, expiry and nonce
 * are checked by Spring Security before this runs), with the user's groups and organisations taken
 * from its roles claim. Someone whose roles give no group is refused: they have no work here.
 */
class Cis2People implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String ROLES_CLAIM = "nhsid_nrbac_roles";
    /** The OAuth2 error code of a refusal for want of a role, which the refusal page explains. */
    static final String NO_ROLE = "no_ers_role";

    private final OidcUserService provider = new OidcUserService();
    private final RoleMapping roles;
    private final String userIdClaim;

    Cis2People(RoleMapping roles, String userIdClaim) {
        this.roles = roles;
        this.userIdClaim = userIdClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = provider.loadUser(request);
        Object userId = user.getClaims().get(userIdClaim);
        if (!(userId instanceof String id) || id.isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_id_token",
                    "The ID token carries no " + userIdClaim, null));
        }
        RoleMapping.Access access = roles.of(user.getClaims().get(ROLES_CLAIM));
        if (access.none()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE,
                    "None of your roles gives access to this application", null));
        }
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        access.groups().forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
        return new SignedInUser(authorities, user.getIdToken(), user.getUserInfo(), userIdClaim, access.groups(),
                access.organisations());
    }
}
