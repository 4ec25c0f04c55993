package dev.millrace.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's own flags, taken out of {@code bin/millrace start}'s command line: {@code --connect-config FILE}
 * (worker properties for the in-process connector runtime) and {@code --no-connect}. Everything else goes to the
 * broker unchanged, so its parsing, messages and exit codes stay the broker's.
 */
record LauncherArguments(List<String> brokerArgs, Path connectConfig, boolean connectEnabled) {

    static LauncherArguments parse(String[] args) {
        List<String> broker = new ArrayList<>();
        Path connectConfig = null;
        boolean enabled = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connect-config" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--connect-config needs a file");
                    }
                    connectConfig = Path.of(args[++i]);
                }
                case "--no-connect" -> enabled = false;
                default -> broker.add(args[i]);
            }
        }
        return new LauncherArguments(List.copyOf(broker), connectConfig, enabled);
    }
}
