package org.ersreferral.operations;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The physical connections of a pool, with every SQL statement they execute counted: each
 * {@code execute}, {@code executeQuery}, {@code executeUpdate} (and their large forms) as one
 * statement, each statement of an {@code executeBatch} as one batched statement. Nothing about the
 * statements (text, parameters) is kept.
 */
final class StatementCountingDataSource implements DataSource {

    /** Statements counted so far, sent one by one and in batches. */
    static final class Counts {
        private final LongAdder single = new LongAdder();
        private final LongAdder batched = new LongAdder();

        long single() {
            return single.sum();
        }

        long batched() {
            return batched.sum();
        }
    }

    private final DataSource target;
    private final Counts counts;

    StatementCountingDataSource(DataSource target, Counts counts) {
        this.target = target;
        this.counts = counts;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(target.getConnection(username, password));
    }

    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(connection, method, args);
            // createStatement, prepareStatement and prepareCall answer the interface they declare.
            if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
                        new StatementHandler(statement));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;

        StatementHandler(Statement statement) {
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                try {
                    Object result = call(statement, method, args);
                    counts.batched.add(result instanceof int[] ints ? ints.length : ((long[]) result).length);
                    return result;
                } catch (BatchUpdateException partly) {
                    counts.batched.add(partly.getLargeUpdateCounts() != null ? partly.getLargeUpdateCounts().length : 0);
                    throw partly;
                }
            }
            if (name.startsWith("execute")) {
                counts.single.increment();
            }
            return call(statement, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
