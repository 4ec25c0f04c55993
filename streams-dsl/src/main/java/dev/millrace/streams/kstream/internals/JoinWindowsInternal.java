package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.JoinWindows;

/** A {@link JoinWindows} the DSL reads. */
final class JoinWindowsInternal extends JoinWindows {
    JoinWindowsInternal(JoinWindows windows) {
        super(windows);
    }

    /** Whether left/outer results wait for the window to close (every factory but the deprecated {@code of}). */
    boolean spuriousResultFixEnabled() {
        return enableSpuriousResultFix;
    }
}
