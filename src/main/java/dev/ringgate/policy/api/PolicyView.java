package dev.ringgate.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ringgate.policy.domain.Channel;
import dev.ringgate.policy.domain.PolicySettings;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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

  public static PolicyView of(
      String tenantId, String productId, PolicySettings p, boolean isDefault, boolean stopped) {
    return new PolicyView(
        tenantId,
        productId,
        p.channel(),
        p.pinnedVersion(),
        p.requireApproval(),
        p.groups() == null ? Map.of() : groups(p.groups()),
        p.maintenanceWindows() == null ? List.of() : windows(p.maintenanceWindows()),
        p.freezeUntil(),
        isDefault,
        stopped);
  }

  private static Map<String, PolicyRequest.GroupRequest> groups(
      Map<String, PolicySettings.Group> groups) {
    Map<String, PolicyRequest.GroupRequest> answer = new LinkedHashMap<>();
    groups.forEach(
        (name, g) ->
            answer.put(
                name, new PolicyRequest.GroupRequest(g.earliestRing(), g.requireApproval())));
    return answer;
  }

  private static List<PolicyRequest.WindowRequest> windows(List<PolicySettings.Window> windows) {
    return windows.stream()
        .map(w -> new PolicyRequest.WindowRequest(w.days(), w.start(), w.end(), w.zone()))
        .toList();
  }
}
