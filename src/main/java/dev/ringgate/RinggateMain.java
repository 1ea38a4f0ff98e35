package dev.ringgate;

import dev.ringgate.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point: the command line ({@link Cli}) is parsed before Quarkus starts, and only
 * {@code serve} (the default) and {@code demo} start it.
 */
@QuarkusMain
public final class RinggateMain {
  private RinggateMain() {}

  public static void main(String... args) {
    int code = Cli.run(args, System.out, System.err, Quarkus::run);
    if (code != 0) {
      System.exit(code);
    }
  }
}
