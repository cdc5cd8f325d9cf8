package org.ersreferral.cluster;

/**
 * The database of a {@link LocalNode}: an in-memory H2 of its own, or a PostgreSQL database the
 * nodes of one cluster share, with the key of the users' stored e-RS tokens they must share too.
 */
public record NodeDatabase(String url, String user, String password, String tokenKey) {

    /** A fresh in-memory H2 database for one node. */
    public static NodeDatabase h2InMemory() {
        return new NodeDatabase("jdbc:h2:mem:ers-node-" + Secrets.random(6) + ";DB_CLOSE_DELAY=-1", "sa", "", null);
    }

    /** A PostgreSQL database (its JDBC URL) and a token key chosen here for all nodes on it. */
    public static NodeDatabase postgres(String url, String user, String password) {
        return new NodeDatabase(url, user, password == null ? "" : password, Secrets.aesKey());
    }

    /** The password and token key print as {@code ***}. */
    @Override
    public String toString() {
        return "NodeDatabase[url=" + url + ", user=" + user + ", password=***, tokenKey=***]";
    }
}
