package dev.millrace.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@link ToolsMain} with captured output, for tests that need no broker. */
public record ToolRun(int exitCode, String out, String err) {

    public static ToolRun of(String... args) {
        CommandLine cli = ToolsMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new ToolRun(code, out.toString(), err.toString());
    }

    /** The command object picocli filled from {@code args} (first element is the subcommand name). */
    @SuppressWarnings("unchecked")
    public static <T> T parsed(String... args) {
        CommandLine.ParseResult result = ToolsMain.commandLine().parseArgs(args);
        return (T) result.subcommand().commandSpec().userObject();
    }
}
