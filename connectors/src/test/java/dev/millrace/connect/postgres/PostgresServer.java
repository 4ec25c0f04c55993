package dev.millrace.connect.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests: initdb into a temp directory, start on a free 127.0.0.1 port with
 * logical decoding enabled, stop and delete on {@link #close()}. The binaries come from the machine
 * ({@code /usr/lib/postgresql/<version>/bin}, else PATH). initdb refuses to run as root, so as root the server runs
 * as the {@code postgres} (or {@code nobody}) user through {@code runuser}, owning the temp directory.
 *
 * <p>The superuser {@code postgres} connects over TCP with trust; every other role must give its password
 * (scram-sha-256), so wrong-password failures can be tested.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final List<String> runAs;
    private final int port;
    private Thread shutdownHook;

    private PostgresServer(Path dir, Path bin, List<String> runAs, int port) {
        this.dir = dir;
        this.bin = bin;
        this.runAs = runAs;
        this.port = port;
    }

    /** Starts a server with wal_level=logical. */
    public static PostgresServer start() {
        return start("logical");
    }

    /** Starts a server with the given wal_level ("logical", or "replica" to test the refusal). */
    public static PostgresServer start(String walLevel) {
        try {
            Path bin = findBinaries();
            Path dir = Files.createTempDirectory("millrace-pg-");
            List<String> runAs = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                String user = userExists("postgres") ? "postgres" : "nobody";
                run(List.of("chown", "-R", user, dir.toString()), dir);
                runAs.addAll(List.of("runuser", "-u", user, "--"));
            }
            int port = freePort();
            PostgresServer server = new PostgresServer(dir, bin, runAs, port);
            server.initAndStart(walLevel);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a private PostgreSQL: " + e.getMessage(), e);
        }
    }

    private void initAndStart(String walLevel) throws IOException {
        Path data = dir.resolve("data");
        exec(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-E", "UTF8",
                "--locale=C", "--auth=trust", "--no-sync");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "wal_level = " + walLevel,
                "max_replication_slots = 10", "max_wal_senders = 10", "fsync = off",
                "full_page_writes = off", "shared_buffers = 32MB", "max_connections = 50",
                "password_encryption = 'scram-sha-256'", ""), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host replication postgres 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host replication all 127.0.0.1/32 scram-sha-256", ""));
        shutdownHook = new Thread(this::stopQuietly, "postgres-test-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        exec(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "start");
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to the given database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Runs statements as the superuser in database "postgres" (autocommit). */
    public void sql(String... statements) {
        sqlIn("postgres", statements);
    }

    public void sqlIn(String database, String... statements) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // already in shutdown: the hook runs anyway
            }
        }
    }

    private synchronized void stopQuietly() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            exec(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop");
        } catch (RuntimeException | IOException e) {
            System.err.println("PostgresServer: stop failed: " + e.getMessage());
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("PostgresServer: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private void exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(List.of(command));
        run(full, dir);
    }

    private static void run(List<String> command, Path workDir) throws IOException {
        Path out = Files.createTempFile("millrace-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IOException(command + " exited " + p.exitValue() + ":\n" + Files.readString(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path best = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion)).orElse(null);
                if (best != null) {
                    return best;
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry, "initdb");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toRealPath().getParent();
            }
        }
        throw new IOException("no PostgreSQL server binaries (initdb) in /usr/lib/postgresql/*/bin or on PATH;"
                + " install the Debian package 'postgresql' (scripts/test.sh does it when run as root)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean userExists(String user) {
        try {
            return new ProcessBuilder("id", user).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
