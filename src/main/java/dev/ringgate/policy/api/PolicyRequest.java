package dev.ringgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.kernel.Patterns;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.Day;
import dev.ringgate.policy.domain.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's policy for one product. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRequest(
    @NotNull Channel channel,
    @Size(max = 64) @Schema(description = "Required with PINNED, refused otherwise.")
        String pinnedVersion,
    @NotNull Boolean requireApproval,
    @Size(max = 100)
        Map<
                @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE) String,
                @NotNull @Valid GroupRequest>
            groups,
    @Size(max = 50) List<@NotNull @Valid WindowRequest> maintenanceWindows,
    @Schema(description = "No new version before this time (RFC 3339).") OffsetDateTime freezeUntil,
    @Size(max = 2000) String reason) {

  /** A device group's own rule. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GroupRequest(
      @Pattern(regexp = Patterns.ID, message = Patterns.ID_MESSAGE)
          @Schema(description = "The name of the earliest ring the group's devices take part in.")
          String earliestRing,
      Boolean requireApproval) {}

  /** A maintenance window in the tenant's time zone. */
  public record WindowRequest(
      @NotEmpty @Size(max = 7) List<@NotNull Day> days,
      @NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "must be HH:mm")
          String start,
      @NotNull @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "must be HH:mm")
          String end,
      @NotNull @Size(max = 64) @Schema(description = "An IANA time zone, e.g. Europe/Berlin.")
          String zone) {}

  /** Days of the week as the API names them. */

  /** The policy as set (without the reason, which goes to the audit log only). */
  public PolicySettings settings() {
    return new PolicySettings(
        channel,
        pinnedVersion,
        Boolean.TRUE.equals(requireApproval),
        groups == null
            ? null
            : groups.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e ->
                            new PolicySettings.Group(
                                e.getValue().earliestRing(), e.getValue().requireApproval()),
                        (a, b) -> a,
                        LinkedHashMap::new)),
        maintenanceWindows == null
            ? null
            : maintenanceWindows.stream()
                .map(w -> new PolicySettings.Window(w.days(), w.start(), w.end(), w.zone()))
                .toList(),
        freezeUntil);
  }
}
