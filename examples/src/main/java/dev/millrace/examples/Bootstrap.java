package dev.millrace.examples;

import java.util.Map;

/** Where an example finds its broker: the first argument, else the BOOTSTRAP_SERVERS variable, else localhost:9092. */
public final class Bootstrap {
    public static final String ENV = "BOOTSTRAP_SERVERS";
    public static final String DEFAULT = "localhost:9092";

    private Bootstrap() {
    }

    public static String servers(String[] args) {
        return servers(args, System.getenv());
    }

    static String servers(String[] args, Map<String, String> env) {
        if (args != null && args.length > 0 && !args[0].isBlank()) return args[0];
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT : fromEnv;
    }
}
