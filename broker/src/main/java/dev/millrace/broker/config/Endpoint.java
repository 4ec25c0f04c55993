package dev.millrace.broker.config;

/** One listener, {@code NAME://host:port} as in Kafka's {@code listeners} and {@code advertised.listeners}. */
public record Endpoint(String listenerName, String host, int port) {

    public static Endpoint parse(String key, String value) {
        int sep = value.indexOf("://");
        int colon = value.lastIndexOf(':');
        if (sep <= 0 || colon <= sep + 2) {
            throw new ConfigException(key, value, "a listener of the form NAME://host:port");
        }
        String name = value.substring(0, sep);
        String host = value.substring(sep + 3, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "a listener of the form NAME://host:port");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, value, "a port in [0, 65535]");
        }
        return new Endpoint(name, host, port);
    }

    /** The address clients are told to connect to; an empty or wildcard host means this machine. */
    public String advertisableHost() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
}
