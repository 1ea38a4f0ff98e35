package dev.ringgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.policy.domain.Channel;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A tenant's policy for a product as answered; {@code isDefault} when none was ever set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(
    String tenantId,
    String productId,
    Channel channel,
    String pinnedVersion,
    boolean requireApproval,
    Map<String, PolicyRequest.GroupRequest> groups,
    List<PolicyRequest.WindowRequest> maintenanceWindows,
    OffsetDateTime freezeUntil,
    boolean isDefault,
    boolean stopped) {

  /** The policy of a tenant that never set one. */
  public static final PolicyRequest DEFAULT =
      new PolicyRequest(Channel.STAGED, null, false, null, null, null, null);

  public static PolicyView of(
      String tenantId, String productId, PolicyRequest p, boolean isDefault, boolean stopped) {
    return new PolicyView(
        tenantId,
        productId,
        p.channel(),
        p.pinnedVersion(),
        Boolean.TRUE.equals(p.requireApproval()),
        p.groups() == null ? Map.of() : p.groups(),
        p.maintenanceWindows() == null ? List.of() : p.maintenanceWindows(),
        p.freezeUntil(),
        isDefault,
        stopped);
  }
}
