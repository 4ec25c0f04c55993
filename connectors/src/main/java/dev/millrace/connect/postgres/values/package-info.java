/**
 * Column values: PostgreSQL's type catalogue as the connector sees it, the mapping of each column type to its
 * Connect schema with Debezium's logical names, and the conversion of PostgreSQL's text output into those
 * encodings (the same path serves snapshot rows and pgoutput tuples).
 */
package dev.millrace.connect.postgres.values;
