package dev.ringgate.console;

import java.util.List;

/**
 * The policy form of one tenant and product: the values as shown (or as typed, when they were
 * refused), with each refusal next to its field and the rest in {@code errors}.
 */
public record PolicyForm(
    String tenantId,
    String productId,
    List<Option> channels,
    String pinnedVersion,
    String pinnedVersionError,
    boolean requireApproval,
    String freezeUntil,
    String freezeUntilError,
    List<WindowRow> windows,
    List<GroupRow> groups,
    List<String> errors,
    String saved,
    boolean isDefault) {

  /** A choice of a select. */
  public record Option(String value, String label, boolean selected) {}

  /** A maintenance window's row ({@code index} names its fields: {@code w0.start}). */
  public record WindowRow(
      int index,
      List<Option> days,
      String start,
      String end,
      String zone,
      String daysError,
      String startError,
      String endError,
      String zoneError) {}

  /** A device group's row. */
  public record GroupRow(
      int index, String name, String earliestRing, List<Option> requireApproval, String error) {}
}
