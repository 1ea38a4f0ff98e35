package dev.ringgate.demo;

/** The demo cannot go on: the service refused a step, or the demo was stopped. */
final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DemoException(String message) {
    super(message);
  }
}
