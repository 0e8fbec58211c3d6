package com.digitalspiral.pipeline.sink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExactlyOnceOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Flink's at-least-once JDBC sink, with {@link SinkMetrics} about its batches: the JDBC connector reports none of
 * its own beyond record counts. Writing stays the connector's (batching, the flush timer, retries, the flush at a
 * checkpoint); the rows of a batch are seen as they are bound, and the batch's round trip by a thin proxy around the
 * connection's prepared statements that times {@code executeBatch}.
 */
final class MeteredJdbcSink<T> extends JdbcSink<T> {

    private static final long serialVersionUID = 1L;

    private final SinkMetrics metrics;

    private MeteredJdbcSink(MeteredConnections connections, JdbcExecutionOptions execution, JdbcQueryStatement<T> statement,
                            SinkMetrics metrics) {
        super(DeliveryGuarantee.AT_LEAST_ONCE, connections, execution, JdbcExactlyOnceOptions.defaults(), statement);
        this.metrics = metrics;
    }

    /**
     * @param table    the table written, as the metrics' {@code sink} label
     * @param sql      the statement a row is bound to
     * @param binder   binds a row
     * @param sourceTs a row's source commit time (ms), for the freshness lag
     */
    static <T> Sink<T> of(String table, JdbcConnectionOptions connection, JdbcExecutionOptions execution, String sql,
                          JdbcStatementBuilder<T> binder, SerializableFunction<T, Long> sourceTs) {
        SinkMetrics metrics = new SinkMetrics(table);
        return new MeteredJdbcSink<>(new MeteredConnections(connection, metrics), execution,
                new MeteredStatement<>(sql, binder, sourceTs, metrics), metrics);
    }

    @Override
    public JdbcWriter<T> restoreWriter(InitContext context, Collection<JdbcWriterState> states) throws java.io.IOException {
        metrics.bind(context.metricGroup()); // createWriter comes here too
        return super.restoreWriter(context, states);
    }

    /** Binds rows as the given builder does, and tells the metrics each row's source commit time. */
    private record MeteredStatement<T>(String query, JdbcStatementBuilder<T> binder, SerializableFunction<T, Long> sourceTs,
                                       SinkMetrics metrics) implements JdbcQueryStatement<T> {

        @Override
        public void statement(PreparedStatement ps, T row) throws SQLException {
            binder.accept(ps, row);
            metrics.bound(sourceTs.apply(row));
        }
    }

    /** The connector's own connection provider, handing out connections whose prepared statements time their batches. */
    private static final class MeteredConnections implements JdbcConnectionProvider {

        private static final long serialVersionUID = 1L;

        private final SimpleJdbcConnectionProvider delegate;
        private final SinkMetrics metrics;
        private transient Connection raw;
        private transient Connection metered;

        MeteredConnections(JdbcConnectionOptions options, SinkMetrics metrics) {
            this.delegate = new SimpleJdbcConnectionProvider(options);
            this.metrics = metrics;
        }

        @Override
        public Connection getConnection() {
            return wrap(delegate.getConnection());
        }

        @Override
        public java.util.Properties getProperties() {
            return delegate.getProperties();
        }

        @Override
        public boolean isConnectionValid() throws SQLException {
            return delegate.isConnectionValid();
        }

        @Override
        public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
            return wrap(delegate.getOrEstablishConnection());
        }

        @Override
        public void closeConnection() {
            delegate.closeConnection();
        }

        @Override
        public Connection reestablishConnection() throws SQLException, ClassNotFoundException {
            return wrap(delegate.reestablishConnection());
        }

        private synchronized Connection wrap(Connection c) {
            if (c == null) {
                return null;
            }
            if (c != raw) {
                raw = c;
                metered = proxy(Connection.class, c, (method, args) -> {
                    Object result = invoke(c, method, args);
                    if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                        return proxy(PreparedStatement.class, ps, (m, a) -> m.getName().equals("executeBatch")
                                ? timed(ps, m, a) : invoke(ps, m, a));
                    }
                    return result;
                });
            }
            return metered;
        }

        private Object timed(PreparedStatement ps, Method executeBatch, Object[] args) throws Throwable {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                Object result = invoke(ps, executeBatch, args);
                ok = true;
                return result;
            } finally {
                if (ok) {
                    metrics.written(System.nanoTime() - start, System.currentTimeMillis());
                } else {
                    metrics.clear();
                }
            }
        }
    }

    private interface Call {
        Object apply(Method method, Object[] args) throws Throwable;
    }

    private static <I> I proxy(Class<I> type, I target, Call call) {
        InvocationHandler h = (self, method, args) -> call.apply(method, args);
        return type.cast(Proxy.newProxyInstance(MeteredJdbcSink.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    /** Calls {@code method} on the real object, throwing what it threw (an SQLException stays an SQLException). */
    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
