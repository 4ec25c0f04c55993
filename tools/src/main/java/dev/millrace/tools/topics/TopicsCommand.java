package dev.millrace.tools.topics;

import dev.millrace.tools.client.ClientProperties;
import dev.millrace.tools.client.ToolException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topics}: the topic administration of kafka-topics, with its flags and its output. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Create, list, describe, delete or alter topics.")
public final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Broker(s) to connect to, comma-separated.")
    String bootstrapServer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic's exact name.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partition count for --create (broker default when absent) or new count for --alter.")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
            description = "Replication factor for --create (broker default when absent).")
    Short replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A topic config for --create; repeatable.")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--if-not-exists", description = "With --create: succeed when the topic already exists.")
    boolean ifNotExists;

    @Option(names = "--if-exists",
            description = "With --delete, --alter or --describe: succeed when the topic does not exist.")
    boolean ifExists;

    @Option(names = "--exclude-internal", description = "With --list or --describe: leave out internal topics.")
    boolean excludeInternal;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Admin client properties file.")
    Path commandConfig;

    /** Opens the Admin client; tests may replace it. */
    Function<java.util.Properties, Admin> adminFactory = Admin::create;

    static final class Action {
        @Option(names = "--create", required = true, description = "Create a topic.")
        boolean create;
        @Option(names = "--list", required = true, description = "List topic names.")
        boolean list;
        @Option(names = "--describe", required = true,
                description = "Describe one topic (--topic) or all topics.")
        boolean describe;
        @Option(names = "--delete", required = true, description = "Delete a topic.")
        boolean delete;
        @Option(names = "--alter", required = true, description = "Raise a topic's partition count.")
        boolean alter;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        java.util.Properties props = new ClientProperties()
                .file(commandConfig)
                .build(bootstrapServer);
        try (Admin admin = adminFactory.apply(props)) {
            if (action.create) {
                create(admin, out);
            } else if (action.list) {
                list(admin, out);
            } else if (action.describe) {
                describe(admin, out);
            } else if (action.delete) {
                delete(admin, out);
            } else {
                alter(admin, out);
            }
        } finally {
            out.flush();
        }
        return 0;
    }

    /** Rejects flag combinations kafka-topics rejects, as usage errors (exit code 2). */
    void validate() {
        boolean needsTopic = action.create || action.delete || action.alter;
        if (needsTopic && topic == null) {
            throw usage("--topic is required with " + actionName());
        }
        if (action.list && topic != null) {
            throw usage("--topic cannot be used with --list");
        }
        if (partitions != null && !(action.create || action.alter)) {
            throw usage("--partitions is only valid with --create or --alter");
        }
        if (action.alter && partitions == null) {
            throw usage("--alter needs --partitions");
        }
        if (partitions != null && partitions < 1) {
            throw usage("--partitions must be at least 1");
        }
        if (replicationFactor != null && !action.create) {
            throw usage("--replication-factor is only valid with --create");
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw usage("--replication-factor must be at least 1");
        }
        if (!configs.isEmpty() && !action.create) {
            throw usage("--config is only valid with --create");
        }
        if (ifNotExists && !action.create) {
            throw usage("--if-not-exists is only valid with --create");
        }
        if (ifExists && !(action.delete || action.alter || action.describe)) {
            throw usage("--if-exists is only valid with --delete, --alter or --describe");
        }
        if (excludeInternal && !(action.list || action.describe)) {
            throw usage("--exclude-internal is only valid with --list or --describe");
        }
    }

    private void create(Admin admin, PrintWriter out) {
        NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions),
                Optional.ofNullable(replicationFactor)).configs(configs);
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            out.println("Created topic " + topic + ".");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                if (ifNotExists) {
                    return;
                }
                throw new ToolException("Topic '" + topic + "' already exists.");
            }
            throw ToolException.from("Cannot create topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private void list(Admin admin, PrintWriter out) {
        for (String name : topicNames(admin)) {
            out.println(name);
        }
    }

    private void describe(Admin admin, PrintWriter out) {
        Collection<String> names;
        if (topic != null) {
            names = List.of(topic);
        } else {
            names = topicNames(admin);
            if (names.isEmpty()) {
                return;
            }
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = new TreeMap<>(admin.describeTopics(names).allTopicNames().get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException && topic != null) {
                if (ifExists) {
                    return;
                }
                throw missing(topic);
            }
            throw ToolException.from("Cannot describe topics", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        Map<String, Map<String, String>> topicConfigs = topicConfigs(admin, descriptions.keySet());
        for (TopicDescription description : descriptions.values()) {
            out.println(TopicDescriptionFormat.summary(description,
                    topicConfigs.getOrDefault(description.name(), Map.of())));
            description.partitions().forEach(p -> out.println(TopicDescriptionFormat.partition(description.name(), p)));
        }
    }

    /** The configs set on each topic itself, not inherited defaults; empty if the broker cannot say. */
    private static Map<String, Map<String, String>> topicConfigs(Admin admin, Collection<String> names) {
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .collect(Collectors.toList());
        Map<ConfigResource, Config> described;
        try {
            described = admin.describeConfigs(resources).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                // a broker without DescribeConfigs still gets its partitions described
                return Map.of();
            }
            throw ToolException.from("Cannot describe topic configs", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        described.forEach((resource, config) -> {
            Map<String, String> set = new LinkedHashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    set.put(entry.name(), entry.value());
                }
            }
            result.put(resource.name(), set);
        });
        return result;
    }

    private void delete(Admin admin, PrintWriter out) {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
            out.println("Deleted topic " + topic + ".");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                if (ifExists) {
                    return;
                }
                throw missing(topic);
            }
            throw ToolException.from("Cannot delete topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private void alter(Admin admin, PrintWriter out) {
        try {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get();
            out.println("Altered topic " + topic + ": partition count is now " + partitions + ".");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                if (ifExists) {
                    return;
                }
                throw missing(topic);
            }
            throw ToolException.from("Cannot alter topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private List<String> topicNames(Admin admin) {
        try {
            List<String> names = new ArrayList<>(admin.listTopics(new ListTopicsOptions()
                    .listInternal(!excludeInternal)).names().get());
            names.sort(null);
            return names;
        } catch (ExecutionException e) {
            throw ToolException.from("Cannot list topics", e);
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private String actionName() {
        return action.create ? "--create" : action.delete ? "--delete" : action.alter ? "--alter"
                : action.describe ? "--describe" : "--list";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static ToolException missing(String name) {
        return new ToolException("Topic '" + name + "' does not exist.");
    }

    private static ToolException interrupted() {
        Thread.currentThread().interrupt();
        return new ToolException("Interrupted");
    }
}
