package dev.ringgate.web;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A trivial endpoint: no credentials, no state. For load balancers that want a cheap HTTP answer,
 * and the baseline that the check-in's throughput is measured against (docs/benchmarks.md).
 */
@Path("/ping")
@Tag(name = "Operations")
public class PingResource {
  private static final String PONG = "{\"pong\":true}";

  @GET
  @NonBlocking
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Answer pong")
  public String ping() {
    return PONG;
  }
}
