package dev.ringgate.cli;

/** A command that could not be done, for a reason the message tells the user (exit code 1). */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
