package dev.ringgate.cli;

import dev.ringgate.simulate.SimulateCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: the fleet simulator, its options and behaviour as {@link SimulateCommand} has
 * them (its own parser, its own {@code --help}); runs without starting the service.
 */
@Command(
    name = "simulate",
    description = "Rehearses a ring plan against the fleet simulator's scenarios (see --help).")
final class SimulateWrapper implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "OPTION", description = "The simulator's options; see --help.")
  List<String> options = new ArrayList<>();

  @Override
  public Integer call() {
    Cli cli = (Cli) spec.root().userObject();
    return SimulateCommand.run(options.toArray(String[]::new), cli.out(), cli.err());
  }
}
