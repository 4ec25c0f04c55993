package dev.millrace.tools.groups;

import dev.millrace.tools.client.ClientProperties;
import dev.millrace.tools.client.ToolException;
import dev.millrace.tools.groups.GroupTables.MemberRow;
import dev.millrace.tools.groups.GroupTables.PartitionRow;
import dev.millrace.tools.groups.GroupTables.StateRow;
import dev.millrace.tools.groups.OffsetResets.TopicArg;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.DeleteConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code groups}: consumer group administration with the flags and output of kafka-consumer-groups, built
 * on the Admin client only, so it works against Apache Kafka as well as Millrace.
 */
@Command(name = "groups",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List, describe and delete consumer groups, and reset or delete their committed offsets.")
public final class GroupsCommand implements Callable<Integer> {

    /** The states a consumer group can be listed by (classic and consumer protocol groups). */
    static final Set<GroupState> CONSUMER_GROUP_STATES = GroupState.groupStatesForType(GroupType.CONSUMER);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Broker(s) to connect to, comma-separated.")
    String bootstrapServer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "The consumer group to act on; repeatable with --describe, --delete and --reset-offsets.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", description = "With --describe, --delete or --reset-offsets: every consumer group.")
    boolean allGroups;

    @Option(names = "--topic", paramLabel = "TOPIC[:P,...]",
            description = "With --reset-offsets or --delete-offsets: a topic, or some of its partitions as "
                    + "topic:0,1,2; repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--all-topics",
            description = "With --reset-offsets: every partition the group has a committed offset for.")
    boolean allTopics;

    @Option(names = "--to-earliest", description = "Reset to the earliest offset.")
    boolean toEarliest;

    @Option(names = "--to-latest", description = "Reset to the latest offset (the log end).")
    boolean toLatest;

    @Option(names = "--to-current", description = "Reset to the committed offset (the log end where there is none).")
    boolean toCurrent;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "Reset to this offset (kept inside the log).")
    Long toOffset;

    @Option(names = "--shift-by", paramLabel = "N",
            description = "Move the committed offset by N, which may be negative (kept inside the log).")
    Long shiftBy;

    @Option(names = "--to-datetime", paramLabel = "YYYY-MM-DDTHH:mm:SS.sss",
            description = "Reset to the first record at or after this time; local time unless it ends in a zone "
                    + "such as Z or +02:00.")
    String toDatetime;

    @Option(names = "--by-duration", paramLabel = "PnDTnHnMnS",
            description = "Reset to the first record at or after this long ago.")
    String byDuration;

    @Option(names = "--dry-run", description = "With --reset-offsets: print the new offsets, change nothing.")
    boolean dryRun;

    @Option(names = "--execute", description = "With --reset-offsets: commit the new offsets.")
    boolean execute;

    @Option(names = "--members", description = "With --describe: one line per member.")
    boolean members;

    @Option(names = "--offsets", description = "With --describe: one line per partition (the default).")
    boolean offsets;

    @Option(names = "--state", arity = "0..1", fallbackValue = "", paramLabel = "STATE[,STATE...]",
            description = "With --describe: the group's state and coordinator. With --list: show each group's "
                    + "state, or list only groups in the given states (e.g. stable,empty).")
    String state;

    @Option(names = "--verbose", description = "With --describe: more columns (epochs, assignments).")
    boolean verbose;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Timeout of each Admin call in milliseconds (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--command-config", paramLabel = "FILE", description = "Admin client properties file.")
    Path commandConfig;

    /** Opens the Admin client; tests may replace it. */
    Function<Properties, Admin> adminFactory = Admin::create;

    /** The zone of a --to-datetime without one; tests fix it. */
    ZoneId localZone = ZoneId.systemDefault();

    static final class Action {
        @Option(names = "--list", required = true, description = "List consumer groups.")
        boolean list;
        @Option(names = "--describe", required = true,
                description = "Describe groups: partitions, committed offsets, log end offsets and lag.")
        boolean describe;
        @Option(names = "--reset-offsets", required = true,
                description = "Reset committed offsets of an inactive group: needs a scope (--topic or "
                        + "--all-topics), one scenario and --dry-run or --execute.")
        boolean resetOffsets;
        @Option(names = "--delete", required = true, description = "Delete groups and their committed offsets.")
        boolean delete;
        @Option(names = "--delete-offsets", required = true,
                description = "Delete a group's committed offsets of some topics.")
        boolean deleteOffsets;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties props = new ClientProperties().file(commandConfig).build(bootstrapServer);
        try (Admin admin = adminFactory.apply(props)) {
            Run run = new Run(admin, out, err);
            if (action.list) {
                run.list();
            } else if (action.describe) {
                run.describe();
            } else if (action.resetOffsets) {
                run.resetOffsets();
            } else if (action.delete) {
                run.delete();
            } else {
                run.deleteOffsets();
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // validation

    /** Rejects what kafka-consumer-groups rejects (and a reset without --dry-run or --execute), exit code 2. */
    void validate() {
        String name = actionName();
        if (timeoutMs <= 0) {
            throw usage("--timeout must be positive");
        }
        if (!groups.isEmpty() && allGroups) {
            throw usage("--group and --all-groups cannot be used together");
        }
        if ((!groups.isEmpty() || allGroups) && action.list) {
            throw usage("--group and --all-groups cannot be used with --list");
        }
        if ((action.describe || action.delete || action.resetOffsets) && groups.isEmpty() && !allGroups) {
            throw usage(name + " needs --group or --all-groups");
        }
        if (!topics.isEmpty() && !(action.resetOffsets || action.deleteOffsets)) {
            throw usage(action.delete
                    ? "The consumer does not support topic-specific offset deletion from a consumer group."
                    : "--topic is only valid with --reset-offsets or --delete-offsets");
        }
        if (action.deleteOffsets) {
            if (groups.size() != 1 || topics.isEmpty()) {
                throw usage("--delete-offsets needs one --group and at least one --topic");
            }
            if (allGroups) {
                throw usage("--all-groups cannot be used with --delete-offsets");
            }
        }
        for (String topic : topics) {
            try {
                OffsetResets.parseTopic(topic);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }

        List<String> scenarios = scenarios();
        if (action.resetOffsets) {
            if (scenarios.size() != 1) {
                throw usage("--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-current, "
                        + "--to-offset, --shift-by, --to-datetime, --by-duration"
                        + (scenarios.isEmpty() ? "" : "; got " + String.join(", ", scenarios)));
            }
            if (dryRun == execute) {
                throw usage("--reset-offsets needs exactly one of --dry-run (show the new offsets) "
                        + "or --execute (commit them)");
            }
            if (topics.isEmpty() == !allTopics) {
                throw usage("--reset-offsets needs exactly one scope: --topic or --all-topics");
            }
            if (toOffset != null && toOffset < 0) {
                throw usage("--to-offset must not be negative");
            }
            try {
                if (toDatetime != null) {
                    OffsetResets.parseDateTime(toDatetime, localZone);
                }
                if (byDuration != null) {
                    OffsetResets.parseDurationAgo(byDuration, 0);
                }
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        } else {
            if (!scenarios.isEmpty()) {
                throw usage(scenarios.get(0) + " is only valid with --reset-offsets");
            }
            if (dryRun || execute) {
                throw usage((dryRun ? "--dry-run" : "--execute") + " is only valid with --reset-offsets");
            }
            if (allTopics) {
                throw usage("--all-topics is only valid with --reset-offsets");
            }
        }

        if ((members || offsets || verbose) && !action.describe) {
            throw usage((members ? "--members" : offsets ? "--offsets" : "--verbose") + " is only valid with --describe");
        }
        if (state != null && !(action.describe || action.list)) {
            throw usage("--state is only valid with --describe or --list");
        }
        if (action.describe) {
            int views = (members ? 1 : 0) + (offsets ? 1 : 0) + (state != null ? 1 : 0);
            if (views > 1) {
                throw usage("--describe takes at most one of --members, --offsets, --state");
            }
            if (state != null && !state.isEmpty()) {
                throw usage("--describe does not take a value for --state");
            }
        }
        if (action.list && state != null && !state.isEmpty()) {
            try {
                listStates();
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
    }

    /** The reset scenarios given on the command line, by flag name. */
    List<String> scenarios() {
        List<String> given = new ArrayList<>();
        if (toEarliest) {
            given.add("--to-earliest");
        }
        if (toLatest) {
            given.add("--to-latest");
        }
        if (toCurrent) {
            given.add("--to-current");
        }
        if (toOffset != null) {
            given.add("--to-offset");
        }
        if (shiftBy != null) {
            given.add("--shift-by");
        }
        if (toDatetime != null) {
            given.add("--to-datetime");
        }
        if (byDuration != null) {
            given.add("--by-duration");
        }
        return given;
    }

    /** The states of {@code --list --state a,b}; empty when --state has no value. */
    Set<GroupState> listStates() {
        if (state == null || state.isBlank()) {
            return Set.of();
        }
        Set<GroupState> parsed = new LinkedHashSet<>();
        for (String s : state.split(",")) {
            GroupState g = GroupState.parse(s.trim());
            if (!CONSUMER_GROUP_STATES.contains(g)) {
                throw new IllegalArgumentException("Invalid state list '" + state + "'. Valid states are: "
                        + CONSUMER_GROUP_STATES.stream().map(GroupState::toString).sorted()
                        .collect(Collectors.joining(", ")));
            }
            parsed.add(g);
        }
        return parsed;
    }

    private String actionName() {
        return action.list ? "--list" : action.describe ? "--describe" : action.resetOffsets ? "--reset-offsets"
                : action.delete ? "--delete" : "--delete-offsets";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the actions, against a broker

    /** One run of the tool against one Admin client. */
    private final class Run {
        private final Admin admin;
        private final PrintWriter out;
        private final PrintWriter err;

        Run(Admin admin, PrintWriter out, PrintWriter err) {
            this.admin = admin;
            this.out = out;
            this.err = err;
        }

        void list() {
            boolean withState = state != null;
            Collection<GroupListing> listings = listGroups(listStates());
            List<GroupListing> sorted = new ArrayList<>(listings);
            sorted.sort(Comparator.comparing(GroupListing::groupId));
            if (withState) {
                Map<String, String> states = new LinkedHashMap<>();
                sorted.forEach(g -> states.put(g.groupId(), g.groupState().orElse(GroupState.UNKNOWN).toString()));
                out.print(GroupTables.listWithState(states));
            } else {
                sorted.forEach(g -> out.println(g.groupId()));
            }
        }

        /**
         * Consumer groups (classic and consumer protocol). A broker without ListGroups v5 cannot filter by
         * group type; the client still filters by protocol type, which is what selects consumer groups there.
         */
        private Collection<GroupListing> listGroups(Set<GroupState> states) {
            try {
                return admin.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(states).timeoutMs(timeoutMs))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnsupportedVersionException)) {
                    throw ToolException.from("Cannot list consumer groups", e);
                }
            } catch (InterruptedException e) {
                throw interrupted();
            }
            try {
                return admin.listGroups(new ListGroupsOptions()
                        .withProtocolTypes(Set.of("", "consumer"))
                        .inGroupStates(states)
                        .timeoutMs(timeoutMs)).all().get();
            } catch (ExecutionException e) {
                throw ToolException.from("Cannot list consumer groups", e);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        private List<String> groupIds() {
            if (!allGroups) {
                return new ArrayList<>(new LinkedHashSet<>(groups));
            }
            return listGroups(Set.of()).stream().map(GroupListing::groupId).sorted().toList();
        }

        void describe() {
            List<String> ids = groupIds();
            Map<String, KafkaFuture<ConsumerGroupDescription>> futures = ids.isEmpty() ? Map.of()
                    : admin.describeConsumerGroups(ids, new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
                            .describedGroups();
            List<String> missing = new ArrayList<>();
            for (String id : new TreeMap<>(futures).keySet()) {
                ConsumerGroupDescription group = describeGroup(id, futures.get(id));
                if (group == null || group.groupState() == GroupState.DEAD) {
                    missing.add(id);
                    continue;
                }
                noteState(group);
                if (members) {
                    out.print(GroupTables.members(memberRows(group), verbose));
                } else if (state != null) {
                    out.print(GroupTables.state(stateRow(group), verbose));
                } else {
                    List<PartitionRow> rows = partitionRows(group);
                    if (!rows.isEmpty()) {
                        out.print(GroupTables.offsets(rows, verbose));
                    }
                }
                out.flush();
            }
            if (!missing.isEmpty()) {
                throw new ToolException(missing.size() == 1
                        ? "Consumer group '" + missing.get(0) + "' does not exist."
                        : "Consumer groups " + quoted(missing) + " do not exist.");
            }
        }

        /** The group's description; null when the broker does not know it. */
        private ConsumerGroupDescription describeGroup(String id, KafkaFuture<ConsumerGroupDescription> future) {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return null;
                }
                throw ToolException.from("Cannot describe consumer group '" + id + "'", e);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        /** Kafka's notes on stderr about a group that is empty or rebalancing; the table still follows. */
        private void noteState(ConsumerGroupDescription group) {
            switch (group.groupState()) {
                case EMPTY -> err.println("Consumer group '" + group.groupId() + "' has no active members.");
                case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING ->
                        err.println("Warning: Consumer group '" + group.groupId() + "' is rebalancing.");
                default -> {
                }
            }
            err.flush();
        }

        /**
         * The partitions owned by members (members with the most partitions first, each one's partitions in
         * order), then the partitions with a committed offset that no member owns.
         */
        private List<PartitionRow> partitionRows(ConsumerGroupDescription group) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group.groupId());
            List<MemberDescription> owners = group.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .sorted(Comparator.comparingInt((MemberDescription m) -> m.assignment().topicPartitions().size())
                            .reversed())
                    .toList();
            Set<TopicPartition> all = new LinkedHashSet<>();
            owners.forEach(m -> all.addAll(m.assignment().topicPartitions()));
            all.addAll(committed.keySet());
            Map<TopicPartition, Long> logEnd = logOffsets(all, OffsetSpec.latest());

            List<PartitionRow> rows = new ArrayList<>();
            Set<TopicPartition> owned = new LinkedHashSet<>();
            for (MemberDescription m : owners) {
                List<TopicPartition> partitions = new ArrayList<>(m.assignment().topicPartitions());
                partitions.sort(GroupTables::compare);
                for (TopicPartition tp : partitions) {
                    owned.add(tp);
                    rows.add(row(group.groupId(), tp, committed.get(tp), logEnd.get(tp),
                            m.consumerId(), m.host(), m.clientId()));
                }
            }
            GroupTables.sorted(committed).keySet().stream()
                    .filter(tp -> !owned.contains(tp))
                    .forEach(tp -> rows.add(row(group.groupId(), tp, committed.get(tp), logEnd.get(tp),
                            GroupTables.MISSING, GroupTables.MISSING, GroupTables.MISSING)));
            return rows;
        }

        private PartitionRow row(String group, TopicPartition tp, OffsetAndMetadata committed, Long logEnd,
                                 String consumerId, String host, String clientId) {
            return new PartitionRow(group, tp.topic(), tp.partition(),
                    committed == null ? null : committed.leaderEpoch().orElse(null),
                    committed == null ? null : committed.offset(), logEnd, consumerId, host, clientId);
        }

        private List<MemberRow> memberRows(ConsumerGroupDescription group) {
            return group.members().stream().map(m -> new MemberRow(group.groupId(), m.consumerId(),
                    m.groupInstanceId().orElse(""), m.host(), m.clientId(),
                    List.copyOf(m.assignment().topicPartitions()),
                    m.memberEpoch().orElse(null),
                    m.targetAssignment().map(MemberAssignment::topicPartitions).map(List::copyOf).orElse(List.of()),
                    group.targetAssignmentEpoch().orElse(null))).toList();
        }

        private StateRow stateRow(ConsumerGroupDescription group) {
            Node c = group.coordinator();
            String coordinator = c == null ? GroupTables.MISSING : c.host() + ":" + c.port() + "  (" + c.idString() + ")";
            return new StateRow(group.groupId(), coordinator, group.partitionAssignor(), group.groupState().toString(),
                    group.members().size(), group.groupEpoch().orElse(null),
                    group.targetAssignmentEpoch().orElse(null));
        }

        private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                        new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs)).partitionsToOffsetAndMetadata().get();
                // the Admin client maps a partition without a committed offset to null
                Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
                offsets.forEach((tp, o) -> {
                    if (o != null) {
                        present.put(tp, o);
                    }
                });
                return present;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return Map.of();
                }
                throw ToolException.from("Cannot fetch the committed offsets of group '" + group + "'", e);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }

        /** Offsets of each partition per {@code spec}; a partition whose lookup failed is left out. */
        private Map<TopicPartition, Long> logOffsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
            if (partitions.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(tp -> request.put(tp, spec));
            ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                try {
                    offsets.put(tp, result.partitionResult(tp).get().offset());
                } catch (ExecutionException e) {
                    // a deleted topic or a partition without a leader: shown as "-", as in Kafka's tool
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
            return offsets;
        }

        /** Like {@link #logOffsets} but every partition must have an answer. */
        private Map<TopicPartition, Long> requiredLogOffsets(Collection<TopicPartition> partitions, OffsetSpec spec,
                                                             String what) {
            Map<TopicPartition, Long> offsets = logOffsets(partitions, spec);
            for (TopicPartition tp : partitions) {
                if (!offsets.containsKey(tp)) {
                    throw new ToolException("Error getting " + what + " offset of topic partition: " + tp);
                }
            }
            return offsets;
        }

        void resetOffsets() {
            List<String> ids = groupIds();
            // check every group first, so that nothing is changed when one of them is active
            Map<String, KafkaFuture<ConsumerGroupDescription>> futures = ids.isEmpty() ? Map.of()
                    : admin.describeConsumerGroups(ids, new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
                            .describedGroups();
            for (String id : ids) {
                ConsumerGroupDescription group = describeGroup(id, futures.get(id));
                GroupState s = group == null ? GroupState.DEAD : group.groupState();
                if (s != GroupState.EMPTY && s != GroupState.DEAD) {
                    throw new ToolException("Assignments can only be reset if the group '" + id
                            + "' is inactive, but the current state is " + s + ".");
                }
            }
            Map<String, Map<TopicPartition, Long>> plan = new LinkedHashMap<>();
            for (String id : ids) {
                plan.put(id, newOffsets(id));
            }
            if (execute) {
                for (Map.Entry<String, Map<TopicPartition, Long>> e : plan.entrySet()) {
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                    e.getValue().forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
                    try {
                        admin.alterConsumerGroupOffsets(e.getKey(), commit,
                                new AlterConsumerGroupOffsetsOptions().timeoutMs(timeoutMs)).all().get();
                    } catch (ExecutionException ex) {
                        throw ToolException.from("Cannot commit the new offsets of group '" + e.getKey() + "'", ex);
                    } catch (InterruptedException ex) {
                        throw interrupted();
                    }
                }
            }
            out.print(GroupTables.newOffsets(plan));
        }

        private Map<TopicPartition, Long> newOffsets(String group) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
            Collection<TopicPartition> partitions = allTopics
                    ? GroupTables.sorted(committed).keySet()
                    : partitionsOf(topics);
            if (partitions.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, Long> result = new LinkedHashMap<>();
            if (toEarliest) {
                result.putAll(requiredLogOffsets(partitions, OffsetSpec.earliest(), "starting"));
            } else if (toLatest) {
                result.putAll(requiredLogOffsets(partitions, OffsetSpec.latest(), "ending"));
            } else if (toCurrent) {
                List<TopicPartition> without = partitions.stream().filter(tp -> !committed.containsKey(tp)).toList();
                Map<TopicPartition, Long> ends = requiredLogOffsets(without, OffsetSpec.latest(), "ending");
                partitions.forEach(tp -> result.put(tp,
                        committed.containsKey(tp) ? committed.get(tp).offset() : ends.get(tp)));
            } else if (toOffset != null || shiftBy != null) {
                Map<TopicPartition, Long> requested = new LinkedHashMap<>();
                for (TopicPartition tp : partitions) {
                    if (toOffset != null) {
                        requested.put(tp, toOffset);
                    } else if (!committed.containsKey(tp)) {
                        throw new ToolException("Cannot shift offset for partition " + tp
                                + " since there is no current committed offset");
                    } else {
                        requested.put(tp, committed.get(tp).offset() + shiftBy);
                    }
                }
                Map<TopicPartition, Long> starts = requiredLogOffsets(partitions, OffsetSpec.earliest(), "starting");
                Map<TopicPartition, Long> ends = requiredLogOffsets(partitions, OffsetSpec.latest(), "ending");
                requested.forEach((tp, o) -> result.put(tp,
                        OffsetResets.clamp(tp, o, starts.get(tp), ends.get(tp), this::warn)));
            } else {
                long timestamp = toDatetime != null
                        ? OffsetResets.parseDateTime(toDatetime, localZone)
                        : OffsetResets.parseDurationAgo(byDuration, System.currentTimeMillis());
                Map<TopicPartition, Long> byTime = requiredLogOffsets(partitions, OffsetSpec.forTimestamp(timestamp),
                        "timestamp");
                List<TopicPartition> noRecord = partitions.stream()
                        .filter(tp -> byTime.get(tp) < 0).sorted(GroupTables::compare).toList();
                noRecord.forEach(tp -> warn("Partition " + tp.partition() + " from topic " + tp.topic()
                        + " has no record at or after that time. Falling back to latest known offset."));
                Map<TopicPartition, Long> ends = requiredLogOffsets(noRecord, OffsetSpec.latest(), "ending");
                partitions.forEach(tp -> result.put(tp, byTime.get(tp) >= 0 ? byTime.get(tp) : ends.get(tp)));
            }
            return result;
        }

        private void warn(String message) {
            err.println("Warning: " + message);
            err.flush();
        }

        /**
         * The partitions named by {@code --topic} values: all of a topic's partitions when it names none.
         * Fails, as Kafka's tool does, when a topic or a named partition does not exist.
         */
        private List<TopicPartition> partitionsOf(List<String> topicArgs) {
            List<TopicArg> args = topicArgs.stream().map(OffsetResets::parseTopic).toList();
            Map<String, TopicDescription> described = describeTopics(
                    args.stream().map(TopicArg::topic).collect(Collectors.toCollection(LinkedHashSet::new)));
            Set<TopicPartition> result = new LinkedHashSet<>();
            List<TopicPartition> absent = new ArrayList<>();
            for (TopicArg arg : args) {
                TopicDescription d = described.get(arg.topic());
                Set<Integer> existing = d.partitions().stream().map(p -> p.partition()).collect(Collectors.toSet());
                if (arg.allPartitions()) {
                    existing.stream().sorted().forEach(p -> result.add(new TopicPartition(arg.topic(), p)));
                } else {
                    for (TopicPartition tp : arg.topicPartitions()) {
                        (existing.contains(tp.partition()) ? result : absent).add(tp);
                    }
                }
            }
            if (!absent.isEmpty()) {
                throw new ToolException("The partitions \"" + absent.stream().map(TopicPartition::toString)
                        .collect(Collectors.joining(",")) + "\" do not exist");
            }
            return new ArrayList<>(result);
        }

        private Map<String, TopicDescription> describeTopics(Collection<String> names) {
            Map<String, TopicDescription> result = new HashMap<>();
            Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names,
                    new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
            for (String name : names) {
                try {
                    result.put(name, futures.get(name).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new ToolException("Topic '" + name + "' does not exist.");
                    }
                    throw ToolException.from("Cannot describe topic '" + name + "'", e);
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
            return result;
        }

        void delete() {
            List<String> ids = groupIds();
            if (ids.isEmpty()) {
                out.println("There are no consumer groups to delete.");
                return;
            }
            Map<String, KafkaFuture<Void>> futures = admin.deleteConsumerGroups(ids,
                    new DeleteConsumerGroupsOptions().timeoutMs(timeoutMs)).deletedGroups();
            List<String> deleted = new ArrayList<>();
            Map<String, String> failed = new TreeMap<>();
            for (String id : ids) {
                try {
                    futures.get(id).get();
                    deleted.add(id);
                } catch (ExecutionException e) {
                    failed.put(id, message(e.getCause()));
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
            if (failed.isEmpty()) {
                out.println("Deletion of requested consumer groups (" + quoted(deleted) + ") was successful.");
                return;
            }
            if (!deleted.isEmpty()) {
                out.println("These consumer groups were deleted successfully: " + quoted(deleted));
            }
            out.flush();
            throw new ToolException(failed.size() == 1
                    ? "Group '" + failed.keySet().iterator().next() + "' could not be deleted: "
                            + failed.values().iterator().next()
                    : "Deletion of some consumer groups failed: " + failed.entrySet().stream()
                            .map(e -> "'" + e.getKey() + "' (" + e.getValue() + ")").collect(Collectors.joining(", ")));
        }

        void deleteOffsets() {
            String group = groups.get(0);
            Map<TopicPartition, String> status = new HashMap<>();
            Set<TopicPartition> partitions = new LinkedHashSet<>();
            List<String> whole = new ArrayList<>();
            for (String arg : topics) {
                TopicArg t = OffsetResets.parseTopic(arg);
                if (t.allPartitions()) {
                    whole.add(t.topic());
                } else {
                    partitions.addAll(t.topicPartitions());
                }
            }
            if (!whole.isEmpty()) {
                Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(whole,
                        new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
                for (String topic : whole) {
                    try {
                        futures.get(topic).get().partitions()
                                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                    } catch (ExecutionException e) {
                        status.put(new TopicPartition(topic, -1), message(e.getCause()));
                    } catch (InterruptedException e) {
                        throw interrupted();
                    }
                }
            }
            Throwable topLevel = null;
            if (!partitions.isEmpty()) {
                DeleteConsumerGroupOffsetsResult result = admin.deleteConsumerGroupOffsets(group, partitions,
                        new DeleteConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
                try {
                    result.all().get();
                } catch (ExecutionException e) {
                    topLevel = e.getCause();
                } catch (InterruptedException e) {
                    throw interrupted();
                }
                for (TopicPartition tp : partitions) {
                    try {
                        result.partitionResult(tp).get();
                        status.put(tp, null);
                    } catch (ExecutionException e) {
                        status.put(tp, message(e.getCause()));
                    } catch (InterruptedException e) {
                        throw interrupted();
                    }
                }
            }
            boolean partitionErrors = status.values().stream().anyMatch(Objects::nonNull);
            if (topLevel == null && !partitionErrors) {
                out.println("Request succeeded for deleting offsets from group " + group + ".");
            }
            out.print(GroupTables.deleteOffsetsStatus(status));
            out.flush();
            if (topLevel == null && !partitionErrors) {
                return;
            }
            // as Kafka's tool: a group-level error is reported as such, partition-level ones point at the table
            boolean partitionLevel = topLevel == null
                    || topLevel instanceof GroupSubscribedToTopicException
                    || topLevel instanceof UnknownTopicOrPartitionException
                    || topLevel instanceof TopicAuthorizationException;
            throw new ToolException("Cannot delete offsets of group '" + group + "': " + (partitionLevel
                    ? "some partitions failed, see the STATUS column above"
                    : message(topLevel)));
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static String quoted(Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static ToolException interrupted() {
        Thread.currentThread().interrupt();
        return new ToolException("Interrupted");
    }
}
