package dev.ringgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ringgate.kernel.ApiClient;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running server: {@code --server}, {@code --key} and {@code --help}; a
 * server that cannot be reached is named with its URL.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin Help help;

  @Spec CommandSpec spec;

  @Mixin ServerOptions connection;

  @Override
  public final Integer call() throws Exception {
    try {
      return run(connection.client());
    } catch (UncheckedIOException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
        throw new CliException(
            "cannot connect to the server at "
                + connection.server
                + " (is it running? set --server or RINGGATE_URL)",
            e);
      }
      throw e;
    }
  }

  /** Does the command; returns the exit code. */
  protected abstract int run(ApiClient api) throws Exception;

  protected PrintStream out() {
    return ((Cli) spec.root().userObject()).out();
  }

  protected PrintStream err() {
    return ((Cli) spec.root().userObject()).err();
  }

  /** Prints {@code json} indented, for people and for {@code jq}. */
  protected void printJson(JsonNode json) {
    try {
      out()
          .println(
              ApiClient.json()
                  .writer()
                  .with(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A path segment or query value, encoded. */
  protected static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
