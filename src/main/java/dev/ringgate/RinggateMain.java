package dev.ringgate;

import dev.ringgate.agent.AgentCommand;
import dev.ringgate.simulate.SimulateCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The main command. Without arguments it runs the service; {@code demo} runs it with the demo on
 * (in {@code ./demo-data} unless {@code RINGGATE_DATA_DIR} says otherwise); {@code simulate ...}
 * runs the fleet simulator and exits, without starting the service; {@code agent ...} runs the
 * reference endpoint agent, also without the service.
 */
@QuarkusMain
public final class RinggateMain {
  private RinggateMain() {}

  public static void main(String... args) {
    if (args.length > 0 && args[0].equals("agent")) {
      System.exit(AgentCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("simulate")) {
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      System.exit(SimulateCommand.run(rest, System.out, System.err));
    }
    if (args.length > 0 && args[0].equals("demo")) {
      System.setProperty("ringgate.demo.enabled", "true");
      if (System.getenv("RINGGATE_DATA_DIR") == null
          && System.getProperty("ringgate.data-dir") == null) {
        System.setProperty("ringgate.data-dir", "./demo-data");
      }
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    Quarkus.run(args);
  }
}
