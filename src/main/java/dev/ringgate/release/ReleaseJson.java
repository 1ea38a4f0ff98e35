package dev.ringgate.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.release.domain.Gate;
import dev.ringgate.release.domain.Ring;
import dev.ringgate.release.domain.Selector;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the ring plan's domain values are written as JSON (answers, stored plans, audit events), kept
 * out of the domain by Jackson mix-ins: a ring or gate leaves out what is not set, a selector what
 * is empty.
 */
@Singleton
public class ReleaseJson implements ObjectMapperCustomizer {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  private interface WithoutNulls {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private interface WithoutEmpties {}

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.addMixIn(Ring.class, WithoutNulls.class);
    mapper.addMixIn(Gate.class, WithoutNulls.class);
    mapper.addMixIn(Selector.class, WithoutEmpties.class);
  }
}
