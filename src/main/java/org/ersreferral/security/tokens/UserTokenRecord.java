package org.ersreferral.security.tokens;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;

/**
 * A user's tokens from one client registration. Token values are stored sealed by {@link TokenCipher}
 * (not @Lob: a plain varbinary/bytea column works the same on H2 and PostgreSQL).
 */
@Entity
@Table(name = "user_ers_token")
class UserTokenRecord {

    /** Room for a JWT access token with many claims, sealed. */
    static final int MAX_SEALED_BYTES = 16_384;

    @EmbeddedId
    private Key id;

    @Column(name = "access_token", nullable = false, length = MAX_SEALED_BYTES)
    private byte[] accessToken;

    @Column(name = "access_token_issued_at")
    private Instant accessTokenIssuedAt;

    @Column(name = "access_token_expires_at")
    private Instant accessTokenExpiresAt;

    /** Granted scopes, space-separated as in OAuth2. */
    @Column(name = "scopes", length = 1000)
    private String scopes;

    @Column(name = "refresh_token", length = MAX_SEALED_BYTES)
    private byte[] refreshToken;

    @Column(name = "refresh_token_issued_at")
    private Instant refreshTokenIssuedAt;

    @Column(name = "refresh_token_expires_at")
    private Instant refreshTokenExpiresAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected UserTokenRecord() {
    }

    UserTokenRecord(Key id) {
        this.id = id;
    }

    Key id() { return id; }
    byte[] accessToken() { return accessToken; }
    Instant accessTokenIssuedAt() { return accessTokenIssuedAt; }
    Instant accessTokenExpiresAt() { return accessTokenExpiresAt; }
    String scopes() { return scopes; }
    byte[] refreshToken() { return refreshToken; }
    Instant refreshTokenIssuedAt() { return refreshTokenIssuedAt; }
    Instant refreshTokenExpiresAt() { return refreshTokenExpiresAt; }

    void accessToken(byte[] sealed, Instant issuedAt, Instant expiresAt, String scopes) {
        this.accessToken = sealed;
        this.accessTokenIssuedAt = issuedAt;
        this.accessTokenExpiresAt = expiresAt;
        this.scopes = scopes;
    }

    void refreshToken(byte[] sealed, Instant issuedAt, Instant expiresAt) {
        this.refreshToken = sealed;
        this.refreshTokenIssuedAt = issuedAt;
        this.refreshTokenExpiresAt = expiresAt;
    }

    void updatedAt(Instant at) {
        this.updatedAt = at;
    }

    @Override
    public String toString() {
        return "UserTokenRecord[" + id + "]";
    }

    @Embeddable
    static class Key implements Serializable {

        @Column(name = "user_id", nullable = false, length = 255)
        private String userId;

        @Column(name = "registration_id", nullable = false, length = 100)
        private String registrationId;

        protected Key() {
        }

        Key(String userId, String registrationId) {
            this.userId = userId;
            this.registrationId = registrationId;
        }

        String userId() { return userId; }
        String registrationId() { return registrationId; }

        TokenCipher.Owner owner() {
            return new TokenCipher.Owner(userId, registrationId);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && userId.equals(key.userId) && registrationId.equals(key.registrationId);
        }

        @Override
        public int hashCode() {
            return 31 * userId.hashCode() + registrationId.hashCode();
        }

        @Override
        public String toString() {
            return userId + "/" + registrationId;
        }
    }
}
