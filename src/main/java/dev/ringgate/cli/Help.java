package dev.ringgate.cli;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help} on every command (without {@code --version}, which releases use). */
final class Help {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
