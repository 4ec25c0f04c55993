package dev.millrace.broker.group;

/** The states of a classic group, named as Kafka names them in DescribeGroups and ListGroups. */
public enum GroupState {
    /** No members; may still hold committed offsets. */
    EMPTY("Empty"),
    /** Waiting for every member to (re)join; JoinGroup responses are held until then. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Join answered; waiting for the leader's assignments in SyncGroup. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment. */
    STABLE("Stable"),
    /** Removed (deleted, or emptied and expired); kept only by requests still holding a reference. */
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }

    /** Case-insensitive, as ListGroups' states filter is. */
    public static GroupState forName(String name) {
        for (GroupState s : values()) {
            if (s.kafkaName.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
