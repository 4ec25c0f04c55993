package dev.millrace.connect.runtime;

import dev.millrace.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The source connectors on the class path, found with {@link ServiceLoader} on {@link SourceConnector}
 * ({@code META-INF/services/dev.millrace.connect.source.SourceConnector}). A {@code connector.class} value matches a
 * plugin's full class name, its simple name, or one of its {@link SourceConnector#aliases()}.
 */
public final class ConnectorPlugins {
    private static final Logger log = LoggerFactory.getLogger(ConnectorPlugins.class);

    /** One discovered plugin: its class, version, aliases, and a way to make a fresh instance. */
    public record Plugin(Class<? extends SourceConnector> type, String version, List<String> aliases,
                         Supplier<SourceConnector> factory) {

        public boolean answersTo(String connectorClass) {
            return type.getName().equals(connectorClass) || type.getSimpleName().equals(connectorClass)
                    || aliases.contains(connectorClass);
        }

        public SourceConnector newInstance() {
            return factory.get();
        }
    }

    private final List<Plugin> plugins;

    private ConnectorPlugins(List<Plugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** The plugins visible to {@code loader}. */
    public static ConnectorPlugins load(ClassLoader loader) {
        List<Plugin> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<SourceConnector>> providers =
                ServiceLoader.load(SourceConnector.class, loader).stream().iterator();
        while (providers.hasNext()) {
            try {
                ServiceLoader.Provider<SourceConnector> provider = providers.next();
                SourceConnector probe = provider.get();
                found.add(new Plugin(provider.type(), probe.version(), List.copyOf(probe.aliases()), provider::get));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                // one broken plugin on the class path must not keep the worker and the other plugins from starting
                log.warn("Skipping a connector plugin that cannot be loaded: {}", e.toString());
            }
        }
        found.sort(Comparator.comparing(p -> p.type().getName()));
        return new ConnectorPlugins(found);
    }

    /** The plugins visible to this class's loader. */
    public static ConnectorPlugins load() {
        return load(ConnectorPlugins.class.getClassLoader());
    }

    public List<Plugin> all() {
        return plugins;
    }

    /** The plugin {@code connectorClass} names (full name, simple name or alias), if any. */
    public Optional<Plugin> find(String connectorClass) {
        if (connectorClass == null) {
            return Optional.empty();
        }
        String wanted = connectorClass.trim();
        return plugins.stream().filter(p -> p.answersTo(wanted)).findFirst();
    }

    /** A new instance of the connector {@code connectorClass} names, or empty when no plugin answers to it. */
    public Optional<SourceConnector> newConnector(String connectorClass) {
        return find(connectorClass).map(Plugin::newInstance);
    }
}
