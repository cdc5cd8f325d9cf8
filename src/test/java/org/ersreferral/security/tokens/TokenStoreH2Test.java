package org.ersreferral.security.tokens;

import java.util.UUID;

/** The token store on H2, the demo's database. */
class TokenStoreH2Test extends TokenStoreContract {

    @Override
    String[] database() {
        return new String[]{"jdbc:h2:mem:user-tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa"};
    }

    @Override
    void dropDatabase() {
        // in memory: gone with the JVM; its name is never reused
    }
}
