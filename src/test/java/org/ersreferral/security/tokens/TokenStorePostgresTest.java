package org.ersreferral.security.tokens;

import org.ersreferral.testsupport.ThrowawayPostgres;

/** The token store on PostgreSQL, the production database. */
class TokenStorePostgresTest extends TokenStoreContract {

    private final ThrowawayPostgres database = new ThrowawayPostgres("ers_user_tokens_test_");

    @Override
    String[] database() {
        return new String[]{database.create(), ThrowawayPostgres.user()};
    }

    @Override
    void dropDatabase() throws Exception {
        database.drop();
    }
}
