package dev.millrace.connect.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/** Opens the connector's two kinds of PostgreSQL connection: plain SQL, and logical replication (walsender). */
final class Connections {

    private Connections() {
    }

    /**
     * A SQL connection. Values travel in text format (binaryTransfer off) so snapshot rows arrive in exactly the
     * form pgoutput sends them and one set of converters serves both.
     */
    static Connection sql(PostgresConnectorConfig config) throws SQLException {
        Properties p = base(config);
        PGProperty.BINARY_TRANSFER.set(p, false);
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    /** A replication connection ("replication=database"), for slot commands and the pgoutput stream. */
    static Connection replication(PostgresConnectorConfig config) throws SQLException {
        Properties p = base(config);
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    private static Properties base(PostgresConnectorConfig config) {
        Properties p = new Properties();
        PGProperty.USER.set(p, config.user());
        PGProperty.PASSWORD.set(p, config.password());
        PGProperty.APPLICATION_NAME.set(p, "millrace-postgres-connector");
        PGProperty.CONNECT_TIMEOUT.set(p, 10);
        PGProperty.TCP_KEEP_ALIVE.set(p, true);
        // the text formats the value parsers read, whatever the server's or role's defaults are; the walsender
        // formats pgoutput values with these settings too
        PGProperty.OPTIONS.set(p, "-c IntervalStyle=postgres -c DateStyle=ISO,MDY -c bytea_output=hex"
                + " -c extra_float_digits=3");
        return p;
    }
}
