package dev.millrace.tools;

import dev.millrace.tools.client.ToolException;
import dev.millrace.tools.consume.ConsumeCommand;
import dev.millrace.tools.groups.GroupsCommand;
import dev.millrace.tools.produce.ProduceCommand;
import dev.millrace.tools.topics.TopicsCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/millrace topics|produce|consume|groups}: one picocli subcommand per tool.
 * Exit codes: 0 success, 1 a failure while running (one line on stderr), 2 bad command-line usage.
 */
@Command(name = "millrace",
        mixinStandardHelpOptions = true,
        versionProvider = ToolsMain.Version.class,
        description = "Millrace command-line tools. They speak the Kafka protocol, so they also work "
                + "against Apache Kafka.",
        subcommands = {TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class, GroupsCommand.class})
public final class ToolsMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int exitCode = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(exitCode);
    }

    /** The configured command line; tests call it to run a tool with captured output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ToolsMain());
        // records are UTF-8 text whatever the machine's locale says
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ToolException) {
                commandLine.getErr().println("Error: " + e.getMessage());
                commandLine.getErr().flush();
                return ToolException.FAILED;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        // no subcommand given: show what there is
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: one of topics, produce, consume, groups");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ToolsMain.class.getPackage().getImplementationVersion();
            return new String[] {"Millrace tools " + (v == null ? "(development build)" : v)};
        }
    }
}
