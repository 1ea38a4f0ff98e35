package dev.ringgate.kernel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The clock of the service. Stored times are truncated to milliseconds, so that a time read back
 * from either database is exactly the one that was hashed into the audit chain.
 */
@ApplicationScoped
public class TimeSource {
  private final Clock clock = Clock.systemUTC();

  @Produces
  Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
